/**
 * Delivery expired (expired). The message could not be handed over before the retry period ran out.
 * Phrases are lower case and matched against the diagnostic with addresses taken out; each
 * set has one place in ./precedence.ts. The comment beside a phrase quotes a corpus reply it reads.
 */
import type { ReasonModule } from './types';

export const expired: ReasonModule = {
  id: 'expired',
  title: 'Delivery expired',
  definition: 'The message could not be handed over before the retry period ran out.',
  category: 'recipient-error',
  hard: false,
  action: 'retry-later',
  statusCodes: [
    '4.7', // X.4.7: delivery time expired
  ],
  phrases: {
    main: [
      'in the queue too long', // qmail: "…going to try again; this message has been in the queue too long."
      'this is a warning message only', // Gmail: "…automatically generated Delivery Status Notification THIS IS A WARNING MESSAGE ONLY. YOU DO NOT NEED TO RESEND YOUR MESSAGE.…"
      'did not accept our requests to connect', // Gmail: "…temporary failure: The recipient server did not accept our requests to connect. Learn more at http://support.google.com/mail/bi……"
      'will be retried for', // Gmail: "…been delayed: kijitora@example.com Message will be retried for 2 more day(s)"
      // DragonFly Mail Agent: "…not deliver for the last 432000 seconds. Giving up." qmail's
      // "Giving up on 192.0.2.71." only closes a permanent reply and says nothing of time.
      /\bgiving up(?! on )/,
      'could not deliver for the last', // DragonFly Mail Agent: "…delivering your mail to <expired@libsisimai.net>. Could not deliver for the last 432000 seconds. Giving up."
      'all hosts have been failing', // Exim: "(ultimately generated from nekochan@example.org) all hosts have been failing for a long time and were last tried after…"
      'unable to deliver this message after', // Oracle Messaging Server: "Recipient address: Reason: unable to deliver this message after 1 day Delivery attempt history for your…"
      'retry timeout exceeded', // Exim: "…address(es) failed: kijitora@example.com retry timeout exceeded"
      /delivery failed \d+ attempts/, // IMail Server: "Delivery failed 20 attempts: kijitora@example.com"
      'no more retries',
      'maximum number of delivery attempts',
      'retry time', // Exim: "…address(es) failed: kijitora@example.com retry timeout exceeded"
      'retry timeout', // Exim: "…address(es) failed: kijitora@example.com retry timeout exceeded"
      'time limit exceeded',
      'message expired', // Amazon SES: "554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2…"
      'delivery expired',
      'was not delivered within', // EZweb: "…������������������������������������ Your message was not delivered within 0 days and 1 hours. Remote host is not responding.…"
      'could not be delivered within',
      'too long in queue',
      'queued too long',
      'delivery time expired',
      'delay expired',
      'undeliverable for', // Oracle Messaging Server: "Your message has been enqueued and undeliverable for 1 day"
      'no delivery in',
      'message timed out',
      /\baborted after \d/, // X3: "…Delevery to the following recipients was aborted after 5.0 hour(s): * kijitora@example.co.jp ==================================……"
      'connection timed out', // Amazon SES: "…unable to deliver in 840 minutes.<421 4.4.2 Connection timed out>"
    ],
    weak: [
      'expired', // Amazon SES: "554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2…"
      'has expired',
      'for more than', // OpenSMTPD: "…REPLY to this e-mail. A message is delayed for more than 10 minutes for the following list of recipients:…"
      'maximum time',
      'max age',
      'retry period',
    ],
  },
  fixtures: ['corpus:maildir/bsd/lhost-amazonses-17.eml'],
};
