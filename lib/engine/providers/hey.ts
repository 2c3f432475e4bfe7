/**
 * HEY: how to recognise its servers and recipients, its own wording and what it
 * means, its own status-code numbers, its pages.
 */
import type { ProviderModule } from './types';

export const hey: ProviderModule = {
  id: 'hey',
  name: 'HEY',
  kind: 'mailbox',
  hosts: ['hey.com'],
  domains: ['hey.com'],
  links: [],
  wording: [],
  fixtures: ['providers/hey-reply.eml'],
  codes: [],
};
