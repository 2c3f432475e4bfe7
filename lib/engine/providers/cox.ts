/**
 * Cox: how to recognise its servers and recipients, its own wording and what it
 * means, its own status-code numbers, its pages.
 */
import type { ProviderModule } from './types';

export const cox: ProviderModule = {
  id: 'cox',
  name: 'Cox',
  kind: 'mailbox',
  hosts: ['cox.net'],
  domains: ['cox.net'],
  links: [],
  wording: [],
  fixtures: ['corpus:maildir/bsd/rhost-cox-01.eml'],
  codes: [],
};
