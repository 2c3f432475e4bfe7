/**
 * Network or DNS failure (networkerror). The recipient’s server could not be reached because of a network or DNS problem.
 * Phrases are lower case and matched against the diagnostic with addresses taken out; each
 * set has one place in ./precedence.ts. The comment beside a phrase quotes a corpus reply it reads.
 */
import type { ReasonModule } from './types';

export const networkerror: ReasonModule = {
  id: 'networkerror',
  title: 'Network or DNS failure',
  definition: 'The recipient’s server could not be reached because of a network or DNS problem.',
  category: 'recipient-error',
  hard: false,
  action: 'retry-later',
  statusCodes: [
    '4.1', // X.4.1: no answer from host
    '4.2', // X.4.2: bad connection
    '4.6', // X.4.6: routing loop detected
  ],
  phrases: {
    'dns-try-again': [
      'host not found, try again', // Postfix: "…Name service error for domain example.com: Host not found, try again"
    ],
    'cause-of-expiry': [
      "wasn't able to establish an smtp connection", // qmail: "Sorry, I wasn't able to establish an SMTP connection. (#4.4.1) I'm not going to try again; this…"
      'dns query failed', // Office 365: "550 5.4.312 Message expired, DNS query failed"
    ],
    main: [
      'host name lookup failure', // Sendmail: "…<kijitora@example.co.jp>... Deferred: Name server: example.co.jp.: host name lookup failure Message could not be delivered for ……"
      'too many hops', // Sendmail: "554 5.4.6 Too many hops"
      'mail loop', // X6: "…[554 5.4.6 Hop count exceeded - possible mail loop] The attachment contains the original mail…"
      'loop detected',
      'loops back',
      'network error', // OpenSMTPD: "…of recipients: kijitora@neko.example.jp: Network error on destination MXs Please note that this…"
      'hop count', // Domino: "…transferring to neko22.example.org; Ma ximum hop count exceeded. Message probably in a routing…"
      'routing loop', // Domino: "…hop count exceeded. Message probably in a routing loop."
      'connection timeout',
      'could not connect',
      'unable to connect', // Outlook.com: "…to the following recipients, due to being unable to connect successfully to the destination mail server.…"
      'cannot connect',
      'temporary lookup failure',
      'host not reachable', // Zoho: "…<kijitora@6kaku.example.co.jp>, ResponseCode 421, , Host not reachable.] Message will be retried for 4 more day(s)…"
    ],
    weak: [
      'timed out', // Amazon SES: "…deliver in 840 minutes.<421 4.4.2 Connection timed out>"
      'timeout', // Exim: "…address(es) failed: kijitora@example.com retry timeout exceeded"
      'connect to', // Postfix: "X-mPOP-Fallback_MX; connect to example.com[93.184.216.119]: Connection…"
      'network', // DragonFly Mail Agent: "…Recipient address rejected: System not accepting network messages. See https://libsisimai.org/en/reason/#notaccept"
      'no route', // a standard DSN: "connect to nyaan.example.com[192.0.2.2]:25: No route to host"
      'unreachable',
      'dns', // Amazon SES: "…unavailable; client [203.0.113.225] blocked using dnsbl.sorbs.net Please see http://support.mailhostbox.com/email-administrator……"
      'name server', // AOL: "…name=libsisimai.org type=MX: Malformed or unexpected name server reply"
      'conversation with',
      'lost connection', // Postfix: "lost connection with mx2.qq.com[184.105.206.86] while performing…"
      'connection reset', // Sendmail 5: "…(shironeko@example.jp). 421 example.edu (smtp)... Deferred: Connection reset by peer during result wait with example.edu…"
      'connection closed',
    ],
  },
  fixtures: ['corpus:maildir/bsd/lhost-domino-03.eml'],
};
