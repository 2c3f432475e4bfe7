/**
 * Sender blocked (blocked). The sending IP or host is on a block list or is not trusted by the receiver.
 * Phrases are lower case and matched against the diagnostic with addresses taken out; each
 * set has one place in ./precedence.ts. The comment beside a phrase quotes a corpus reply it reads.
 */
import type { ReasonModule } from './types';

export const blocked: ReasonModule = {
  id: 'blocked',
  title: 'Sender blocked',
  definition: 'The sending IP or host is on a block list or is not trusted by the receiver.',
  category: 'sender-reputation',
  hard: false,
  action: 'fix-sending-setup',
  statusCodes: [],
  phrases: {
    'greeting-refused': [
      'my name was rejected', // qmail: "Connected to 192.0.2.112 but my name was rejected. Remote host said: 501 5.0.0 Invalid domain…"
      'not accepting connections', // Sendmail: "554 st11p00im-smtpin013.me.com ESMTP not accepting connections"
      'invalid ip for sending mail', // Yahoo: "Remote host said: 554 INVALID IP FOR SENDING MAIL OF DOMAIN amazonses.com [RCPT_TO]"
      'which is an open relay', // Sendmail 5: "…no access from mail server [192.0.2.55] which is an open relay. <kijitora@example.org>... Remote protocol…"
    ],
    main: [
      'blacklist',
      'black list',
      'blocklist',
      'block list', // Exim: "…provider since part of their network is on our block list. You can also refer your provider to http://example.com/neko/nyaan.ht…"
      'blocked using', // Amazon SES: "…<a8-95.smtp-out.amazonses.com[203.0.113.22]>: Client host rejected: blocked using mail.neko.example.org; Please see http://mail……"
      'rbl', // Amazon SES: "…Please see http://mail.neko.example.org/rbl/?ip=203.0.113.22 to send."
      'dnsbl', // Amazon SES: "…unavailable; client [203.0.113.225] blocked using dnsbl.sorbs.net Please see http://support.mailhostbox.com/email-administrator……"
      'spamhaus', // GoDaddy (receiving side): "553 http://www.spamhaus.org/query/bl?ip=192.0.2.222"
      'spamcop',
      'sorbs', // Amazon SES: "…client [203.0.113.225] blocked using dnsbl.sorbs.net Please see http://support.mailhostbox.com/email-administrators-guide-error……"
      'barracuda reputation',
      'barracudacentral',
      'ip blocked',
      'client host rejected', // Amazon SES: "…<a8-95.smtp-out.amazonses.com[203.0.113.22]>: Client host rejected: blocked using mail.neko.example.org; Please…"
      'client host blocked', // Orange (receiving side): "…IP source bloquee pour incident de spam. Client host blocked for spamming issues. OFR006_102 Ref http://csi.cloudmark.com/reset……"
      'refused to talk', // Postfix: "…mfsmax.example.com[192.0.2.232]: server refused to talk to me: 421 Service not available, closing…"
      'service unavailable; client host', // Gmail: "554 554 5.7.1 Service unavailable; Client host [192.0.2.49] blocked using cbl.abuseat.org…"
      'not allowed to send', // Office 365: "550 5.1.0 192.0.2.222 is not allowed to send from <example.net> per it's SPF Record.…"
      'please use the smtp server of your isp', // Exim: "…[192.0.2.20]: 550 5.7.0 <shironeko@example.jp>... Please use the smtp server of your ISP."
      'use your provider',
      'dynamic ip',
      'dial-up',
      'dialup',
      'residential', // Cox (receiving side): "…Error Codes section at https://www.cox.com/residential/support/email-error-codes.html for more…"
      'banned', // qmail: "…Remote host said: 550 5.7.606 Access denied, banned sending IP [192.0.2.225]. To request removal…"
      'host is blocked',
      'ip is blocked',
      'rejected because of your ip',
      'we do not accept mail from',
      'poor reputation',
      'service temporarily unavailable (#4.3.0)',
      's3150',
      'part of their network is on our block list', // Exim: "…contact your Internet service provider since part of their network is on our block list. You can also refer your provider to ht…"
    ],
    weak: [
      'listed at',
      'listed in', // Domino: "…User some.name (kijitora@example.jp) not listed in Domino Directory"
      'listed on',
      'is listed',
      'your ip',
      'ip address', // EZweb: "…messages have been sent from the following IP address above. You can also refer your provider…"
      'access denied', // Amazon SES: "…<000001321defbd2a-788e31c8-2be1-422f-a8d4-cf7765cc9ed7-000000@email-bounces.amazonses.com>... Access denied' (delivery attempts…"
      'connection refused', // Office 365: "550 5.4.316 Message expired, connection refused"
      'blocked by', // Exim: "…after initial connection: 550-192.0.2.222 blocked by ldap:ou=nekochan,dc=example,dc=net Error…"
      'has been blocked', // Postfix: "…protect our users from spam, the message has been blocked. Please visit https://support.google.com/mail/answer/188131…"
      'is blocked', // Orange (receiving side): "…destinataire est bloque. The recipient account is blocked. LPN007_426"
      'are blocked',
      'sender ip', // Office 365: "Authentication-Results: spf=3Dnone (sender IP is 192.0.2.6)"
      'reputation', // Postfix: "…is likely suspicious due to the very low reputation of the sending IP address. To best protect…"
      'connection rejected',
      'mail from ip',
      'not authorized to send',
    ],
  },
  fixtures: ['corpus:maildir/bsd/lhost-amazonses-14.eml'],
};
