/**
 * AOL Mail: how to recognise its servers and recipients, its own wording and what it
 * means, its own status-code numbers, its pages.
 */
import { LINKS } from '../links';
import type { ProviderModule } from './types';

export const aol: ProviderModule = {
  id: 'aol',
  name: 'AOL Mail',
  kind: 'mailbox',
  hosts: ['aol.com'],
  domains: ['aol.*', 'aim.com', 'verizon.net'],
  links: [LINKS.yahooErrorCodes, LINKS.yahooSenderHub],
  wording: [],
  fixtures: ['providers/aol-reply.eml'],
  codes: [],
};
