/**
 * Proton Mail: how to recognise its servers and recipients, its own wording and what it
 * means, its own status-code numbers, its pages.
 */
import type { ProviderModule } from './types';

export const protonmail: ProviderModule = {
  id: 'protonmail',
  name: 'Proton Mail',
  kind: 'mailbox',
  hosts: ['protonmail.ch', 'protonmail.com', 'proton.me'],
  domains: ['protonmail.com', 'protonmail.ch', 'proton.me', 'pm.me'],
  links: [],
  wording: [],
  fixtures: ['providers/protonmail-reply.eml'],
  codes: [],
};
