/**
 * Amazon SES: how to recognise its servers and recipients, its own wording and what it
 * means, its own status-code numbers, its pages.
 */
import type { ProviderModule } from './types';

export const amazonses: ProviderModule = {
  id: 'amazonses',
  name: 'Amazon SES',
  kind: 'sending',
  hosts: ['amazonses.com'],
  domains: [],
  links: [],
  wording: [],
  fixtures: ['corpus:maildir/bsd/lhost-amazonses-14.eml'],
  codes: [],
};
