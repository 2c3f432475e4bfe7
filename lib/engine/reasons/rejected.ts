/**
 * Sender refused (rejected). The envelope sender address or the sending domain was not accepted.
 * Phrases are lower case and matched against the diagnostic with addresses taken out; each
 * set has one place in ./precedence.ts. The comment beside a phrase quotes a corpus reply it reads.
 */
import type { ReasonModule } from './types';

export const rejected: ReasonModule = {
  id: 'rejected',
  title: 'Sender refused',
  definition: 'The envelope sender address or the sending domain was not accepted.',
  category: 'rejection',
  hard: false,
  action: 'fix-sending-setup',
  statusCodes: [
    '1.7', // X.1.7: bad sender's mailbox address syntax
    '1.8', // X.1.8: bad sender's system address
    '7.27', // X.7.27: sender address has null MX
  ],
  phrases: {
    'sender-address': [
      'from: domain is invalid', // Exim: "…5.2.0 <sironeko-nyaan@neko.example.com> From: Domain is invalid. Please provide a valid From: IB506 <http://example.com/506>"
      'provide a valid from', // Exim: "…<sironeko-nyaan@neko.example.com> From: Domain is invalid. Please provide a valid From: IB506 <http://example.com/506>"
      'address that has been blacklisted', // Exim: "…kijitora@example.com "Sorry, you are sending to/from an address that has been blacklisted""
    ],
    main: [
      "can't determine purported responsible address", // Courier: "550 5.7.1 can't determine Purported Responsible Address"
      'sender was rejected', // qmail: "Connected to 192.0.2.225 but sender was rejected. Remote host said: 550 5.7.1 <root@nijo.example.jp>...…"
      'purported responsible address', // Courier: "550 5.7.1 can't determine Purported Responsible Address"
      'sender rejected', // Cox (receiving side): "550 5.1.0 <bounce@mailer.cnt1.example.com> sender rejected. Refer to Error Codes section at https://www.cox.com/residential/sup……"
      'sender address rejected', // G Suite: "501 5.1.8 Sender address rejected"
      'sender unknown',
      'sender verify failed',
      'sender verification',
      'domain of sender address', // Postfix: "…<root@vagrant-centos65.vagrantup.com>... Domain of sender address root@vagrant-centos65.vagrantup.com does…"
      'envelope sender',
      'bad sender',
      'invalid sender',
      'unknown sender',
      'sender denied',
      'address verification failed',
      'sending domain', // DragonFly Mail Agent: "…our final DATA: 550 5.7.509 Access denied, sending domain [DF.EXAMPLE.JP] does not pass DMARC verification…"
      'no such sender',
      'rejected sender',
      'sender not allowed',
      'sender is blacklisted',
      'sender address is not allowed',
      'not accept mail from',
      'rejected: not accepted',
      'refused mail from',
      'group does not exist',
      'you do not have permission to post',
      'permission to post', // Google Groups: "…(libsisimai) may not exist, or you may not have permission to post messages to the group. A few more details…"
    ],
    weak: [
      'from address', // Oracle Messaging Server: "Reason: Server rejected MAIL FROM address"
      'return path',
      'mail from', // DragonFly Mail Agent: "…final DATA: 550-5.7.26 Unauthenticated email from example.jp is not accepted due to domain's…"
      'envelope from',
      'your domain', // Office 365: "w settings to make sure your domain and any mail flow connectors are set up="
      'mail rejected', // 1&1: "…(193.252.22.65) reason: 550 5.2.0 Mail rejete. Mail rejected. ofr_506 [506]"
      'message rejected', // Postfix: "554 Message rejected: Email address is not verified. The following…"
      'rejected', // ActiveHunter: "…<kijitora@example.ed.jp>: Recipient address rejected: User unknown in local recipient table"
      'sender domain', // Exim: "…not accepted from servers without a valid sender domain. Fix reverse DNS for 203.0.113.2"
    ],
  },
  fixtures: ['corpus:maildir/bsd/lhost-courier-03.eml'],
};
