/**
 * GMX: how to recognise its servers and recipients, its own wording and what it
 * means, its own status-code numbers, its pages.
 * Its error pages: postmaster.web.de/en/error-messages.
 */
import type { ProviderModule } from './types';

export const gmx: ProviderModule = {
  id: 'gmx',
  name: 'GMX',
  kind: 'mailbox',
  hosts: ['gmx.net', 'gmx.com', 'gmx.de'],
  domains: ['gmx.*', 'gmx.net'],
  links: [{ label: 'GMX postmaster: error messages', url: 'https://postmaster.gmx.net/en/error-messages' }],
  wording: [
    { phrase: 'reject due to spf policy', reason: 'authfailure', also: ['webde'], replyCode: '550' },
    { phrase: 'bad dns ptr resource record', reason: 'requireptr', also: ['webde'], replyCode: '550' },
    {
      phrase: 'reject due to policy restrictions (ip based)',
      reason: 'blocked',
      also: ['webde'],
      replyCode: '550',
    },
    {
      phrase: 'reject due to policy restrictions (domain based)',
      reason: 'badreputation',
      also: ['webde'],
      replyCode: '550',
    },
    {
      phrase: 'reject due to policy restrictions (header based)',
      reason: 'notcompliantrfc',
      also: ['webde'],
      replyCode: '550',
    },
    {
      phrase: 'reject due to policy restrictions',
      reason: 'policyviolation',
      also: ['webde'],
      replyCode: '550',
    },
    { phrase: 'ip address is block listed', reason: 'blocked', also: ['webde'], replyCode: '550' },
    {
      phrase: 'invalid dns mx or a/aaaa resource record',
      reason: 'rejected',
      also: ['webde'],
      replyCode: '550',
    },
  ],
  fixtures: ['corpus:maildir/bsd/lhost-postfix-60.eml'],
  codes: [],
};
