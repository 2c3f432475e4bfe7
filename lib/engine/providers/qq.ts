/**
 * Tencent QQ Mail: how to recognise its servers and recipients, its own wording and what it
 * means, its own status-code numbers, its pages.
 */
import type { ProviderModule } from './types';

export const qq: ProviderModule = {
  id: 'qq',
  name: 'Tencent QQ Mail',
  kind: 'mailbox',
  hosts: ['qq.com'],
  domains: ['qq.com', 'foxmail.com', 'vip.qq.com'],
  links: [
    {
      label: 'QQ Mail: suspected spam sender',
      url: 'https://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1001461',
    },
  ],
  wording: [
    { phrase: 'mail is rejected by recipients', reason: 'filtered', replyCode: '550' },
    { phrase: 'mail content denied', reason: 'contenterror', replyCode: '550' },
    { phrase: 'sender frequency limited', reason: 'toomanyconn', replyCode: '550' },
    { phrase: 'suspected spam sender', reason: 'badreputation', replyCode: '550' },
    { phrase: 'bad address syntax', reason: 'userunknown', replyCode: '501' },
  ],
  fixtures: ['corpus:maildir/bsd/lhost-postfix-56.eml'],
  codes: [],
};
