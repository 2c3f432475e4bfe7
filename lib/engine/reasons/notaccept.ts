/**
 * Domain takes no mail (notaccept). The recipient’s domain declares that it receives no email at all (for instance a null MX).
 * Phrases are lower case and matched against the diagnostic with addresses taken out; each
 * set has one place in ./precedence.ts. The comment beside a phrase quotes a corpus reply it reads.
 */
import type { ReasonModule } from './types';

export const notaccept: ReasonModule = {
  id: 'notaccept',
  title: 'Domain takes no mail',
  definition: 'The recipient’s domain declares that it receives no email at all (for instance a null MX).',
  category: 'mailbox',
  hard: true,
  action: 'remove-address',
  statusCodes: [
    '1.10', // X.1.10: recipient address has null MX (RFC 7505)
    '3.2', // X.3.2: system not accepting network messages
  ],
  phrases: {
    main: [
      'no mx record found', // Yahoo: "…following address. <neko@libsisimai.org>: No mx record found for domain=libsisimai.org"
      'no mx found for domain', // OpenSMTPD: "No MX found for domain Please note that this is only a temporary…"
      "couldn't find a mail exchanger", // qmail: "Sorry, I couldn't find a mail exchanger or IP address. (#5.4.4)"
      'indicated no smtp service', // Mail.ru: "…neko@libsisimai.org an MX or SRV record indicated no SMTP service Рекомендуем Вам проверить корректность указания…"
      'does not accept mail', // Oracle Messaging Server: "Recipient address: Reason: host/domain does not accept mail"
      'not accepting mail',
      'does not receive mail',
      'accepts no mail',
      'null mx', // G Suite: "…according to the administrator: returned Null MX https://www.rfc-editor.org/info/rfc7505"
      'nullmx',
      'domain does not accept', // Oracle Messaging Server: "Recipient address: Reason: host/domain does not accept mail"
      'does not accept email',
      'host does not accept', // Sendmail: "550 Host does not accept mail"
      'no mail accepted',
      'domain is not configured to accept',
    ],
  },
  fixtures: ['corpus:maildir/bsd/lhost-dragonfly-16.eml'],
};
