/**
 * Unknown domain (hostunknown). The domain after the @ does not exist or has no server that takes mail.
 * Phrases are lower case and matched against the diagnostic with addresses taken out; each
 * set has one place in ./precedence.ts. The comment beside a phrase quotes a corpus reply it reads.
 */
import type { ReasonModule } from './types';

export const hostunknown: ReasonModule = {
  id: 'hostunknown',
  title: 'Unknown domain',
  definition: 'The domain after the @ does not exist or has no server that takes mail.',
  category: 'mailbox',
  hard: true,
  action: 'remove-address',
  statusCodes: [
    '1.2', // X.1.2: bad destination system address
    '4.4', // X.4.4: unable to route
  ],
  phrases: {
    main: [
      /(?:^|\s)[a-z0-9-]+(?:\.[a-z0-9-]+)+\.? does not exist/, // Exim: "…remote mail server after end of data: 553 neko.example.com does not exist"
      'unrouteable address', // Mail.ru: "…нескольким получателям: nyan@haineko.org Unrouteable address Рекомендуем Вам проверить корректность указания…"
      'unroutable address',
      "couldn't find any host named", // qmail: "Sorry, I couldn't find any host named cx.libsisimai.com. (#5.1.2)"
      'domain is not reachable', // Outlook.com: "…be delivered to the recipient because the domain is not reachable. Please check the domain and try again (-1915321397:308:-2147…"
      'host unknown', // Sendmail: "(reason: 550 Host unknown) ----- Transcript of session follows -----…"
      'unknown host', // a standard DSN: "…---------------------| kijitora@neko.nyaan.example.com ... unknown host |------------------------- Message text…"
      'host not found', // AOL: "…service error for name=example.jp type=A: Host not found"
      'host or domain name not found', // AOL: "X-Outbound-Mail-Relay; Host or domain name not found. Name service error for name=example.jp…"
      'domain not found',
      'domain does not exist', // OpenSMTPD: "…of recipients: kijitora@neko.example.jp: Domain does not exist Below is a copy of the original message:"
      'domain doesn',
      'no such domain', // Courier: "No such domain."
      'name or service not known',
      'unrouteable mail domain',
      'unroutable mail domain',
      'no mx record', // Yahoo: "…following address. <neko@libsisimai.org>: No mx record found for domain=libsisimai.org"
      'no valid mx',
      'mx lookup failed',
      'unknown domain',
      'domain name not found', // AOL: "X-Outbound-Mail-Relay; Host or domain name not found. Name service error for name=example.jp…"
      'domain is not valid',
      'invalid domain', // Amazon SES: "550 5.4.4 Invalid domain"
      'all relevant mx records point to non-existent hosts',
      'no route to host', // a standard DSN: "connect to nyaan.example.com[192.0.2.2]:25: No route to host"
      'nxdomain', // G Suite: "…lookup of example.jp responded with code NXDOMAIN Domain name not found: example.jp"
      'name server: host not found',
      'dns error: domain name not found',
      'dns error: dns type',
      /host [a-z0-9-]+(?:\.[a-z0-9-]+)+ not found/, // DragonFly Mail Agent: "…<postmaster@cx.libsisimai.org>. DNS lookup failure: host cx.libsisimai.org not found"
      'domain name lookup failed',
      'illegal host/domain', // Oracle Messaging Server: "Recipient address: Reason: Illegal host/domain name found"
      'hostname not found',
      'unknown mail domain',
      'no such host',
      // cPanel's Exim writes this when the recipient's domain cannot be routed (no MX or address
      // records) and no server was ever reached; the block list it names as a possibility never
      // answered: "The mail server could not deliver mail to kijitora@example.net. The account or
      // domain may not exist, they may be blacklisted, or missing the proper dns entries."
      'account or domain may not exist',
    ],
    weak: ['recipient domain', 'unable to resolve'],
  },
  fixtures: ['corpus:maildir/bsd/lhost-amazonses-18.eml', 'reasons/hostunknown-cpanel.eml'],
};
