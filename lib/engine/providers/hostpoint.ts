/**
 * Hostpoint: how to recognise its servers and recipients, its own wording and what it
 * means, its own status-code numbers, its pages.
 */
import type { ProviderModule } from './types';

export const hostpoint: ProviderModule = {
  id: 'hostpoint',
  name: 'Hostpoint',
  kind: 'mailbox',
  hosts: ['hostpoint.ch'],
  domains: [],
  links: [],
  wording: [],
  fixtures: ['providers/hostpoint-reply.eml'],
  codes: [],
};
