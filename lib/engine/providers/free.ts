/**
 * Free (free.fr): how to recognise its servers and recipients, its own wording and what it
 * means, its own status-code numbers, its pages.
 */
import type { ProviderModule } from './types';

export const free: ProviderModule = {
  id: 'free',
  name: 'Free (free.fr)',
  kind: 'mailbox',
  hosts: ['free.fr'],
  domains: ['free.fr'],
  links: [{ label: 'Free postmaster', url: 'https://postmaster.free.fr/index_en.html' }],
  wording: [
    { phrase: 'mailbox for user is full', reason: 'mailboxfull', status: '5.2.2', replyCode: '554' },
    { phrase: 'user quota exceeded', reason: 'mailboxfull', status: '5.2.2', replyCode: '552' },
    { phrase: 'spam detected', reason: 'spamdetected', replyCode: '550' },
  ],
  fixtures: ['corpus:maildir/bsd/lhost-dragonfly-20.eml'],
  codes: [],
};
