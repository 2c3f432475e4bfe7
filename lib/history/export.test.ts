import { describe, expect, it } from 'vitest';
import {
  EXPORT_FORMATS,
  buildExport,
  csvCell,
  eventsFromResults,
  exactCell,
  isSuppressionFormat,
  isoTime,
  rfc2822Time,
  suppressionExport,
} from './export';
import type { CorrectionRow } from './corrections-file';
import { recordsFromMessage, type HistoryRecord } from './record';
import { FULL_MAILBOX, fakeResult, fakeSeen, type FakeRecipient } from './test-fixtures';

const T1 = Date.UTC(2026, 10, 20, 8, 5, 9); // Fri, 20 Nov 2026 08:05:09 UTC
const T2 = Date.UTC(2026, 10, 22, 23, 0, 0);
const NOW = Date.UTC(2026, 10, 23, 1, 2, 3);

// Newest first, as the store hands them over.
const records: HistoryRecord[] = [
  ...recordsFromMessage(
    fakeSeen(
      '300',
      [{ recipient: 'Ann@Example.com', diagnostic: '550 5.1.1 <ann@example.com>: "no such user", sorry' }],
      {
        seenAt: T2,
        source: 'raw',
      },
    ),
  ),
  ...recordsFromMessage(
    fakeSeen(
      '200',
      [
        {
          ...FULL_MAILBOX,
          diagnostic: '=HYPERLINK("http://evil.example","click")',
        },
      ],
      { seenAt: T1 + 1000, kind: 'complaint' },
    ),
  ),
  ...recordsFromMessage(
    fakeSeen(
      '100',
      [{ recipient: 'ann@example.com', replyCode: null, status: '5.1.1', diagnostic: 'line one\nline two' }],
      { seenAt: T1 },
    ),
  ),
  ...recordsFromMessage(fakeSeen('50', [{ recipient: null, diagnostic: null }], { seenAt: T1 - 1000 })),
];

describe('CSV cells', () => {
  it('quotes per RFC 4180 and doubles quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(3)).toBe('3');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+33 1 23')).toBe("'+33 1 23");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe('"\'\rx"');
    expect(csvCell('=A1,"b"')).toBe('"\'=A1,""b"""');
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('defuses fullwidth signs and formulas behind leading spaces', () => {
    expect(csvCell('\uFF1D1+1')).toBe("'\uFF1D1+1");
    expect(csvCell('\uFF0B1')).toBe("'\uFF0B1");
    expect(csvCell('\uFF0D1')).toBe("'\uFF0D1");
    expect(csvCell('\uFF20SUM(A1)')).toBe("'\uFF20SUM(A1)");
    expect(csvCell(' =1+1')).toBe("' =1+1");
    expect(csvCell('  \t-x')).toBe("'  \t-x");
    expect(csvCell('\u3000@x')).toBe("'\u3000@x");
    expect(csvCell(' plain')).toBe(' plain');
  });

  it('carries machine-import values exactly, quoting only what RFC 4180 needs', () => {
    expect(exactCell('-sales@example.com')).toBe('-sales@example.com');
    expect(exactCell('=x@example.com')).toBe('=x@example.com');
    expect(exactCell('"a,b"@example.com')).toBe('"""a,b""@example.com"');
  });

  it('formats dates', () => {
    expect(isoTime(T1)).toBe('2026-11-20T08:05:09Z');
    expect(rfc2822Time(T1)).toBe('Fri, 20 Nov 2026 08:05:09 +0000');
  });
});

