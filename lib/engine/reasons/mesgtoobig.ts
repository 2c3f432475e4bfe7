/**
 * Message too large (mesgtoobig). The message is bigger than the recipient’s server allows.
 * Phrases are lower case and matched against the diagnostic with addresses taken out; each
 * set has one place in ./precedence.ts. The comment beside a phrase quotes a corpus reply it reads.
 */
import type { ReasonModule } from './types';

export const mesgtoobig: ReasonModule = {
  id: 'mesgtoobig',
  title: 'Message too large',
  definition: 'The message is bigger than the recipient’s server allows.',
  category: 'rejection',
  hard: false,
  action: 'fix-sending-setup',
  statusCodes: [
    '3.4', // X.3.4: message too big for system
    '7.16', // X.7.16: message too big for specified priority
  ],
  phrases: {
    main: [
      'message too big', // DragonFly Mail Agent: "…<mesgtoobig@libsisimai.net>: Recipient address rejected: Message too big for system. See https://libsisimai.org/en/reason/#mesg…"
      'message too large', // Exchange 2007: "550 5.2.3 RESOLVER.RST.RecipSizeLimit; message too large for this recipient"
      'line limit exceeded', // Exim: "…host neko2.example.de [192.0.2.222]: 500 Line limit exceeded"
      'message is too large',
      'message is too big',
      'message size exceeds', // Sendmail: "552 5.2.3 Message size exceeds fixed maximum message size (10485760)"
      'message exceeds maximum',
      'message exceeds the maximum', // Exchange 2007: "This message exceeds the maximum message size allowed. Microsoft Exchange…"
      'exceeds size limit',
      'exceeded maximum size',
      'size limit exceeded', // 1&1: "…kijitora@example.org For the following reason: Mail size limit exceeded. For explanation visit http://postmaster.1and1.com/en/e…"
      'message length exceeds', // DragonFly Mail Agent: "…<exceedlimit@libsisimai.net>: Recipient address rejected: Message length exceeds administrative limit. See https://libsisimai.o…"
      'size exceeds the maximum',
      'exceeds the maximum allowed message size',
      'message size limit',
      'message exceeds fixed maximum',
      'maximum message size', // Sendmail: "552 5.2.3 Message size exceeds fixed maximum message size (10485760)"
      'email is too large',
      'mail size too large',
      'message file too big',
      'message larger than',
    ],
  },
  fixtures: ['corpus:maildir/bsd/lhost-dragonfly-14.eml'],
};
