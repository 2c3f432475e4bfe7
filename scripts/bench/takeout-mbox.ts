/**
 * A Takeout-like mailbox for benchmarks: what Google Takeout's "All mail" .mbox looks like, at
 * any size. Envelope lines "From <thread id>@xxx <date>", CRLF inside messages, X-GM-THRID and
 * X-Gmail-Labels on every message; ordinary mail (plain, HTML alternatives, newsletters with
 * List-Unsubscribe, attachments from a few kB to a few MB, base64), the user's own sent mail
 * (label Sent, one to several recipients in To and Cc), and real bounces from the corpus, each
 * with a thread id of its own. The same seed gives the same file.
 *
 *   tsx scripts/bench/takeout-mbox.ts OUT.mbox [SIZE_MB]
 */
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { CORPUS } from './corpus';

/** A small, fast, seeded generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'the of and to in is for that on with as this by be are from at or an it your we will can our more about their which has have not all new one also you time year report meeting project please team update next week thanks regards attached budget review call schedule draft final plan customer order invoice shipping'.split(
    ' ',
  );
const SENDERS = ['me@mycompany.example', 'sales@mycompany.example', 'news@mycompany.example'];
const PEOPLE = Array.from(
  { length: 400 },
  (_, i) => `person${i}@${['example.net', 'example.com', 'mail.example.org', 'corp.example'][i % 4]}`,
);

export interface TakeoutStats {
  bytes: number;
  messages: number;
  /** Messages labelled Sent, and the distinct recipients they went to. */
  sent: number;
  sentRecipients: number;
  /** Corpus bounce files written (what the engine makes of them is counted by the reader). */
  corpusMessages: number;
}

/** Corpus messages: the bounce samples, mboxrd-quoted, CRLF. */
function corpusMessages(): string[] {
  const dir = join(CORPUS, 'maildir', 'bsd');
  return (
    readdirSync(dir)
      .filter((f) => f.endsWith('.eml'))
      .sort()
      .map((f) => readFileSync(join(dir, f), 'latin1'))
      // A sample that is itself an mbox (starts with an envelope line) loses that line.
      .map((s) => (s.startsWith('From ') ? s.slice(s.indexOf('\n') + 1) : s))
      .map((s) =>
        s
          .replace(/\r\n?/g, '\n')
          .replace(/^(>*From )/gm, '>$1')
          .replace(/\n/g, '\r\n'),
      )
  );
}

/** The report's own Date set to `date`: bounces of the period the mailbox covers. */
export function redate(msg: string, date: string): string {
  const end = msg.indexOf('\r\n\r\n');
  const head = end === -1 ? msg : msg.slice(0, end);
  const dated = /^Date:[^\r\n]*(?:\r\n[ \t][^\r\n]*)*/m.test(head)
    ? head.replace(/^Date:[^\r\n]*(?:\r\n[ \t][^\r\n]*)*/m, `Date: ${date}`)
    : `Date: ${date}\r\n${head}`;
  return dated + (end === -1 ? '' : msg.slice(end));
}

/**
 * The report's Message-ID set to `id`: the mailbox repeats corpus reports, and each copy stands
 * for another bounce (the history keeps one record per report Message-ID and recipient).
 */
export function reidentify(msg: string, id: string): string {
  const end = msg.indexOf('\r\n\r\n');
  const head = end === -1 ? msg : msg.slice(0, end);
  const field = /^Message-ID:[^\r\n]*(?:\r\n[ \t][^\r\n]*)*/im;
  const named = field.test(head) ? head.replace(field, `Message-ID: ${id}`) : `Message-ID: ${id}\r\n${head}`;
  return named + (end === -1 ? '' : msg.slice(end));
}

