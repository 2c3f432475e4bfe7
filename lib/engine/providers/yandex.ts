/**
 * Yandex Mail: how to recognise its servers and recipients, its own wording and what it
 * means, its own status-code numbers, its pages.
 */
import type { ProviderModule } from './types';

export const yandex: ProviderModule = {
  id: 'yandex',
  name: 'Yandex Mail',
  kind: 'mailbox',
  hosts: ['yandex.net', 'yandex.ru'],
  domains: ['yandex.ru', 'yandex.com', 'ya.ru', 'yandex.by', 'yandex.kz', 'yandex.ua', 'narod.ru'],
  links: [
    { label: 'Yandex Mail bounce messages', url: 'https://yandex.com/support/mail/bounces/yandex.html' },
  ],
  wording: [
    {
      phrase: 'message rejected under suspicion of spam',
      reason: 'spamdetected',
      status: '5.7.1',
      replyCode: '554',
    },
    {
      phrase: 'recipient has exceeded message rate limit',
      reason: 'speeding',
      status: '4.2.1',
      replyCode: '450',
    },
    {
      phrase: 'policy rejection on the target address',
      reason: 'filtered',
      status: '5.7.1',
      replyCode: '550',
    },
    { phrase: 'no such user!', reason: 'userunknown', status: '5.7.1', replyCode: '550' },
    { phrase: 'mailbox size limit exceeded', reason: 'mailboxfull', status: '5.2.2', replyCode: '552' },
  ],
  fixtures: ['providers/yandex-reply.eml'],
  codes: [],
};
