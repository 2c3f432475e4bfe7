/**
 * Judged as spam (spamdetected). The receiver’s filters classified the message as spam.
 * Phrases are lower case and matched against the diagnostic with addresses taken out; each
 * set has one place in ./precedence.ts. The comment beside a phrase quotes a corpus reply it reads.
 */
import type { ReasonModule } from './types';

export const spamdetected: ReasonModule = {
  id: 'spamdetected',
  title: 'Judged as spam',
  definition: 'The receiver’s filters classified the message as spam.',
  category: 'sender-reputation',
  hard: false,
  action: 'fix-sending-setup',
  statusCodes: [
    '7.28', // X.7.28: mail flood detected
  ],
  phrases: {
    'url-lists': [
      'blacklisted url', // IMail Server: "…message generated response: 550-REJECTED - Blacklisted URL in message. (example.com) in [black]. See…"
      'uribl', // IMail Server: "…(example.com) in [black]. See http://lookup.uribl.com. - Blacklisted Link - X=pascal H=mail.example.com…"
      'spam classification', // G Suite: "…kijitora@example.com was rejected due to spam classification. To address this issue: * Contact the owner…"
      'surbl',
      /\bube\b/, // Barracuda: "550 5.7.1 Message content rejected, UBE, id=00000-22-225"
    ],
    'content-rejected': [
      'message content rejected', // Barracuda: "550 5.7.1 Message content rejected, UBE, id=00000-22-225"
    ],
    main: [
      'spam', // amavis: "554 5.7.0 Reject, id=20025-09 - SPAM"
      'junk mail',
      'unsolicited', // amavis: "was considered unsolicited bulk e-mail (UBE)."
      'bulk mail',
      'bulk email',
      'message has been blocked as',
      'looks like spam',
      'identified as spam',
      'classified as spam',
      'detected as spam',
      'considered spam',
      'appears to be spam',
      'likely unsolicited',
      'probable spam',
      'suspected spam',
      'spam content',
      'blocked by spam',
      'our system has detected that this message is', // Postfix: "550-5.7.1 [192.0.2.22 18] Our system has detected that this message is likely suspicious due to the very low reputation…"
      'high probability of being spam',
      'message refused by content filter',
      'rejected due to content',
      'message rejected due to suspected',
      'phishing', // Google (receiving side): "…To best protect our users from spam and phishing, the message has been blocked. For instructions…"
      /\buce\b/,
    ],
    weak: [
      'scored as', // Postfix: "…mta.example.com[192.0.2.225] said: 554 5.6.0 This message has been scored as spam with a probability of more than 90%…"
      'content filter',
      'message filtered', // Amazon SES (receiving): "550 5.2.0 Message Filtered"
      'unwanted message', // EZweb: "…service provider. The problem is that too many unwanted messages have been sent from the following IP address…"
    ],
  },
  fixtures: ['corpus:maildir/bsd/lhost-amavis-03.eml'],
};
