/**
 * Cisco Secure Email (IronPort): how to recognise its servers and recipients, its own wording and what it
 * means, its own status-code numbers, its pages.
 */
import type { ProviderModule } from './types';

export const cisco: ProviderModule = {
  id: 'cisco',
  name: 'Cisco Secure Email (IronPort)',
  kind: 'gateway',
  hosts: ['iphmx.com'],
  domains: [],
  links: [],
  wording: [],
  fixtures: ['providers/cisco-reply.eml'],
  codes: [],
};