describe('record exports (what the filter shows)', () => {
  it('writes every record, defused and quoted', () => {
    const f = buildExport(records, 'records', {}, NOW);
    expect(f.rows).toBe(4);
    const lines = f.text.split('\r\n');
    expect(lines[0]).toBe(
      'last_seen,first_seen,address,address_domain,kind,category,reason,hard,severity,reply_code,status,diagnostic,provider,sender,sender_domain,subject,original_date,gmail_account,gmail_message_id,gmail_thread_id,corrected_to',
    );
    expect(lines[1]).toBe(
      '2026-11-22T23:00:00Z,2026-11-22T23:00:00Z,ann@example.com,example.com,failed,invalid-address,userunknown,true,hard,550,5.1.1,' +
        '"550 5.1.1 <ann@example.com>: ""no such user"", sorry",google,news@shop.example,shop.example,Your November newsletter,' +
        '"Mon, 23 Nov 2026 00:00:00 +0000",u/0,300,300,',
    );
    expect(lines[2]).toBe(
      '2026-11-20T08:05:10Z,2026-11-20T08:05:10Z,bob@corp.example,corp.example,complaint,mailbox-full,mailboxfull,false,soft,452,4.2.2,' +
        '"\'=HYPERLINK(""http://evil.example"",""click"")",google,news@shop.example,shop.example,Your November newsletter,' +
        '"Mon, 23 Nov 2026 00:00:00 +0000",u/0,200,200,',
    );
    // Whitespace in diagnostics is collapsed when stored, so no row spans two lines.
    expect(lines[3]).toContain(',line one line two,');
    expect(lines[4]).toBe(
      '2026-11-20T08:05:08Z,2026-11-20T08:05:08Z,,,failed,invalid-address,userunknown,true,hard,550,5.1.1,,google,news@shop.example,shop.example,Your November newsletter,"Mon, 23 Nov 2026 00:00:00 +0000",u/0,50,50,',
    );
    expect(lines[5]).toBe('');
    expect(lines).toHaveLength(6);
  });

  it('lists the addresses shown, rules not applied', () => {
    const f = buildExport(records, 'addresses', {}, NOW);
    expect(f.filename).toBe('bounces-addresses-20261123-0102.txt');
    expect(f.text).toBe('ann@example.com\nbob@corp.example\n');
  });

  it('adds a byte order mark for Excel to spreadsheet files only', () => {
    expect(buildExport(records, 'records', { excel: true }, NOW).text.startsWith('\uFEFFlast_seen,')).toBe(
      true,
    );
    expect(buildExport(records, 'unique', { excel: true }, NOW).text.startsWith('\uFEFFaddress,')).toBe(true);
    for (const f of EXPORT_FORMATS.filter((x) => !x.spreadsheet)) {
      expect(buildExport(history, f.id, { excel: true }, NOW).text.startsWith('\uFEFF'), f.id).toBe(false);
    }
  });
});

// A history with one address of each kind, newest first as the store hands them over.
const DAY = 86_400_000;
function sent(id: string, r: FakeRecipient, day: number, opts: Parameters<typeof fakeSeen>[2] = {}) {
  return recordsFromMessage(fakeSeen(id, [r], { seenAt: T1 + day * DAY, ...opts })).map((x) => ({
    ...x,
    originalDate: new Date(Date.UTC(2026, 10, 1) + day * DAY).toUTCString(),
  }));
}
const history: HistoryRecord[] = [
  ...sent('1010', { recipient: 'eve@full.example', ...soft('mailboxfull') }, 9),
  ...sent('1009', { recipient: 'gus@slow.example', ...soft('expired', '4.4.7') }, 8, { kind: 'delayed' }),
  ...sent(
    '1008',
    { recipient: 'dan@gone.example', category: 'mailbox', reason: 'hostunknown', status: '5.1.2' },
    7,
  ),
  ...sent(
    '1007',
    {
      recipient: 'carol@mail.example',
      category: 'dmarc',
      reason: 'authfailure',
      hard: false,
      status: '5.7.26',
    },
    6,
  ),
  ...sent('1006', { recipient: '-sales@shop.example' }, 5),
  ...sent('1005', { recipient: 'eve@full.example', ...soft('mailboxfull') }, 4),
  ...sent('1004', { recipient: 'fay@full.example', ...soft('mailboxfull') }, 3),
  ...sent('1003', { ...FULL_MAILBOX, recipient: 'bob@corp.example', diagnostic: '=HYPERLINK("x")' }, 2, {
    kind: 'complaint',
  }),
  ...sent('1002', { recipient: 'ann@example.com' }, 1),
  ...sent('1001', { recipient: 'eve@full.example', ...soft('mailboxfull') }, 0),
];
function soft(reason: 'mailboxfull' | 'expired', status = '4.2.2'): Partial<FakeRecipient> {
  return {
    category: reason === 'expired' ? 'recipient-error' : 'mailbox-full',
    reason,
    hard: false,
    replyCode: '452',
    status,
  };
}

