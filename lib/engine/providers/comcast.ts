/**
 * Comcast (Xfinity): how to recognise its servers and recipients, its own wording and what it
 * means, its own status-code numbers, its pages.
 */
import type { ProviderModule } from './types';

export const comcast: ProviderModule = {
  id: 'comcast',
  name: 'Comcast (Xfinity)',
  kind: 'mailbox',
  hosts: ['comcast.net'],
  domains: ['comcast.net'],
  links: [{ label: 'Comcast postmaster', url: 'https://postmaster.comcast.net/' }],
  wording: [
    { phrase: 'recipient mailbox unallocated', reason: 'userunknown', status: '5.1.1', replyCode: '550' },
    { phrase: 'too many recent messages', reason: 'speeding', status: '4.1.1', replyCode: '452' },
    { phrase: 'extended quota violation', reason: 'mailboxfull', status: '5.1.1', replyCode: '552' },
    { phrase: 'must have a ptr record with a valid reverse dns', reason: 'requireptr', replyCode: '554' },
    { phrase: 'comcast block for spam', reason: 'blocked', replyCode: '554' },
  ],
  fixtures: ['corpus:maildir/bsd/lhost-exim-33.eml'],
  codes: [],
};
