/**
 * Orange: how to recognise its servers and recipients, its own wording and what it
 * means, its own status-code numbers, its pages.
 */
import type { ProviderModule } from './types';

export const orange: ProviderModule = {
  id: 'orange',
  name: 'Orange',
  kind: 'mailbox',
  hosts: ['orange.fr', 'wanadoo.fr'],
  domains: ['orange.fr', 'wanadoo.fr'],
  links: [],
  wording: [
    { phrase: 'boite du destinataire pleine', reason: 'mailboxfull', status: '5.1.1', replyCode: '552' },
    { phrase: 'recipient overquota', reason: 'mailboxfull', status: '5.1.1', replyCode: '552' },
    { phrase: 'ofr_416', reason: 'userunknown', status: '5.1.1', replyCode: '550' },
    { phrase: 'client host blocked for spamming issues', reason: 'blocked', replyCode: '550' },
    { phrase: 'emetteur invalide', reason: 'rejected', status: '5.1.0', replyCode: '501' },
    // Orange's code 506 is its content filter calling the message spam.
    { phrase: 'ofr_506', reason: 'spamdetected', status: '5.2.0', replyCode: '550' },
  ],
  fixtures: ['corpus:maildir/bsd/lhost-einsundeins-03.eml'],
  codes: [],
};
