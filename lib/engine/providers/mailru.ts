/**
 * Mail.ru: how to recognise its servers and recipients, its own wording and what it
 * means, its own status-code numbers, its pages.
 */
import type { ProviderModule } from './types';

export const mailru: ProviderModule = {
  id: 'mailru',
  name: 'Mail.ru',
  kind: 'mailbox',
  hosts: ['mail.ru'],
  domains: ['mail.ru', 'inbox.ru', 'list.ru', 'bk.ru', 'internet.ru'],
  links: [
    { label: 'Mail.ru: 550 spam rejection', url: 'https://help.mail.ru/notspam-support/errors/550spam' },
  ],
  wording: [{ phrase: 'is unavailable: account is disabled', reason: 'suspend', replyCode: '550' }],
  fixtures: ['corpus:maildir/bsd/lhost-mailru-05.eml'],
  codes: [],
};
