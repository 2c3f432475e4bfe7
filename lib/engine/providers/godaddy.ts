/**
 * GoDaddy: how to recognise its servers and recipients, its own wording and what it
 * means, its own status-code numbers, its pages.
 */
import type { ProviderModule } from './types';

export const godaddy: ProviderModule = {
  id: 'godaddy',
  name: 'GoDaddy',
  kind: 'mailbox',
  hosts: ['secureserver.net'],
  domains: [],
  links: [],
  wording: [],
  fixtures: ['corpus:maildir/bsd/lhost-exim-45.eml'],
  codes: [],
};
