import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hash53, importMailbox, importedAccount, type ImportBatch } from './mailbox-import';
import { MboxReader } from '../engine/message/mbox-stream';
import { gmailLink } from '../../components/history/api';
import { classifyMailbox } from '../engine/index';
import { CORPUS_DIR } from '../../tests/unit/support/engine-check';
import { checkBounceSeen } from '../history/validate';
import { recordsFromMessage } from '../history/record';

const enc = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

async function* chunked(bytes: Uint8Array, size: number) {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function run(bytes: Uint8Array, size: number, startOffset = 0, batchBytes = 4096) {
  const batches: ImportBatch[] = [];
  for await (const b of importMailbox(chunked(bytes.subarray(startOffset), size), {
    startOffset,
    batchReports: 3,
    batchBytes,
    now: 1,
  }))
    batches.push(b);
  return batches;
}

const envelope = (i: number) => `From 17900000000000000${i}@xxx Mon Jan 01 00:00:0${i % 10} +0000 2024\r\n`;
const bounceFiles = [
  'rfc3464-01.eml',
  'lhost-postfix-01.eml',
  'lhost-exim-01.eml',
  'arf-01.eml',
  'lhost-gmail-01.eml',
];
const bounce = (f: string) =>
  readFileSync(join(CORPUS_DIR, 'maildir', 'bsd', f), 'latin1')
    .replace(/\r?\n/g, '\r\n')
    .replace(/^(>*From )/gm, '>$1');

/** A small Takeout-like mailbox: sent mail, ordinary mail and corpus bounces. */
function takeout(): string {
  const parts: string[] = [];
  let i = 0;
  for (const f of bounceFiles) {
    parts.push(`${envelope(i)}X-GM-THRID: 1790${i}\r\nX-Gmail-Labels: Inbox\r\n${bounce(f)}\r\n`);
    i++;
    parts.push(
      `${envelope(i)}X-GM-THRID: 1790${i}\r\nX-Gmail-Labels: Sent\r\nFrom: Me <me@example.org>\r\nTo: a@example.net, b@example.net\r\nCc: a@example.net\r\nDate: Tue, 02 Jan 2024 10:00:00 +0000\r\nMessage-ID: <s${i}@example.org>\r\nSubject: Undelivered? no, a sent message\r\n\r\nhello\r\n\r\n`,
    );
    i++;
    parts.push(
      `${envelope(i)}X-GM-THRID: 1790${i}\r\nX-Gmail-Labels: Inbox\r\nFrom: friend@example.net\r\nTo: me@example.org\r\nSubject: lunch\r\nMessage-ID: <o${i}@example.net>\r\n\r\n${'text line\r\n'.repeat(200)}\r\n`,
    );
    i++;
  }
  return parts.join('');
}

describe('importMailbox', () => {
  const file = takeout();
  const bytes = enc(file);
  const expected = classifyMailbox(bytes).filter((r) => ['failed', 'delayed', 'complaint'].includes(r.kind));

  it('finds every bounce the whole-file reader finds, and counts the sent mail', async () => {
    const batches = await run(bytes, 1000);
    const reports = batches.flatMap((b) => b.reports);
    expect(expected.length).toBeGreaterThanOrEqual(4);
    expect(reports.map((r) => r.result.kind)).toEqual(expected.map((r) => r.kind));
    expect(reports.map((r) => r.result.records.length)).toEqual(expected.map((r) => r.records.length));
    const sent = batches.flatMap((b) => b.sent);
    expect(sent).toHaveLength(5);
    expect(sent[0]).toMatchObject({ from: 'me@example.org', day: '2024-01-02', recipients: 2 });
    const last = batches[batches.length - 1]!;
    expect(last.done).toBe(true);
    expect(last.progress).toMatchObject({
      bytes: bytes.length,
      messages: 15,
      sent: 5,
      bounces: expected.length,
    });
    expect(last.resumeAt).toBe(bytes.length);
    expect(new Set(reports.map((r) => r.messageId)).size).toBe(reports.length);
    for (const r of reports) expect(r.result.records.every((x) => x.evidence.length === 0)).toBe(true);
  });

  it('gives the same reports whatever the chunk size', async () => {
    const ids = async (size: number) =>
      (await run(bytes, size)).flatMap((b) => b.reports.map((r) => r.messageId));
    const want = await ids(bytes.length);
    for (const size of [1, 7, 4096]) expect(await ids(size)).toEqual(want);
  });

  it('resumes from any batch: the rest of the file gives exactly the reports not yet stored', async () => {
    const full = await run(bytes, 512);
    const all = full.flatMap((b) => b.reports.map((r) => r.messageId));
    for (let k = 0; k < full.length - 1; k++) {
      const before = full.slice(0, k + 1).flatMap((b) => b.reports.map((r) => r.messageId));
      const rest = (await run(bytes, 512, full[k]!.resumeAt)).flatMap((b) =>
        b.reports.map((r) => r.messageId),
      );
      expect([...before, ...rest]).toEqual(all);
    }
  });

  it('the same message gets the same id in another file', async () => {
    const one = await run(bytes, 4096);
    const other = enc(file.slice(file.indexOf(envelope(3))));
    const two = await run(other, 4096);
    const a = new Set(one.flatMap((b) => b.reports.map((r) => r.messageId)));
    for (const b of two.flatMap((x) => x.reports)) expect(a.has(b.messageId)).toBe(true);
  });

  it('reads one .eml', async () => {
    const eml = enc(bounce('rfc3464-01.eml'));
    const batches = await run(eml, 100);
    expect(batches.flatMap((b) => b.reports)).toHaveLength(1);
    expect(batches[batches.length - 1]!.progress.messages).toBe(1);
  });

  it('the history keeps what an imported report carries: email type, sending IP, the bounce date', async () => {
    const reports = (await run(bytes, 4096)).flatMap((b) => b.reports);
    const checked = reports.map((r) => checkBounceSeen(r));
    expect(checked.every((c) => c.ok)).toBe(true);
    const records = checked.flatMap((c) => (c.ok ? recordsFromMessage(c.value) : []));
    expect(records.length).toBeGreaterThanOrEqual(reports.length);
    expect(
      records.filter((r) => r.emailType === 'one-to-one' || r.emailType === 'bulk').length,
    ).toBeGreaterThan(0);
    expect(records.filter((r) => r.sendingIp).length).toBeGreaterThan(0);
    expect(records.every((r) => r.bounceDate !== null)).toBe(true);
  });

  it('hash53 is a decimal id', () => {
    expect(hash53('a')).toMatch(/^\d{1,16}$/);
    expect(hash53('a')).not.toBe(hash53('b'));
  });
});

describe('the account of imported records', () => {
  const entry = (head: string) => {
    const reader = new MboxReader();
    const bytes = enc(`${envelope(1)}${head}Subject: x\r\n\r\nbody\r\n`);
    return [...reader.push(bytes), ...reader.end()][0]!;
  };

  it('is the mailbox named by the topmost Delivered-To, marked as imported', () => {
    const e = entry('Delivered-To: Me@Example.org\r\nDelivered-To: forward@example.net\r\n');
    expect(importedAccount(e)).toBe('takeout:me@example.org');
  });

  it('names no mailbox when there is none, or one too long to keep whole', () => {
    expect(importedAccount(entry(''))).toBe('takeout:');
    expect(importedAccount(entry(`Delivered-To: ${'a'.repeat(40)}@example.org\r\n`))).toBe('takeout:');
  });

  it('links an imported record to its thread in its mailbox, and not at all when either is unknown', () => {
    expect(gmailLink('takeout:me@example.org', '123', '1790000000000000724')).toBe(
      `https://mail.google.com/mail/?authuser=me%40example.org#all/${1790000000000000724n.toString(16)}`,
    );
    expect(gmailLink('takeout:', '123', '1790000000000000724')).toBeNull();
    expect(gmailLink('takeout:me@example.org', '123', null)).toBeNull();
    // A record seen in Gmail links to its message in the account it was seen in.
    expect(gmailLink('u/1', '1790000000000000724', '1')).toBe(
      `https://mail.google.com/mail/u/1/#all/${1790000000000000724n.toString(16)}`,
    );
  });
});
