/**
 * au (KDDI): how to recognise its servers and recipients, its own wording and what it
 * means, its own status-code numbers, its pages.
 */
import type { ProviderModule } from './types';

export const kddi: ProviderModule = {
  id: 'kddi',
  name: 'au (KDDI)',
  kind: 'mailbox',
  hosts: ['ezweb.ne.jp', 'au.com'],
  domains: ['ezweb.ne.jp', 'au.com'],
  links: [],
  wording: [
    // au's servers refuse mail that the recipient's own sender filter blocks with a "User unknown"
    // whose address slot is empty ("550 : User unknown"); a real unknown user names the address.
    { phrase: '550 : user unknown', reason: 'filtered', replyCode: '550', strict: true },
    { phrase: '550: : user unknown', reason: 'filtered', replyCode: '550', strict: true },
    // au's own notice when the recipient's reception filter turned the message away
    { phrase: 'each of the following recipients was rejected by a remote mail server', reason: 'filtered' },
  ],
  fixtures: ['corpus:maildir/bsd/lhost-ezweb-01.eml'],
  codes: [],
};
