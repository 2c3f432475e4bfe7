/**
 * Wording that several providers and block lists share, whoever answered: tried after the
 * answering provider's own wording, before the reason modules' phrases.
 */
import { LINKS } from '../links';
import type { Wording } from './types';

export const COMMON_WORDING: readonly Wording[] = [
  {
    phrase: 'blocked using spamhaus',
    reason: 'blocked',
    status: '5.7.1',
    replyCode: '550',
    link: LINKS.spamhausLookup.url,
  },
  {
    phrase: 'listed in spamhaus',
    reason: 'blocked',
    status: '5.7.1',
    replyCode: '550',
    link: LINKS.spamhausLookup.url,
  },
  {
    phrase: "in spamhaus's list",
    reason: 'blocked',
    status: '5.7.1',
    replyCode: '553',
    link: LINKS.spamhausLookup.url,
  },
  // a bare Spamhaus lookup address as the whole reply: the list holds the sending IP
  { phrase: 'spamhaus.org/query', reason: 'blocked', replyCode: '553', link: LINKS.spamhausLookup.url },
  {
    phrase: 'spamhaus xbl',
    reason: 'blocked',
    status: '5.7.1',
    replyCode: '553',
    link: LINKS.spamhausLookup.url,
  },
  {
    phrase: 'spamhaus dbl',
    reason: 'blocked',
    status: '5.7.1',
    replyCode: '550',
    link: LINKS.spamhausLookup.url,
  },
  {
    phrase: 'blocked using cloudmark sender intelligence',
    reason: 'blocked',
    status: '5.7.1',
    replyCode: '550',
    link: LINKS.cloudmarkReset.url,
  },
  { phrase: 'dmarc policy', reason: 'authfailure', status: '5.7.1', replyCode: '550' },
  { phrase: 'rejected due to dmarc', reason: 'authfailure', status: '5.2.0', replyCode: '550' },
  { phrase: 'dmarc check failed', reason: 'authfailure', replyCode: '550' },
  { phrase: 'dmarc failure', reason: 'authfailure', status: '5.7.26', replyCode: '550' },
  { phrase: 'spf-check failed', reason: 'authfailure', replyCode: '550' },
  // Postfix: the DNS server answered nonsense; the domain may well exist
  {
    phrase: 'malformed or unexpected name server reply',
    reason: 'networkerror',
    status: '5.4.4',
    replyCode: '554',
  },
  // Facebook's RCP-P2: the recipient's own settings refuse the message, whatever the status says
  { phrase: 'refused due to recipient preferences', reason: 'filtered', status: '5.1.1', replyCode: '550' },
  { phrase: 'relay access denied', reason: 'norelaying', status: '5.7.1', replyCode: '554' },
  { phrase: 'relaying denied', reason: 'norelaying', status: '5.7.1', replyCode: '550' },
  { phrase: 'relaying disallowed', reason: 'norelaying', status: '5.1.1', replyCode: '553' },
  { phrase: 'greylisted', reason: 'toomanyconn', status: '4.7.1', replyCode: '451' },
  { phrase: 'spam message rejected', reason: 'spamdetected', status: '5.7.1', replyCode: '554' },
  { phrase: 'rejected by spam filter', reason: 'spamdetected', status: '5.7.1', replyCode: '550' },
  { phrase: 'exceeded storage allocation', reason: 'mailboxfull', replyCode: '552' },
  { phrase: 'mailbox not found', reason: 'userunknown', replyCode: '550' },
  { phrase: 'rate limit exceeded', reason: 'toomanyconn', status: '4.5.3', replyCode: '452' },
  { phrase: 'virus detected', reason: 'virusdetected', replyCode: '550' },
  {
    phrase: 'sender address rejected: domain not found',
    reason: 'rejected',
    status: '5.1.8',
    replyCode: '550',
  },
];
