/**
 * AT&T Mail: how to recognise its servers and recipients, its own wording and what it
 * means, its own status-code numbers, its pages.
 */
import type { ProviderModule } from './types';

export const att: ProviderModule = {
  id: 'att',
  name: 'AT&T Mail',
  kind: 'mailbox',
  hosts: ['att.net', 'prodigy.net'],
  domains: ['att.net', 'sbcglobal.net', 'bellsouth.net', 'prodigy.net', 'pacbell.net', 'swbell.net'],
  links: [
    { label: 'AT&T email support', url: 'https://www.att.com/support/article/email-support/KM1401980/' },
  ],
  wording: [
    { phrase: 'blank mailhost - invalid address', reason: 'userunknown', status: '5.2.1', replyCode: '550' },
    {
      phrase: 'connections not accepted from servers without a valid sender domain',
      reason: 'requireptr',
      status: '5.7.1',
      replyCode: '550',
    },
  ],
  fixtures: ['corpus:maildir/bsd/lhost-exim-43.eml'],
  codes: [],
};
