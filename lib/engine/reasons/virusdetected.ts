/**
 * Malware found (virusdetected). A virus or other malicious content was detected in the message.
 * Phrases are lower case and matched against the diagnostic with addresses taken out; each
 * set has one place in ./precedence.ts. The comment beside a phrase quotes a corpus reply it reads.
 */
import type { ReasonModule } from './types';

export const virusdetected: ReasonModule = {
  id: 'virusdetected',
  title: 'Malware found',
  definition: 'A virus or other malicious content was detected in the message.',
  category: 'blocked',
  hard: false,
  action: 'fix-sending-setup',
  statusCodes: [],
  phrases: {
    main: [
      'virus', // DragonFly Mail Agent: "…[192.0.2.25] did not like our RCPT TO: 550 5.7.0 <virusdetected@libsisimai.net>: Recipient address…"
      'malware', // Oracle Messaging Server: "suspectscore=3 malwarescore=0 phishscore=0 bulkscore=0 spamscore=0"
      'infected', // amavis: "for infected mail, but for less obvious cases of UBE…"
      'trojan',
      'worm was detected',
      'message contains a malicious',
      'dangerous attachment',
    ],
  },
  fixtures: ['corpus:maildir/bsd/lhost-dragonfly-25.eml'],
};
