/**
 * Infomaniak: how to recognise its servers and recipients, its own wording and what it
 * means, its own status-code numbers, its pages.
 */
import type { ProviderModule } from './types';

export const infomaniak: ProviderModule = {
  id: 'infomaniak',
  name: 'Infomaniak',
  kind: 'mailbox',
  hosts: ['infomaniak.ch', 'infomaniak.com'],
  domains: ['ik.me'],
  links: [],
  wording: [],
  fixtures: ['providers/infomaniak-reply.eml'],
  codes: [],
};
