/**
 * Policy violation (policyviolation). A rule of the recipient’s organisation forbids this message.
 * Phrases are lower case and matched against the diagnostic with addresses taken out; each
 * set has one place in ./precedence.ts. The comment beside a phrase quotes a corpus reply it reads.
 */
import type { ReasonModule } from './types';

export const policyviolation: ReasonModule = {
  id: 'policyviolation',
  title: 'Policy violation',
  definition: 'A rule of the recipient’s organisation forbids this message.',
  category: 'blocked',
  hard: false,
  action: 'fix-sending-setup',
  statusCodes: [
    '7.2', // X.7.2: mailing list expansion prohibited
  ],
  phrases: {
    main: [
      'content presents a potential', // Sendmail: "552-5.7.0 This message was blocked because its content presents a potential"
      'host network not allowed', // Mimecast (receiving side): "554 Host network not allowed - https://community.mimecast.com/docs/DOC-1369#554…"
      'protocol violation', // Postfix: "…r2.example.org[198.51.100.24] said: 550 Protocol violation (in reply to DATA command)"
      'policy violation', // DragonFly Mail Agent: "…<policyviolation@libsisimai.net>: Recipient address rejected: Policy violation. See https://libsisimai.org/en/reason/#policyvio…"
      'against policy',
      'policy reasons', // DragonFly Mail Agent: "…DATA: 554 5.7.9 Message not accepted for policy reasons. See https://senders.yahooinc.com/error-codes"
      'organization policy',
      'organisation policy',
      'due to policy',
      'content policy',
      'mail policy',
      'message rejected due to policy',
      'rejected by policy',
      'policy rejection',
      'is not allowed to send', // Office 365: "550 5.1.0 192.0.2.222 is not allowed to send from <example.net> per it's SPF Record.…"
      'attachment type',
      'this type of attachment',
      'transport rule',
      'blocked by the recipient',
      'has been rejected by policy',
    ],
    weak: [
      'violates',
      'violation of',
      'prohibited',
      'not permitted', // MessageLabs: "550-mail0.bemta0.messagelabs.com [198.51.100.21]:22222 is not permitted to"
      'restricted',
      'by policy', // Postfix: "550 Denied by policy"
      'local policy', // Postfix: "550 5.7.0 Local Policy Violation"
      'security policy',
    ],
  },
  fixtures: ['corpus:maildir/bsd/lhost-dragonfly-03.eml'],
};
