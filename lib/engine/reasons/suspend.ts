/**
 * Account disabled (suspend). The account exists but has been switched off, suspended or left inactive.
 * Phrases are lower case and matched against the diagnostic with addresses taken out; each
 * set has one place in ./precedence.ts. The comment beside a phrase quotes a corpus reply it reads.
 */
import type { ReasonModule } from './types';

export const suspend: ReasonModule = {
  id: 'suspend',
  title: 'Account disabled',
  definition: 'The account exists but has been switched off, suspended or left inactive.',
  category: 'invalid-address',
  hard: false,
  action: 'remove-address',
  statusCodes: [
    '2.1', // X.2.1: mailbox disabled, not accepting messages
    '7.13', // X.7.13: user account disabled
  ],
  phrases: {
    main: [
      'is inactive', // Google (receiving side): "…The email account that you tried to reach is inactive. For more"
      'recipient account is blocked', // Orange (receiving side): "…Le compte du destinataire est bloque. The recipient account is blocked. LPN007_426"
      'account is blocked', // Orange (receiving side): "…du destinataire est bloque. The recipient account is blocked. LPN007_426"
      'temporary locked', // Amazon SES: "…address rejected: User kijitora@example.com temporary locked. Please try again later!"
      'temporarily locked',
      'account disabled', // DragonFly Mail Agent: "…<suspend@libsisimai.net>: Recipient address rejected: User account disabled. See https://libsisimai.org/en/reason/#suspend"
      'account has been disabled', // Postfix: "…kijitora@example.co.jp cannot be delivered. This account has been disabled or discontinued [#102]. - mta222.mail.neko.example.c…"
      'account is disabled', // EZweb: "…������������������������������������������������ The user(s) account is disabled. <this-local-part-does-not-exist-on-the-site@e…"
      'account is inactive',
      'account inactive',
      'account has been suspended',
      'account suspended',
      'account is suspended',
      'account has expired',
      'account expired',
      'account is locked', // qmail: "…<kijitora@neko2.example.co.jp>: vdelivermail: account is locked email bounced kijitora@neko2.example.co.jp"
      'account locked',
      'account has been locked',
      'account is not active',
      'mailbox disabled', // PowerMTA: "Status: 5.2.1 (mailbox disabled, not accepting messages)"
      'mailbox is disabled',
      'mailbox has been disabled',
      'mailbox is inactive',
      'mailbox inactive',
      'mailbox suspended',
      'mailbox is frozen', // Postfix: "550 Mailbox is frozen. See http://mail.i.ua/err/3/"
      'mailbox has been suspended',
      'mailbox currently suspended',
      'recipient suspended',
      'recipient address is suspended',
      'user suspended',
      'user account is unavailable',
      'user account disabled', // DragonFly Mail Agent: "…<suspend@libsisimai.net>: Recipient address rejected: User account disabled. See https://libsisimai.org/en/reason/#suspend"
      'this account has been disabled', // Postfix: "…kijitora@example.co.jp cannot be delivered. This account has been disabled or discontinued [#102]. - mta222.mail.neko.example.c…"
      'disabled or discontinued', // Postfix: "…cannot be delivered. This account has been disabled or discontinued [#102]. - mta222.mail.neko.example.co.jp"
      'is no longer active',
      'inactive user',
      'inactive account',
      'inactive mailbox',
      'boite du destinataire archivee',
      'mailbox unavailable or access denied',
      'email account that you tried to reach is disabled', // Amazon SES: "550-5.2.1 The email account that you tried to reach is disabled. Learn more at https://support.google.com/mail/?p=DisabledUser…"
      'this mailbox is disabled',
      'account has been frozen',
      'mailbox has been blocked due to inactivity',
      'delivery not authorized, message refused',
      'no longer in service',
    ],
    weak: [
      'not active',
      'is disabled', // Amazon SES: "…The email account that you tried to reach is disabled. Learn more at https://support.google.com/mail/?p=DisabledUser…"
      'is suspended',
      'has been disabled', // Postfix: "…kijitora@example.co.jp cannot be delivered. This account has been disabled or discontinued [#102]. - mta222.mail.neko.example.c…"
      'has been suspended',
      'deactivated',
      'is deactivated',
      'temporarily disabled',
    ],
  },
  fixtures: ['corpus:maildir/bsd/lhost-amazonses-19.eml'],
};
