/**
 * Apple iCloud Mail: how to recognise its servers and recipients, its own wording and what it
 * means, its own status-code numbers, its pages.
 * Its error pages: support.apple.com/en-us/102322.
 */
import { LINKS } from '../links';
import type { ProviderModule } from './types';

export const apple: ProviderModule = {
  id: 'apple',
  name: 'Apple iCloud Mail',
  kind: 'mailbox',
  hosts: ['icloud.com', 'me.com', 'mac.com', 'apple.com'],
  domains: ['icloud.com', 'me.com', 'mac.com'],
  links: [LINKS.appleIcloud],
  wording: [
    {
      phrase: 'inactive email address',
      reason: 'userunknown',
      status: '5.1.1',
      replyCode: '550',
      link: LINKS.appleIcloud.url,
    },
    {
      phrase: 'recipient no longer on server',
      reason: 'hasmoved',
      status: '5.1.6',
      replyCode: '550',
      link: LINKS.appleIcloud.url,
    },
    {
      phrase: 'user is overquota',
      reason: 'mailboxfull',
      status: '5.2.2',
      replyCode: '552',
      link: LINKS.appleIcloud.url,
    },
    {
      phrase: 'deferred due to excessive volume',
      reason: 'speeding',
      status: '4.7.1',
      replyCode: '421',
      link: LINKS.appleIcloud.url,
    },
    {
      phrase: '[cs01]',
      reason: 'policyviolation',
      status: '5.7.1',
      replyCode: '550',
      link: LINKS.appleIcloud.url,
    },
  ],
  fixtures: ['corpus:maildir/bsd/arf-26.eml'],
  codes: [],
};
