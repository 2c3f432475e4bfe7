/**
 * Authentication failed (authfailure). SPF, DKIM or DMARC checks for the sending domain did not pass.
 * Phrases are lower case and matched against the diagnostic with addresses taken out; each
 * set has one place in ./precedence.ts. The comment beside a phrase quotes a corpus reply it reads.
 */
import type { ReasonModule } from './types';

export const authfailure: ReasonModule = {
  id: 'authfailure',
  title: 'Authentication failed',
  definition: 'SPF, DKIM or DMARC checks for the sending domain did not pass.',
  category: 'dmarc',
  hard: false,
  action: 'fix-sending-setup',
  statusCodes: [
    '7.20', // X.7.20: no passing DKIM signature found
    '7.21', // X.7.21: no acceptable DKIM signature found
    '7.22', // X.7.22: no valid author-matched DKIM signature found
    '7.23', // X.7.23: SPF validation failed
    '7.24', // X.7.24: SPF validation error
    '7.26', // X.7.26: multiple authentication checks failed
  ],
  phrases: {
    main: [
      'dmarc reject',
      'dmarc validation',
      'dmarc check', // Tencent (receiving side): "550 DMARC check failed. http://service.mail.qq.com/cgi-bin/help?subtype=1&&no=1001508&&id=16."
      'dmarcrejection', // DragonFly Mail Agent: "…go to https://support.google.com/mail/?p=DmarcRejection 98e67ed59e1d1-2c2d0e28189si6418580a91.13…"
      'failed dmarc',
      'dmarc verification', // DragonFly Mail Agent: "…sending domain [DF.EXAMPLE.JP] does not pass DMARC verification and has a DMARC policy of reject. [TYCP286MB3363.JPNP286.PROD.O……"
      'spf check failed',
      'spf fail',
      'spf validation',
      'spf record', // Exim: "550 Bad SPF records for [example.org:192.0.2.2], see http://spf.pobox.com/"
      'failed spf',
      'sender policy framework',
      'spf authentication',
      'not pass spf', // Google (receiving side): "…DKIM. Authentication results: DKIM = did not pass SPF [relay3.example.com] with ip: [192.0.2.22]…"
      'did not pass dkim',
      'dkim signature',
      'dkim check',
      'dkim validation',
      'dkim failed',
      'unauthenticated email', // DragonFly Mail Agent: "…did not like our final DATA: 550-5.7.26 Unauthenticated email from example.jp is not accepted due to domain's…"
      'authentication checks', // DragonFly Mail Agent: "…<authfailure@libsisimai.net>: Recipient address rejected: Multiple authentication checks failed"
      'not authenticated',
      'is not designated as permitted sender',
      'not permitted by domain of sender',
      'sender is not authorized by',
      'not an authorized sender',
      'domain of sender does not designate',
      /\bspf\b.{0,30}\b(?:fail|reject|softfail|permerror)/, // Sendmail: "…MAIL FROM domain [email.example.jp] has an SPF record with a hard fail"
      /\bdkim\b.{0,30}\b(?:fail|invalid|missing|required)/,
      /\bdmarc\b.{0,30}\b(?:fail|reject|quarantine)/, // DragonFly Mail Agent: "…does not pass DMARC verification and has a DMARC policy of reject. [TYCP286MB3363.JPNP286.PROD.OUTLOOK.COM…"
    ],
  },
  fixtures: ['corpus:maildir/bsd/lhost-dragonfly-01.eml'],
};