describe('suppression list exports (the rules over the whole history)', () => {
  it('sorts every format into its family', () => {
    expect(EXPORT_FORMATS.filter((f) => isSuppressionFormat(f.id)).map((f) => f.id)).toEqual([
      'unique',
      'email',
      'mailgun',
      'mailgun-complaints',
      'ses',
      'plain',
      'domains',
    ]);
  });

  it('lists dead addresses, dead domains and repeated soft bounces; complaints apart; never the sender’s refusals', () => {
    const f = buildExport(history, 'unique', {}, NOW);
    expect(f.rows).toBe(5);
    expect(f.text.split('\r\n')).toEqual([
      'address,list,reason,last_category,last_codes,hard,last_seen,bounces,why',
      'eve@full.example,bounce,mailboxfull,mailbox-full,452 4.2.2,false,2026-11-29T08:05:09Z,3,Will be suppressed: 3 soft bounces over 9 days (last: the mailbox is full)',
      'dan@gone.example,bounce,hostunknown,mailbox,550 5.1.2,true,2026-11-27T08:05:09Z,1,Will be suppressed: the domain does not exist or has no mail server',
      "'-sales@shop.example,bounce,userunknown,invalid-address,550 5.1.1,true,2026-11-25T08:05:09Z,1,Will be suppressed: the address does not exist",
      'bob@corp.example,complaint,mailboxfull,mailbox-full,452 4.2.2,false,2026-11-22T08:05:09Z,1,Complaint: the recipient reported your mail as spam; goes on the complaint list',
      'ann@example.com,bounce,userunknown,invalid-address,550 5.1.1,true,2026-11-21T08:05:09Z,1,Will be suppressed: the address does not exist',
      '',
    ]);
  });

  it('follows the repeat rule it is given', () => {
    const strict = buildExport(history, 'plain', { rules: { repeats: 4, days: 7 } }, NOW).text;
    expect(strict).not.toContain('eve@');
    const loose = buildExport(history, 'plain', { rules: { repeats: 1, days: 0 } }, NOW).text;
    expect(loose).toContain('fay@full.example');
    expect(loose).not.toContain('carol@');
  });

  it('writes the single Email column, addresses exact', () => {
    expect(buildExport(history, 'email', {}, NOW).text).toBe(
      'Email\r\neve@full.example\r\ndan@gone.example\r\n-sales@shop.example\r\nbob@corp.example\r\nann@example.com\r\n',
    );
  });

  it('writes the Mailgun bounce import without complaints, and the complaints apart', () => {
    expect(buildExport(history, 'mailgun', {}, NOW).text.split('\r\n')).toEqual([
      'address,code,error,created_at',
      'eve@full.example,452,550 5.1.1 The email account that you tried to reach does not exist,"Sun, 29 Nov 2026 08:05:09 +0000"',
      'dan@gone.example,550,550 5.1.1 The email account that you tried to reach does not exist,"Fri, 27 Nov 2026 08:05:09 +0000"',
      '-sales@shop.example,550,550 5.1.1 The email account that you tried to reach does not exist,"Wed, 25 Nov 2026 08:05:09 +0000"',
      'ann@example.com,550,550 5.1.1 The email account that you tried to reach does not exist,"Sat, 21 Nov 2026 08:05:09 +0000"',
      '',
    ]);
    expect(buildExport(history, 'mailgun-complaints', {}, NOW).text).toBe(
      'address,created_at\r\nbob@corp.example,"Sun, 22 Nov 2026 08:05:09 +0000"\r\n',
    );
  });

  it('defuses the stranger-written error text of the Mailgun file, never the address', () => {
    const f = buildExport(records, 'mailgun', {}, NOW);
    expect(f.text).toBe(
      'address,code,error,created_at\r\n' +
        'ann@example.com,550,"550 5.1.1 <ann@example.com>: ""no such user"", sorry","Sun, 22 Nov 2026 23:00:00 +0000"\r\n',
    );
    const evil = sent('1', { recipient: 'x@y.example', diagnostic: '=HYPERLINK("x")' }, 0);
    expect(buildExport(evil, 'mailgun', {}, NOW).text).toContain(',"\'=HYPERLINK(""x"")",');
  });

  it('writes the Amazon SES import, no header, BOUNCE or COMPLAINT', () => {
    expect(buildExport(history, 'ses', {}, NOW).text).toBe(
      'eve@full.example,BOUNCE\r\ndan@gone.example,BOUNCE\r\n-sales@shop.example,BOUNCE\r\nbob@corp.example,COMPLAINT\r\nann@example.com,BOUNCE\r\n',
    );
  });

  it('writes the plain list and the dead domains', () => {
    const f = buildExport(history, 'plain', {}, NOW);
    expect(f.filename).toBe('bounces-plain-20261123-0102.txt');
    expect(f.text).toBe(
      'eve@full.example\ndan@gone.example\n-sales@shop.example\nbob@corp.example\nann@example.com\n',
    );
    expect(buildExport(history, 'domains', {}, NOW).text).toBe('gone.example\n');
  });

  it('exports an empty history as a header only', () => {
    expect(buildExport([], 'unique', {}, NOW).text).toBe(
      'address,list,reason,last_category,last_codes,hard,last_seen,bounces,why\r\n',
    );
    expect(buildExport([], 'plain', {}, NOW).text).toBe('');
    expect(buildExport([], 'ses', {}, NOW).text).toBe('');
  });

  it('reads classified messages the same way (the command line)', () => {
    const dead = { ...fakeResult([{ recipient: 'ann@example.com' }]) };
    const dmarc = fakeResult([
      { recipient: 'carol@mail.example', reason: 'authfailure', category: 'dmarc', status: '5.7.26' },
    ]);
    const body = suppressionExport(eventsFromResults([dead, dmarc]), 'plain');
    expect(body).toEqual({ text: 'ann@example.com\n', rows: 1 });
  });

  it('refuses an unknown format', () => {
    expect(() => buildExport(records, 'xml' as never)).toThrow(/Unknown export format/);
    expect(() => suppressionExport([], 'records')).toThrow(/Not a suppression list format/);
  });
});

