/**
 * Zoho Mail: how to recognise its servers and recipients, its own wording and what it
 * means, its own status-code numbers, its pages.
 */
import type { ProviderModule } from './types';

export const zoho: ProviderModule = {
  id: 'zoho',
  name: 'Zoho Mail',
  kind: 'mailbox',
  hosts: ['zoho.com', 'zoho.eu', 'zoho.in', 'zohomail.com'],
  domains: ['zoho.com', 'zohomail.com', 'zoho.eu', 'zoho.in'],
  links: [
    {
      label: 'Zoho Mail: why mail is marked as spam',
      url: 'https://www.zoho.com/mail/help/spam-reason.html',
    },
  ],
  wording: [
    { phrase: 'detected by zoho mail', reason: 'virusdetected', status: '5.7.1', replyCode: '552' },
    {
      phrase: 'email flagged as spam',
      reason: 'spamdetected',
      status: '5.7.1',
      replyCode: '554',
      link: 'https://www.zoho.com/mail/help/spam-reason.html',
    },
    { phrase: 'mailpolicy violation', reason: 'policyviolation', status: '5.2.3', replyCode: '554' },
    { phrase: 'mail rejected by destination domain', reason: 'filtered', status: '5.4.1', replyCode: '541' },
  ],
  fixtures: ['corpus:maildir/bsd/lhost-postfix-73.eml'],
  codes: [],
};