export async function writeTakeoutMbox(
  out: string,
  sizeBytes: number,
  seed = 20261205,
): Promise<TakeoutStats> {
  const rnd = random(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const bounces = corpusMessages();
  const stream = createWriteStream(out);
  // Attachment bytes: one random block, cut at varying places (base64, 76 columns, CRLF).
  const blockBytes = new Uint8Array(6 * 1024 * 1024);
  for (let i = 0; i < blockBytes.length; i++) blockBytes[i] = (rnd() * 256) | 0;
  const b64 = Buffer.from(blockBytes)
    .toString('base64')
    .replace(/(.{76})/g, '$1\r\n');
  const text = (words: number) => {
    const lines: string[] = [];
    let line: string[] = [];
    for (let i = 0; i < words; i++) {
      line.push(pick(WORDS));
      if (line.length === 12) {
        lines.push(line.join(' '));
        line = [];
      }
    }
    lines.push(line.join(' '));
    return lines.join('\r\n');
  };
  const stats: TakeoutStats = { bytes: 0, messages: 0, sent: 0, sentRecipients: 0, corpusMessages: 0 };
  let thread = 1790000000000000000n;
  let time = Date.UTC(2024, 0, 1);
  let nextBounce = 0;

  const write = async (s: string) => {
    stats.bytes += s.length;
    stats.messages++;
    if (!stream.write(Buffer.from(s, 'latin1'))) await once(stream, 'drain');
  };
  const envelope = () => {
    time += Math.floor(rnd() * 600_000);
    thread += BigInt(1 + Math.floor(rnd() * 1000));
    const d = new Date(time);
    return {
      date: d.toUTCString().replace('GMT', '+0000'),
      line: `From ${thread}@xxx ${d.toUTCString()}\r\n`,
    };
  };
  const received = () =>
    Array.from(
      { length: 3 + Math.floor(rnd() * 4) },
      (_, i) =>
        `Received: from mx${i}.example.net (mx${i}.example.net [198.51.100.${i + 10}])\r\n        by mx.google.com with ESMTPS id ${Math.floor(rnd() * 1e9)}\r\n        for <me@mycompany.example>;`,
    ).join('\r\n');

  while (stats.bytes < sizeBytes) {
    const kind = rnd();
    const env = envelope();
    const id = `<${thread.toString(36)}.${stats.messages}@example.net>`;
    if (kind < 0.05) {
      // A real bounce from the corpus, as Gmail stores it.
      const msg = bounces[nextBounce++ % bounces.length]!;
      stats.corpusMessages++;
      await write(
        `${env.line}X-GM-THRID: ${thread}\r\nX-Gmail-Labels: Inbox,Unread\r\n${reidentify(redate(msg, env.date), `<dsn.${id.slice(1)}`)}\r\n`,
      );
      continue;
    }
    if (kind < 0.2) {
      // The user's own mail.
      const n = 1 + Math.floor(rnd() * rnd() * 12);
      const rcpts = new Set<string>();
      while (rcpts.size < n) rcpts.add(pick(PEOPLE));
      const list = [...rcpts];
      const to = list.slice(0, Math.ceil(list.length / 2));
      const cc = list.slice(to.length);
      stats.sent++;
      stats.sentRecipients += list.length;
      const body = text(40 + Math.floor(rnd() * 400));
      await write(
        [
          env.line.trimEnd(),
          `X-GM-THRID: ${thread}`,
          'X-Gmail-Labels: Sent',
          `From: Me <${pick(SENDERS)}>`,
          `To: ${to.join(', ')}`,
          ...(cc.length ? [`Cc: ${cc.join(', ')}`] : []),
          `Date: ${env.date}`,
          `Message-ID: ${id}`,
          `Subject: ${text(5)}`,
          'MIME-Version: 1.0',
          'Content-Type: text/plain; charset="UTF-8"',
          '',
          body,
          '',
          '',
        ].join('\r\n'),
      );
      continue;
    }
    // Ordinary received mail: plain, newsletter, or with an attachment.
    const newsletter = kind < 0.45;
    const attach = !newsletter && rnd() < 0.35;
    const boundary = `000000000000${thread.toString(16)}`;
    const head = [
      env.line.trimEnd(),
      `X-GM-THRID: ${thread}`,
      `X-Gmail-Labels: ${newsletter ? 'Inbox,Category Promotions' : 'Inbox,Important,Opened'}`,
      `Delivered-To: me@mycompany.example`,
      received(),
      `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.net; s=s1;\r\n        bh=${b64.slice(0, 44)};\r\n        b=${b64.slice(100, 400).replace(/\r\n/g, '')}`,
      `From: ${newsletter ? 'Shop News <news@shop.example>' : pick(PEOPLE)}`,
      'To: me@mycompany.example',
      `Date: ${env.date}`,
      `Message-ID: ${id}`,
      `Subject: ${text(6)}`,
      ...(newsletter ? ['List-Unsubscribe: <https://shop.example/u/1>', 'Precedence: bulk'] : []),
      'MIME-Version: 1.0',
      `Content-Type: multipart/${attach ? 'mixed' : 'alternative'}; boundary="${boundary}"`,
      '',
    ].join('\r\n');
    const body = text(80 + Math.floor(rnd() * 800));
    const parts = [
      `--${boundary}\r\nContent-Type: text/plain; charset="UTF-8"\r\n\r\n${body}\r\n`,
      `--${boundary}\r\nContent-Type: text/html; charset="UTF-8"\r\n\r\n<div>${body.replace(/\r\n/g, '<br>\r\n')}</div>\r\n`,
    ];
    if (attach) {
      // Sizes spread from a few kB to a few MB, most of them small.
      const size = Math.floor(Math.pow(rnd(), 4) * 1.5 * 1024 * 1024) + 2000;
      const start = Math.floor(rnd() * (b64.length - size - 100));
      const from = b64.indexOf('\r\n', start) + 2;
      const end = b64.indexOf('\r\n', from + size);
      parts.push(
        `--${boundary}\r\nContent-Type: application/pdf; name="report.pdf"\r\nContent-Disposition: attachment; filename="report.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64.slice(from, end)}\r\n`,
      );
    }
    await write(`${head}\r\n${parts.join('')}--${boundary}--\r\n\r\n`);
  }
  stream.end();
  await once(stream, 'finish');
  return stats;
}

if (process.argv[1] && /takeout-mbox\.ts$/.test(process.argv[1])) {
  const [out, mb] = process.argv.slice(2);
  if (!out) {
    console.error('usage: tsx scripts/bench/takeout-mbox.ts OUT.mbox [SIZE_MB]');
    process.exit(2);
  }
  const stats = await writeTakeoutMbox(out, Number(mb ?? 1024) * 1024 * 1024);
  console.log(JSON.stringify(stats));
}
