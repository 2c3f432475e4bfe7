/**
 * STARTTLS failed (failedstarttls). The two servers could not set up an encrypted connection: the
 * STARTTLS handshake failed, or one side demanded TLS the other could not give. Added for Sisimai
 * 5.2's reason of the same name.
 */
import type { ReasonModule } from './types';

export const failedstarttls: ReasonModule = {
  id: 'failedstarttls',
  title: 'TLS handshake failed',
  definition:
    'The servers could not agree on an encrypted (STARTTLS) connection, so the message was not handed over.',
  category: 'rejection',
  hard: false,
  action: 'fix-sending-setup',
  statusCodes: [],
  phrases: {
    main: [
      // Postfix answering STARTTLS when its own TLS setup is broken: "454 4.7.0 TLS not available due
      // to local problem"
      'tls not available due to local problem',
      // Sending-side notes after a failed handshake: "STARTTLS failed", "TLS negotiation failed",
      // "TLS handshake failed: certificate verify failed", "Cannot start TLS: handshake failure"
      'starttls failed',
      'starttls negotiation failed',
      'tls negotiation failed',
      'tls handshake failed',
      'tls handshake failure',
      'cannot start tls',
      'could not start tls',
      'failed to start tls',
      // SendGrid's note when the receiving server offers no usable TLS: "TLS required but not supported"
      'tls required but not supported',
    ],
  },
  fixtures: ['reasons/failedstarttls-postfix.eml', 'reasons/failedstarttls-handshake.eml'],
};
