/**
 * Local delivery failure (mailererror). The program that stores mail on the recipient’s side failed.
 * Phrases are lower case and matched against the diagnostic with addresses taken out; each
 * set has one place in ./precedence.ts. The comment beside a phrase quotes a corpus reply it reads.
 */
import type { ReasonModule } from './types';

export const mailererror: ReasonModule = {
  id: 'mailererror',
  title: 'Local delivery failure',
  definition: 'The program that stores mail on the recipient’s side failed.',
  category: 'recipient-error',
  hard: false,
  action: 'retry-later',
  statusCodes: [],
  phrases: {
    'program-output': [
      // Sendmail, for a delivery program that exited with status 71 (EX_OSERR): \"451 4.0.0 Operating system error\"
      'operating system error', // Sendmail: "451 4.0.0 Operating system error"
      'procmail:', // Postfix: "procmail: Couldn't create "/var/spool/mail/neko" id:…"
      'command output:', // Postfix: "unknown. Command output: procmail: Couldn't create "/var/spool/mail/neko"…"
      'command died with',
      'mailer error', // DragonFly Mail Agent: "…<mailererror@libsisimai.net>: Recipient address rejected: Mailer error. See https://libsisimai.org/en/reason/#mailererror"
      'x-unix;', // Postfix: "Diagnostic-Code: x-unix; procmail: Couldn't create "/var/spool/mail/neko"…"
    ],
    main: [
      'command failed',
      'command died',
      'procmail', // Postfix: "procmail: Couldn't create "/var/spool/mail/neko"…"
      'unknown mailer error', // Sendmail: "…/mail/catch.pl line 158 554 5.3.0 unknown mailer error 255"
      'x-unix', // Postfix: "Diagnostic-Code: x-unix; procmail: Couldn't create "/var/spool/mail/neko"…"
    ],
    weak: [
      'exit code',
      'exit status',
      'pipe to', // Exim: "…generated during the delivery attempt: ------ pipe to |/usr/local/nyaan/bin/neko kijitora@example.com…"
      'broken pipe',
    ],
  },
  fixtures: ['corpus:maildir/bsd/lhost-dragonfly-13.eml'],
};
