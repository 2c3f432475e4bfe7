/**
 * WEB.DE: how to recognise its servers and recipients, its own wording and what it
 * means, its own status-code numbers, its pages.
 */
import type { ProviderModule } from './types';

export const webde: ProviderModule = {
  id: 'webde',
  name: 'WEB.DE',
  kind: 'mailbox',
  hosts: ['web.de'],
  domains: ['web.de'],
  links: [
    { label: 'WEB.DE postmaster: error messages', url: 'https://postmaster.web.de/en/error-messages' },
    { label: 'WEB.DE email policy', url: 'https://postmaster.web.de/en/email-policy' },
  ],
  wording: [],
  fixtures: ['providers/webde-reply.eml'],
  codes: [],
};
