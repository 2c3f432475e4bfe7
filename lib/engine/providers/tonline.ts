/**
 * Telekom's T-Online: how to recognise its servers and recipients, its own wording and what it
 * means, its pages.
 * Its inbound servers refuse a sending host they do not trust with one reply whose last bracket
 * says why; "(BL)" is a host on its block list (postmaster.t-online.de, "IP troubleshooting").
 */
import type { ProviderModule } from './types';

export const tonline: ProviderModule = {
  id: 'tonline',
  name: 'T-Online (Telekom)',
  kind: 'mailbox',
  hosts: ['t-online.de'],
  domains: ['t-online.de', 'magenta.de'],
  links: [{ label: 'T-Online postmaster', url: 'https://postmaster.t-online.de/index.en.html' }],
  wording: [
    // "554 IP=192.0.2.254 - A problem occurred. (Ask your postmaster for help or to contact
    //  tosa@rx.t-online.de to clarify.) (BL)": the sending IP is block-listed (mx0N.t-online.de).
    { phrase: 'to clarify.) (bl)', reason: 'blocked', replyCode: '554' },
  ],
  fixtures: ['providers/tonline-bl.eml'],
  codes: [],
};
