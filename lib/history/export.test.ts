import { describe, expect, it } from 'vitest';
import { buildExport, csvCell, isoTime, rfc2822Time, uniqueAddresses } from './export';
import { recordsFromMessage, type HistoryRecord } from './record';
import { FULL_MAILBOX, fakeSeen } from './test-fixtures';

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

  it('formats dates', () => {
    expect(isoTime(T1)).toBe('2026-11-20T08:05:09Z');
    expect(rfc2822Time(T1)).toBe('Fri, 20 Nov 2026 08:05:09 +0000');
  });
});

describe('exports', () => {
  it('groups unique addresses with their newest record and count', () => {
    expect(uniqueAddresses(records).map((s) => [s.address, s.last.messageId, s.count])).toEqual([
      ['ann@example.com', '300', 2],
      ['bob@corp.example', '200', 1],
    ]);
  });

  it('writes the suppression list', () => {
    const f = buildExport(records, 'unique', {}, NOW);
    expect(f.filename).toBe('bounces-unique-20261123-0102.csv');
    expect(f.mime).toBe('text/csv;charset=utf-8');
    expect(f.rows).toBe(2);
    expect(f.text).toBe(
      'address,last_category,last_codes,hard,last_seen,count\r\n' +
        'ann@example.com,invalid-address,550 5.1.1,true,2026-11-22T23:00:00Z,2\r\n' +
        'bob@corp.example,mailbox-full,452 4.2.2,false,2026-11-20T08:05:10Z,1\r\n',
    );
  });

  it('adds a byte order mark for Excel', () => {
    const f = buildExport(records, 'unique', { excel: true }, NOW);
    expect(f.text.startsWith('\uFEFFaddress,')).toBe(true);
    expect(buildExport(records, 'plain', { excel: true }, NOW).text.startsWith('\uFEFF')).toBe(false);
  });

  it('writes every record, defused and quoted', () => {
    const f = buildExport(records, 'records', {}, NOW);
    expect(f.rows).toBe(4);
    const lines = f.text.split('\r\n');
    expect(lines[0]).toBe(
      'last_seen,first_seen,address,address_domain,kind,category,reason,hard,severity,reply_code,status,diagnostic,provider,sender,sender_domain,subject,original_date,gmail_account,gmail_message_id,gmail_thread_id',
    );
    expect(lines[1]).toBe(
      '2026-11-22T23:00:00Z,2026-11-22T23:00:00Z,ann@example.com,example.com,failed,invalid-address,userunknown,true,hard,550,5.1.1,' +
        '"550 5.1.1 <ann@example.com>: ""no such user"", sorry",google,news@shop.example,shop.example,Your November newsletter,' +
        '"Mon, 23 Nov 2026 00:00:00 +0000",u/0,300,300',
    );
    expect(lines[2]).toBe(
      '2026-11-20T08:05:10Z,2026-11-20T08:05:10Z,bob@corp.example,corp.example,complaint,mailbox-full,mailboxfull,false,soft,452,4.2.2,' +
        '"\'=HYPERLINK(""http://evil.example"",""click"")",google,news@shop.example,shop.example,Your November newsletter,' +
        '"Mon, 23 Nov 2026 00:00:00 +0000",u/0,200,200',
    );
    // Whitespace in diagnostics is collapsed when stored, so no row spans two lines.
    expect(lines[3]).toContain(',line one line two,');
    expect(lines[4]).toBe(
      '2026-11-20T08:05:08Z,2026-11-20T08:05:08Z,,,failed,invalid-address,userunknown,true,hard,550,5.1.1,,google,news@shop.example,shop.example,Your November newsletter,"Mon, 23 Nov 2026 00:00:00 +0000",u/0,50,50',
    );
    expect(lines[5]).toBe('');
    expect(lines).toHaveLength(6);
  });

  it('writes the Mailgun bounce import layout', () => {
    const f = buildExport(records, 'mailgun', {}, NOW);
    expect(f.text).toBe(
      'address,code,error,created_at\r\n' +
        'ann@example.com,550,"550 5.1.1 <ann@example.com>: ""no such user"", sorry","Sun, 22 Nov 2026 23:00:00 +0000"\r\n' +
        'bob@corp.example,452,"\'=HYPERLINK(""http://evil.example"",""click"")","Fri, 20 Nov 2026 08:05:10 +0000"\r\n',
    );
  });

  it('writes the Amazon SES suppression import layout', () => {
    expect(buildExport(records, 'ses', {}, NOW).text).toBe(
      'ann@example.com,BOUNCE\r\nbob@corp.example,COMPLAINT\r\n',
    );
  });

  it('writes a plain address list', () => {
    const f = buildExport(records, 'plain', {}, NOW);
    expect(f.filename).toBe('bounces-plain-20261123-0102.txt');
    expect(f.text).toBe('ann@example.com\nbob@corp.example\n');
  });

  it('exports an empty selection as a header only', () => {
    expect(buildExport([], 'unique', {}, NOW).text).toBe(
      'address,last_category,last_codes,hard,last_seen,count\r\n',
    );
    expect(buildExport([], 'plain', {}, NOW).text).toBe('');
  });

  it('refuses an unknown format', () => {
    expect(() => buildExport(records, 'xml' as never)).toThrow(/Unknown export format/);
  });
});
