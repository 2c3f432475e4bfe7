/**
 * Trellix (FireEye) Email Security: how to recognise its servers and recipients, its own wording and what it
 * means, its own status-code numbers, its pages.
 */
import type { ProviderModule } from './types';

export const fireeye: ProviderModule = {
  id: 'fireeye',
  name: 'Trellix (FireEye) Email Security',
  kind: 'gateway',
  hosts: ['fireeyecloud.com'],
  domains: [],
  links: [],
  wording: [],
  fixtures: ['providers/fireeye-reply.eml'],
  codes: [],
};
