/**
 * Poor reputation (badreputation). The receiver rates the sending IP or domain’s reputation too low to accept mail.
 * Phrases are lower case and matched against the diagnostic with addresses taken out; each
 * set has one place in ./precedence.ts. The comment beside a phrase quotes a corpus reply it reads.
 */
import type { ReasonModule } from './types';

export const badreputation: ReasonModule = {
  id: 'badreputation',
  title: 'Poor reputation',
  definition: 'The receiver rates the sending IP or domain’s reputation too low to accept mail.',
  category: 'sender-reputation',
  hard: false,
  action: 'fix-sending-setup',
  statusCodes: [],
  phrases: {
    main: [
      'user complaints', // OpenSMTPD: "…temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes…"
      'unexpected volume', // OpenSMTPD: "…from 192.0.2.25 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.c……"
      'very low reputation', // Postfix: "…message is likely suspicious due to the very low reputation of the sending IP address. To best protect…"
      'bad reputation',
      'low reputation', // Postfix: "…message is likely suspicious due to the very low reputation of the sending IP address. To best protect…"
      'sender reputation',
      'ip reputation', // Microsoft (receiving side): "…has been temporarily rate limited due to IP reputation. For e-mail delivery information, see https://postmaster.live.com…"
      'domain reputation',
      'reputation of', // Postfix: "…is likely suspicious due to the very low reputation of the sending IP address. To best protect…"
    ],
  },
  fixtures: ['corpus:maildir/bsd/lhost-opensmtpd-13.eml'],
};
