/**
 * fast-check arbitraries that produce mail-shaped garbage: header blocks and bodies built from
 * the tokens the engine's parsers look for (boundaries, DSN fields, status codes, encoded words,
 * addresses), mixed with random text. Small vocabularies on purpose, so that a boundary named in
 * a header really does turn up in the body, nested and unterminated.
 */
import fc from 'fast-check';

export const BOUNDARIES = ['b', '=_x', '--', 'a b', 'ß', '', '"'];
export const CHARSETS = [
  'utf-8',
  'UTF8',
  'iso-8859-1',
  'iso-2022-jp',
  'shift_jis',
  'x-unknown',
  'utf-7',
  'ébc',
  '',
  '"',
];
export const ENCODINGS = [
  'base64',
  'quoted-printable',
  '7bit',
  '8bit',
  'binary',
  'x-uuencode',
  'BASE64 ',
  'bogus',
  '',
];
const CONTENT_TYPES = [
  'multipart/report',
  'multipart/mixed',
  'multipart/alternative',
  'multipart/',
  'message/rfc822',
  'message/delivery-status',
  'message/global-delivery-status',
  'message/feedback-report',
  'text/rfc822-headers',
  'text/plain',
  'text/html',
  'application/octet-stream',
  'garbage',
];
const HEADER_NAMES = [
  'From',
  'To',
  'Subject',
  'Content-Type',
  'Content-Transfer-Encoding',
  'Content-Disposition',
  'MIME-Version',
  'Auto-Submitted',
  'X-Failed-Recipients',
  'Return-Path',
  'Message-ID',
  'Date',
  'Received',
  'Reporting-MTA',
  'Final-Recipient',
  'Original-Recipient',
  'Action',
  'Status',
  'Diagnostic-Code',
  'Remote-MTA',
  'Feedback-Type',
  'Precedence',
  'X-Autoreply',
  'List-Unsubscribe',
];

const text = fc.string({ maxLength: 40 });
const unicode = fc.string({ unit: 'binary', maxLength: 30 });
const token = fc.stringMatching(/^[a-z0-9.\-_]{0,12}$/);

export const address = fc.oneof(
  fc.tuple(token, token).map(([l, d]) => `${l}@${d}`),
  fc.tuple(token, token).map(([l, d]) => `<${l}@${d}>`),
  fc.tuple(text, token, token).map(([n, l, d]) => `"${n}" <${l}@${d}>`),
  fc.constantFrom('<>', '@', '<@>', 'a@', '@b', '<<a@b>>', 'MAILER-DAEMON', 'postmaster@example.org'),
);

export const statusCode = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 999 }))
    .map(([a, b, c]) => `${a}.${b}.${c}`),
  fc.constantFrom('5.1.1', '4.2.2', '5.7.1', '5.0.0', '2.0.0', '5..1', '5.1.', '550', '450', '5.1.1.1'),
);

const encodedWord = fc
  .tuple(
    fc.constantFrom(...CHARSETS),
    fc.constantFrom('B', 'Q', 'b', 'q', 'X', ''),
    fc.string({ maxLength: 20 }),
  )
  .map(([cs, enc, body]) => `=?${cs}?${enc}?${body}?=`);

const contentType = fc
  .tuple(
    fc.constantFrom(...CONTENT_TYPES),
    fc.option(fc.constantFrom(...BOUNDARIES)),
    fc.option(fc.constantFrom(...CHARSETS)),
    fc.option(fc.constantFrom('delivery-status', 'feedback-report', 'x')),
  )
  .map(([type, b, cs, rt]) =>
    [
      type,
      b == null ? '' : `boundary="${b}"`,
      cs == null ? '' : `charset=${cs}`,
      rt == null ? '' : `report-type=${rt}`,
    ]
      .filter(Boolean)
      .join('; '),
  );

const headerValue = fc.oneof(
  text,
  unicode,
  address,
  statusCode,
  contentType,
  encodedWord,
  fc.constantFrom(...ENCODINGS),
  fc.tuple(statusCode, text).map(([s, t]) => `smtp; 550 ${s} ${t}`),
  fc.array(text, { maxLength: 4 }).map((parts) => parts.join('\n ')), // folded
);

