/**
 * SMTP syntax error (syntaxerror). The sending server spoke the SMTP protocol incorrectly.
 * Phrases are lower case and matched against the diagnostic with addresses taken out; each
 * set has one place in ./precedence.ts. The comment beside a phrase quotes a corpus reply it reads.
 */
import type { ReasonModule } from './types';

export const syntaxerror: ReasonModule = {
  id: 'syntaxerror',
  title: 'SMTP syntax error',
  definition: 'The sending server spoke the SMTP protocol incorrectly.',
  category: 'rejection',
  hard: false,
  action: 'fix-sending-setup',
  statusCodes: [
    '5.1', // X.5.1: invalid command
    '5.2', // X.5.2: syntax error
    '5.4', // X.5.4: invalid command arguments
    '5.5', // X.5.5: wrong protocol version
  ],
  phrases: {
    main: [
      'improper sequence of commands', // a standard DSN: "503 Improper sequence of commands"
      'bad sequence',
      'malformed address', // Exim: "…kijitora@example.com <neko@example.net>: malformed address: <neko@example.net> may not follow kijitora@example.com…"
      'syntax error',
      'command unrecognized',
      'command not recognized',
      'unrecognized command',
      'bad sequence of commands',
      'command not implemented',
      'line length exceeded',
      'parameter not implemented', // Postfix: "504 Command parameter not implemented"
    ],
    weak: [
      'syntax', // DragonFly Mail Agent: "…[192.0.2.25] did not like our RCPT TO: 501 5.1.3 <syntaxerror@libsisimai.net>: Recipient address…"
    ],
  },
  fixtures: ['corpus:maildir/bsd/lhost-exim-52.eml'],
};
