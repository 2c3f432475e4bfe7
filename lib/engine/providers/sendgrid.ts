/**
 * Twilio SendGrid: how to recognise its servers and recipients, its own wording and what it
 * means, its own status-code numbers, its pages.
 */
import type { ProviderModule } from './types';

export const sendgrid: ProviderModule = {
  id: 'sendgrid',
  name: 'Twilio SendGrid',
  kind: 'sending',
  hosts: ['sendgrid.net'],
  domains: [],
  links: [],
  wording: [],
  fixtures: ['corpus:maildir/bsd/lhost-postfix-65.eml'],
  codes: [],
};