export const headerLine = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.tuple(fc.constantFrom(...HEADER_NAMES), headerValue).map(([n, v]) => `${n}: ${v}`),
  },
  { weight: 1, arbitrary: fc.tuple(token, headerValue).map(([n, v]) => `${n}:${v}`) },
  { weight: 1, arbitrary: text }, // not a header at all
  {
    weight: 1,
    arbitrary: fc.constantFrom(' continuation', '\tfolded', ':', 'From x@y Mon Jan  1 00:00:00 2024'),
  },
);

export const bodyLine = fc.oneof(
  { weight: 4, arbitrary: text },
  { weight: 1, arbitrary: unicode },
  { weight: 3, arbitrary: headerLine },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom(...BOUNDARIES), fc.boolean())
      .map(([b, end]) => `--${b}${end ? '--' : ''}`),
  },
  { weight: 2, arbitrary: fc.tuple(statusCode, address, text).map(([s, a, t]) => `${a}: ${s} ${t}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      '',
      '=',
      '=3D',
      '=\n',
      '=ZZ',
      '----- Original message -----',
      '> quoted',
      '.',
    ),
  },
  { weight: 1, arbitrary: fc.base64String({ maxLength: 76 }) },
  { weight: 1, arbitrary: encodedWord },
);

export const header = fc.array(headerLine, { maxLength: 12 }).map((lines) => lines.join('\n'));
export const body = fc.array(bodyLine, { maxLength: 40 }).map((lines) => lines.join('\n'));

/** A whole message: headers, maybe a blank line, a body; with random line endings. */
export const mailLike = fc
  .tuple(header, fc.boolean(), body, fc.constantFrom('\n', '\r\n', '\r'))
  .map(([h, blank, b, eol]) => `${h}\n${blank ? '\n' : ''}${b}`.replace(/\n/g, eol));

export type Layer = {
  type:
    | 'multipart/mixed'
    | 'multipart/report'
    | 'message/rfc822'
    | 'text/rfc822-headers'
    | 'message/delivery-status';
  boundary: string;
  close: boolean;
  encoding: string;
};

export const layer: fc.Arbitrary<Layer> = fc.record({
  type: fc.constantFrom(
    'multipart/mixed',
    'multipart/report',
    'message/rfc822',
    'text/rfc822-headers',
    'message/delivery-status',
  ),
  boundary: fc.constantFrom('b', 'c', 'b1', '=_nest', 'same'),
  close: fc.boolean(),
  encoding: fc.constantFrom('7bit', '8bit', 'base64', 'quoted-printable', 'x-bogus'),
});

const DSN_CORE = [
  'Reporting-MTA: dns; mx.example.net',
  '',
  'Final-Recipient: rfc822; deep@example.org',
  'Action: failed',
  'Status: 5.1.1',
  'Diagnostic-Code: smtp; 550 5.1.1 <deep@example.org>: Recipient address rejected: User unknown',
].join('\n');

/** Nest a DSN inside the given layers, outermost first. */
export function nestMessage(layers: Layer[]): string {
  let inner = `Content-Type: message/delivery-status\n\n${DSN_CORE}\n`;
  for (let i = layers.length - 1; i >= 0; i--) {
    const l = layers[i]!;
    if (l.type.startsWith('multipart/')) {
      inner =
        `Content-Type: ${l.type}; boundary="${l.boundary}"; report-type=delivery-status\n` +
        `Content-Transfer-Encoding: ${l.encoding}\n\n` +
        `preamble\n--${l.boundary}\nContent-Type: text/plain\n\nlevel ${i}\n--${l.boundary}\n${inner}` +
        (l.close ? `\n--${l.boundary}--\nepilogue\n` : '');
    } else {
      inner =
        `Content-Type: ${l.type}\nContent-Transfer-Encoding: ${l.encoding}\n\n` +
        `From: level${i}@example.com\nSubject: level ${i}\n${inner}`;
    }
  }
  return `From: MAILER-DAEMON@example.net\nSubject: Undelivered Mail Returned to Sender\n${inner}`;
}
