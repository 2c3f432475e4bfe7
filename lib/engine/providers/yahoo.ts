/**
 * Yahoo Mail: how to recognise its servers and recipients, its own wording and what it
 * means, its own status-code numbers, its pages.
 * Its error pages: senders.yahooinc.com/smtp-error-codes.
 */
import { LINKS } from '../links';
import type { ProviderModule } from './types';

export const yahoo: ProviderModule = {
  id: 'yahoo',
  name: 'Yahoo Mail',
  kind: 'mailbox',
  hosts: ['yahoodns.net', 'yahoo.com', 'yahoo.net', 'yahooinc.com'],
  domains: ['yahoo.*', 'ymail.com', 'rocketmail.com'],
  links: [LINKS.yahooErrorCodes, LINKS.yahooSenderHub],
  wording: [
    // "421 4.7.0 [TSS04] Messages from … temporarily deferred due to unexpected volume or user complaints"
    {
      phrase: '[tss04]',
      reason: 'badreputation',
      also: ['aol'],
      status: '4.7.0',
      replyCode: '421',
      link: LINKS.yahooErrorCodes.url,
    },
    {
      phrase: 'due to unexpected volume or user complaints',
      reason: 'rejected',
      also: ['aol'],
      status: '4.7.0',
      replyCode: '421',
      link: LINKS.yahooErrorCodes.url,
    },
    {
      phrase: '[ts03]',
      reason: 'rejected',
      also: ['aol'],
      status: '4.7.1',
      replyCode: '421',
      link: LINKS.yahooErrorCodes.url,
    },
    {
      phrase: 'permanently deferred',
      reason: 'rejected',
      also: ['aol'],
      status: '4.7.1',
      replyCode: '421',
      link: LINKS.yahooErrorCodes.url,
    },
    {
      phrase: '[ph01]',
      reason: 'policyviolation',
      also: ['aol'],
      replyCode: '554',
      link: LINKS.yahooErrorCodes.url,
    },
    {
      phrase: 'message not accepted for policy reasons',
      reason: 'policyviolation',
      also: ['aol'],
      status: '5.7.9',
      replyCode: '554',
      link: LINKS.yahooErrorCodes.url,
    },
    {
      phrase: 'email not accepted for policy reasons',
      reason: 'policyviolation',
      also: ['aol'],
      replyCode: '554',
      link: LINKS.yahooErrorCodes.url,
    },
    {
      phrase: "this user doesn't have a",
      reason: 'userunknown',
      also: ['aol'],
      status: '5.5.4',
      replyCode: '554',
      link: LINKS.yahooErrorCodes.url,
    },
    {
      phrase: 'is no longer valid',
      reason: 'userunknown',
      also: ['aol'],
      status: '5.5.4',
      replyCode: '554',
      link: LINKS.yahooErrorCodes.url,
      strict: true,
    },
    {
      phrase: '[bl21]',
      reason: 'blocked',
      also: ['aol'],
      status: '5.7.1',
      replyCode: '553',
      link: LINKS.yahooErrorCodes.url,
    },
    {
      phrase: '[bl23]',
      reason: 'blocked',
      also: ['aol'],
      status: '5.7.1',
      replyCode: '553',
      link: LINKS.yahooErrorCodes.url,
    },
    {
      phrase: 'user is receiving mail too quickly',
      reason: 'speeding',
      also: ['aol'],
      replyCode: '450',
      link: LINKS.yahooErrorCodes.url,
    },
    {
      phrase: 'headers are not rfc compliant',
      reason: 'notcompliantrfc',
      also: ['aol'],
      replyCode: '554',
      link: LINKS.yahooErrorCodes.url,
    },
    {
      phrase: 'max message per connection reached',
      reason: 'toomanyconn',
      also: ['aol'],
      replyCode: '421',
      link: LINKS.yahooErrorCodes.url,
    },
  ],
  fixtures: ['corpus:maildir/bsd/arf-02.eml'],
  codes: [],
};
