/**
 * No reverse DNS (requireptr). The sending IP address has no valid reverse DNS (PTR) name.
 * Phrases are lower case and matched against the diagnostic with addresses taken out; each
 * set has one place in ./precedence.ts. The comment beside a phrase quotes a corpus reply it reads.
 */
import type { ReasonModule } from './types';

export const requireptr: ReasonModule = {
  id: 'requireptr',
  title: 'No reverse DNS',
  definition: 'The sending IP address has no valid reverse DNS (PTR) name.',
  category: 'rejection',
  hard: false,
  action: 'fix-sending-setup',
  statusCodes: [
    '7.25', // X.7.25: reverse DNS validation failed
  ],
  phrases: {
    main: [
      'unverifyable sending ip', // Exim: "…FROM:<sironeko-nyaan@neko.example.com> SIZE=1024: 450 service permits 2 unverifyable sending IPs - neko.example.com is not 203.……"
      'unverifiable sending ip',
      'mismatches client ip', // Outlook.com: "550 domain [example.com] mismatches client ip 192.0.2.225."
      'ptr resource record', // Postfix: "…Service not available No SMTP service Bad DNS PTR resource record. For explanation visit http://postmaster.gmx.com/en/error-mes…"
      'dns ptr', // Postfix: "…Service not available No SMTP service Bad DNS PTR resource record. For explanation visit http://postmaster.gmx.com/en/error-mes…"
      'no ptr record', // Exim: "…mail server after initial connection: 571 No PTR Record found. Reverse DNS required: 203.0.113.22"
      'ptr record', // Exim: "…server after initial connection: 571 No PTR Record found. Reverse DNS required: 203.0.113.22"
      'reverse dns', // DragonFly Mail Agent: "…<blocked@libsisimai.net>: Recipient address rejected: Reverse DNS validation failed: See https://libsisimai.org/en/reason/#blocked"
      'reverse lookup',
      'rdns', // Exim: "…access mta.example.org forbidden by invalid RDNS record of your mail server (203.0.113.2)."
      'no reverse', // Exim: "…accept messages from servers/devices with no reverse DNS. IP=[203.0.113.2] Protection provided…"
      'cannot resolve your address',
      'cannot find your hostname',
      'cannot find your reverse hostname',
      "can't find your reverse",
      'client host rejected: cannot find your hostname',
      'ip name lookup failed', // Sendmail: "450 4.7.1 Access denied. IP name lookup failed [192.0.2.222]"
      'does not have a reverse',
      'hostname does not resolve',
      'unresolvable address',
      'dns lookup failure for your ip',
      'your ip address has no ptr',
      'reverse dns lookup', // Exim: "…FROM:<sironeko-nyaan@neko.example.com> SIZE=1024: 554 5.7.1 Reverse DNS lookup for host 203.0.113.22 failed permanently."
      'resolve your host',
      'client host name',
      'dnsbl:reverse',
    ],
  },
  fixtures: ['corpus:maildir/bsd/lhost-dragonfly-06.eml'],
};