describe('corrections in the exports', () => {
  const fix = (messageId: string, recipient: string, to: CorrectionRow['to']): CorrectionRow => ({
    key: `${messageId}|${recipient}`,
    messageId,
    recipient,
    to,
    was: { kind: 'failed', category: 'invalid-address', reason: 'userunknown', hard: true },
    provider: 'google',
    status: '5.1.1',
    pattern: '',
    reportId: null,
    createdAt: NOW,
  });
  const plain = (corrections: CorrectionRow[]) =>
    buildExport(records, 'plain', { corrections }, NOW).text.split('\n').filter(Boolean);

  it('leaves out an address someone said to keep mailing, in every suppression format', () => {
    expect(plain([])).toContain('ann@example.com');
    const keep = [fix('100', 'ann@example.com', 'keep')];
    expect(plain(keep)).not.toContain('ann@example.com');
    for (const f of EXPORT_FORMATS.filter((x) => x.family === 'suppression'))
      expect(buildExport(records, f.id, { corrections: keep }, NOW).text, f.id).not.toContain(
        'ann@example.com',
      );
  });

  it('counts a message someone said is not a bounce for nothing, and follows a corrected category', () => {
    // Both of ann's bounces say unknown user: one "not a bounce" leaves the other.
    expect(plain([fix('300', 'ann@example.com', 'not-bounce')])).toContain('ann@example.com');
    expect(
      plain([fix('300', 'ann@example.com', 'not-bounce'), fix('100', 'ann@example.com', 'dmarc')]),
    ).not.toContain('ann@example.com');
    const csv = buildExport(
      records,
      'unique',
      { corrections: [fix('300', 'ann@example.com', 'mailbox-full')] },
      NOW,
    );
    expect(csv.text).toContain('ann@example.com');
  });

  it('names the correction in the record rows', () => {
    const f = buildExport(
      records,
      'records',
      { corrections: [fix('300', 'ann@example.com', 'mailbox-full')] },
      NOW,
    );
    const lines = f.text.split('\r\n');
    expect(lines[1]).toMatch(/,300,300,mailbox-full$/);
    expect(lines[3]).toMatch(/,100,100,$/);
  });

  it('matches the command line by the report Message-ID and the recipient', () => {
    const result = fakeResult([{ recipient: 'zed@example.org' }]);
    const events = eventsFromResults([
      { ...result, report: { ...result.report, messageId: '<r1@mx.example>' } },
    ]);
    const byReport = { ...fix('1', 'zed@example.org', 'not-bounce'), reportId: '<R1@mx.example>' };
    expect(suppressionExport(events, 'plain').text).toBe('zed@example.org\n');
    expect(suppressionExport(events, 'plain', undefined, [byReport]).text).toBe('');
    expect(
      suppressionExport(events, 'plain', undefined, [{ ...byReport, reportId: '<r2@mx.example>' }]).text,
    ).toBe('zed@example.org\n');
  });
});
