/**
 * Recipient system error (systemerror). The recipient’s mail system had an internal failure.
 * Phrases are lower case and matched against the diagnostic with addresses taken out; each
 * set has one place in ./precedence.ts. The comment beside a phrase quotes a corpus reply it reads.
 */
import type { ReasonModule } from './types';

export const systemerror: ReasonModule = {
  id: 'systemerror',
  title: 'Recipient system error',
  definition: 'The recipient’s mail system had an internal failure.',
  category: 'recipient-error',
  hard: false,
  action: 'retry-later',
  statusCodes: [
    '1.9', // X.1.9: message relayed to non-compliant mailer
    '2.4', // X.2.4: mailing list expansion problem
    '3.3', // X.3.3: system not capable of selected features
    '3.5', // X.3.5: system incorrectly configured
    '4.3', // X.4.3: directory server failure
    '4.5', // X.4.5: mail system congestion
  ],
  phrases: {
    'receiver-lacks-tls': [
      /\bdoes(?: not|n't) (?:support|offer) (?:start)?tls\b/, // Gmail: "500 Remote server does not support TLS (state 6)."
      /\btls is required,? but (?:was )?not (?:offered|supported)\b/,
    ],
    'directory-down': [
      'unable to contact ldap server', // qmail: "Unable to contact LDAP server. (#4.4.3)I'm not going to try again; this…"
    ],
    main: [
      // Postfix relaying a server that could not read its own routing data: \"451 Could not load DRD for domain (example.com)\"
      'could not load', // Postfix: "example.com.inbound22.mxlogic.net[192.0.2.225] said: 451 Could not load"
      'system error', // Amazon WorkMail: "…5.3.5 <kuroneko@example.org>... Internal System Error"
      'out of memory',
      'queue file write error', // Postfix: "…<CR><LF>.<CR><LF> Out: 451 4.3.0 Error: queue file write error In: QUIT Out: 221 2.0.0 Bye For other details,…"
    ],
    weak: [
      'transaction failed', // Postfix: "554 Transaction failed"
      'mail system', // Amazon SES: "5.3.0 - Other mail system problem 550-'Unknown user this-local-part-does-not-exist-on-the-server@docomo.ne.jp'…"
      'temporary error',
      'temporarily unavailable', // X2: "Resources temporarily unavailable, please try again later [#4.1.9]. /I'm not…"
      'resources', // X2: "Resources temporarily unavailable, please try again…"
      'unavailable', // Amazon SES: "521-5.7.1 Service unavailable; client [203.0.113.225] blocked using dnsbl.sorbs.net…"
      'configuration error',
      'not configured', // Postfix: "…RCPT TO not accepted: 5.7.1 This system is not configured to relay mail (r) from <nekonyaans@p2.example.com>…"
      'server busy',
      'system is busy',
      'local error',
      'internal error',
      'server error',
    ],
  },
  fixtures: ['corpus:maildir/bsd/lhost-amazonworkmail-03.eml'],
};
