/**
 * Hostile input shapes for the engine: each builder returns a message of about `size` characters
 * made of one pathological pattern (a single giant line, endless '<', thousands of boundaries …).
 * Used by tests/unit/engine-robustness.test.ts (must complete) and scripts/bench-robustness.ts
 * (timed at several sizes, to show the work grows linearly).
 */

/** Repeat `unit` until the result is about `size` characters long. */
function fill(size: number, unit: string): string {
  return unit.repeat(Math.max(1, Math.floor(size / unit.length)));
}

const BOUNCE_HEAD = 'From: MAILER-DAEMON@example.net\nSubject: Undelivered Mail Returned to Sender\n';

export interface HostileShape {
  name: string;
  /** What the input looks like, for the benchmark table. */
  what: string;
  build: (size: number) => string;
}

export const HOSTILE_SHAPES: HostileShape[] = [
  { name: 'giant-line', what: 'one line, no line break', build: (n) => `${BOUNCE_HEAD}\n${'a'.repeat(n)}` },
  {
    name: 'giant-header',
    what: 'one header line',
    build: (n) => `${BOUNCE_HEAD}X-Long: ${'x'.repeat(n)}\n\nbody\n`,
  },
  { name: 'many-lt', what: "'<' repeated", build: (n) => `${BOUNCE_HEAD}\n${'<'.repeat(n)}` },
  { name: 'many-at', what: "'@' repeated", build: (n) => `${BOUNCE_HEAD}\n${'@'.repeat(n)}` },
  { name: 'many-lt-at', what: "'<a@' repeated", build: (n) => `${BOUNCE_HEAD}\n${fill(n, '<a@')}` },
  {
    name: 'many-encoded-word-starts',
    what: "'=?' repeated in a header",
    build: (n) => `Subject: ${fill(n, '=?')}\n\nbody\n`,
  },
  {
    name: 'many-encoded-words',
    what: 'encoded words in one header',
    build: (n) => `${BOUNCE_HEAD}X-Words: ${fill(n, '=?utf-8?Q?a=20b?= ')}\n\nbody\n`,
  },
  {
    name: 'encoded-word-starts-body',
    what: "'=?' repeated in the body",
    build: (n) => `${BOUNCE_HEAD}\n${fill(n, '=?')}`,
  },
  { name: 'digits', what: 'one run of digits', build: (n) => `${BOUNCE_HEAD}\n${'5'.repeat(n)}` },
  { name: 'status-fragments', what: "'5.1.' repeated", build: (n) => `${BOUNCE_HEAD}\n${fill(n, '5.1.')}` },
  { name: 'reply-codes', what: "'550 ' repeated", build: (n) => `${BOUNCE_HEAD}\n${fill(n, '550 ')}` },
  {
    name: 'address-lines',
    what: 'short lines of addresses',
    build: (n) => {
      const lines: string[] = [];
      let len = 0;
      for (let i = 0; len < n; i++) {
        const line = `<user${i}@example.com>`;
        lines.push(line);
        len += line.length + 1;
      }
      return `${BOUNCE_HEAD}\n${lines.join('\n')}\n`;
    },
  },
  {
    name: 'recipient-lines',
    what: 'Final-Recipient lines',
    build: (n) =>
      `${BOUNCE_HEAD}Content-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n` +
      fill(n, 'Final-Recipient: rfc822; user@example.com\n'),
  },
  {
    name: 'dsn-blocks',
    what: 'per-recipient DSN blocks',
    build: (n) =>
      `${BOUNCE_HEAD}Content-Type: multipart/report; report-type=delivery-status; boundary="b"\n\n` +
      '--b\nContent-Type: text/plain\n\nfailed\n--b\nContent-Type: message/delivery-status\n\n' +
      'Reporting-MTA: dns; mx.example.net\n\n' +
      fill(
        n,
        'Final-Recipient: rfc822; u@example.com\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 unknown\n\n',
      ) +
      '--b--\n',
  },
  {
    name: 'repeated-boundaries',
    what: "'--b' lines under boundary b",
    build: (n) => `${BOUNCE_HEAD}Content-Type: multipart/report; boundary="b"\n\n${fill(n, '--b\n')}`,
  },
  {
    name: 'nested-same-boundary',
    what: 'multipart parts that reopen boundary b',
    build: (n) =>
      `${BOUNCE_HEAD}Content-Type: multipart/mixed; boundary="b"\n\n` +
      fill(n, '--b\nContent-Type: multipart/mixed; boundary="b"\n\n'),
  },
  {
    name: 'nested-distinct-boundaries',
    what: 'multipart nested with a new boundary each level',
    build: (n) => {
      const parts = [`${BOUNCE_HEAD}Content-Type: multipart/mixed; boundary="b0"\n\n`];
      let len = 0;
      for (let i = 1; len < n; i++) {
        const p = `--b${i - 1}\nContent-Type: multipart/mixed; boundary="b${i}"\n\n`;
        parts.push(p);
        len += p.length;
      }
      return parts.join('');
    },
  },
  {
    name: 'nested-rfc822',
    what: 'message/rfc822 inside message/rfc822 …',
    build: (n) => `${BOUNCE_HEAD}${fill(n, 'Content-Type: message/rfc822\n\nFrom: a@example.com\n')}`,
  },
  { name: 'many-headers', what: 'short header lines', build: (n) => `${fill(n, 'X-H: v\n')}\nbody\n` },
  {
    name: 'folded-header',
    what: 'one header folded many times',
    build: (n) => `Subject: a\n${fill(n, ' b\n')}\nbody\n`,
  },
  { name: 'blank-lines', what: 'empty lines', build: (n) => `${BOUNCE_HEAD}\n${'\n'.repeat(n)}` },
  {
    name: 'cr-only',
    what: 'bare CR line ends',
    build: (n) => `${BOUNCE_HEAD.replace(/\n/g, '\r')}\r${'\r'.repeat(n)}`,
  },
  {
    name: 'crlf-text',
    what: 'CRLF lines of text',
    build: (n) => `${BOUNCE_HEAD.replace(/\n/g, '\r\n')}\r\n${fill(n, 'word word word\r\n')}`,
  },
  {
    name: 'qp-soft-breaks',
    what: "quoted-printable '=' soft line breaks",
    build: (n) => `${BOUNCE_HEAD}Content-Transfer-Encoding: quoted-printable\n\n${fill(n, '=\n')}`,
  },
  {
    name: 'qp-escapes',
    what: "quoted-printable '=3D' escapes",
    build: (n) => `${BOUNCE_HEAD}Content-Transfer-Encoding: quoted-printable\n\n${fill(n, '=3D')}`,
  },
  {
    name: 'base64-body',
    what: 'one base64 line',
    build: (n) => `${BOUNCE_HEAD}Content-Transfer-Encoding: base64\n\n${fill(n, 'QUJD')}`,
  },
  {
    name: 'eight-bit',
    what: 'bytes 0x80-0xff under utf-8',
    build: (n) => `${BOUNCE_HEAD}Content-Type: text/plain; charset=utf-8\n\n${fill(n, '\xff\xfe\x80\xc3')}`,
  },
  {
    name: 'iso-2022-escapes',
    what: 'ISO-2022-JP escape sequences',
    build: (n) => `${BOUNCE_HEAD}Content-Type: text/plain; charset=iso-2022-jp\n\n${fill(n, '\x1b$B')}`,
  },
  {
    name: 'html-tags',
    what: "'<a ' repeated in text/html",
    build: (n) => `${BOUNCE_HEAD}Content-Type: text/html\n\n${fill(n, '<a ')}`,
  },
  { name: 'quote-markers', what: "'> ' repeated", build: (n) => `${BOUNCE_HEAD}\n${fill(n, '> ')}` },
  {
    name: 'diagnostic-phrases',
    what: "'said: 550 5.1.1 user unknown' repeated",
    build: (n) => `${BOUNCE_HEAD}\n${fill(n, 'said: 550 5.1.1 user unknown ')}`,
  },
  {
    name: 'unicode',
    what: 'astral and accented characters',
    build: (n) => `${BOUNCE_HEAD}\n${fill(n, '😀é\u0000')}`,
  },
  // Address headers: runs of characters an address may contain but not end with ('@', '.', '-').
  // Header lines far longer than mail allows are dropped by the parser, so each run is 8 KB and the
  // input grows by repeating the header.
  {
    name: 'from-at-run',
    what: "From of 8 KB '@', then 8 KB headers",
    build: (n) =>
      `From: ${'@'.repeat(8192)}\nSubject: Undelivered\n${fill(n, `X-Filler: ${'@'.repeat(8180)}\n`)}\nbody\n`,
  },
  {
    name: 'to-at-dot-runs',
    what: "To headers of 8 KB '@.'",
    build: (n) => `${BOUNCE_HEAD}${fill(n, `To: ${'@.'.repeat(4094)}\n`)}\nbody\n`,
  },
  {
    name: 'failed-recipients-at-runs',
    what: "X-Failed-Recipients of 8 KB '-@'",
    build: (n) => `${BOUNCE_HEAD}${fill(n, `X-Failed-Recipients: ${'-@'.repeat(4086)}\n`)}\nbody\n`,
  },
  {
    name: 'original-from-at-run',
    what: "returned original with 8 KB '@' From/To",
    build: (n) =>
      `${BOUNCE_HEAD}Content-Type: multipart/report; boundary="b"\n\n--b\nContent-Type: text/plain\n\n` +
      'Delivery failed 550 5.1.1 user unknown <a@b.example>\n--b\nContent-Type: message/rfc822\n\n' +
      `From: ${'@'.repeat(8192)}\nTo: ${'@'.repeat(8192)}\nSubject: x\n\n${fill(n, 'hi\n')}--b--\n`,
  },
  {
    name: 'mbox-from-lines',
    what: "'From ' envelope lines",
    build: (n) => fill(n, 'From a@b Mon Jan  1 00:00:00 2024\nSubject: x\n\n'),
  },
];
