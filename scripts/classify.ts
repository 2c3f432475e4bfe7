/**
 * Command line: classify bounce files.
 *
 *   npm run --silent classify -- --jsonl PATH...   one JSON object per recipient record
 *   npm run --silent classify -- PATH...           a readable summary
 *
 * Directories are walked (every file below, sorted). Unreadable paths are reported on stderr;
 * the exit code is 1 when any path failed, 2 on a usage error.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { classifyMailbox } from '../lib/engine/index';
import type { BounceResult } from '../lib/engine/types';

const USAGE =
  'usage: classify [--jsonl] PATH...   (files hold one message or an mbox; directories are walked)';

function listFiles(path: string): string[] {
  const st = statSync(path);
  if (!st.isDirectory()) return [path];
  const out: string[] = [];
  for (const name of readdirSync(path).sort()) {
    const p = join(path, name);
    const s = statSync(p);
    if (s.isDirectory()) out.push(...listFiles(p));
    else if (s.isFile()) out.push(p);
  }
  return out;
}

export function jsonLines(file: string, results: BounceResult[]): string[] {
  const lines: string[] = [];
  results.forEach((r, message) => {
    const base = { file, message, kind: r.kind };
    if (!r.records.length) {
      lines.push(
        JSON.stringify({
          ...base,
          recipient: null,
          replyCode: null,
          status: null,
          reason: null,
          category: null,
          hard: null,
          action: null,
          provider: null,
          diagnostic: null,
        }),
      );
      return;
    }
    for (const rec of r.records) {
      lines.push(
        JSON.stringify({
          ...base,
          recipient: rec.recipient,
          replyCode: rec.replyCode,
          status: rec.status,
          reason: rec.reason,
          category: rec.category,
          hard: rec.hard,
          action: rec.action,
          provider: rec.provider,
          diagnostic: rec.diagnostic,
        }),
      );
    }
  });
  return lines;
}

function summary(file: string, results: BounceResult[]): string[] {
  const out: string[] = [];
  results.forEach((r, i) => {
    const head = results.length > 1 ? `${file} #${i}` : file;
    if (!r.records.length) {
      out.push(`${head}: ${r.kind}`);
      return;
    }
    out.push(`${head}: ${r.kind}`);
    for (const rec of r.records) {
      const codes = [rec.replyCode, rec.status].filter(Boolean).join(' ') || 'no code';
      out.push(
        `  ${rec.recipient ?? '(recipient unknown)'}  ${rec.category} (${rec.reason}) ${rec.hard ? 'hard' : 'soft'}  ${codes}  → ${rec.action}${rec.provider ? `  [${rec.provider}]` : ''}`,
      );
    }
  });
  return out;
}

function main(argv: string[]): number {
  const jsonl = argv.includes('--jsonl');
  const paths = argv.filter((a) => a !== '--jsonl' && a !== '--');
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const unknown = paths.filter((p) => p.startsWith('--'));
  if (unknown.length || paths.length === 0) {
    process.stderr.write(`${unknown.length ? `unknown option ${unknown[0]}\n` : ''}${USAGE}\n`);
    return 2;
  }
  let failed = false;
  for (const p of paths) {
    let files: string[];
    try {
      files = listFiles(p);
    } catch (e) {
      process.stderr.write(`classify: cannot read ${p}: ${(e as NodeJS.ErrnoException).code ?? 'error'}\n`);
      failed = true;
      continue;
    }
    for (const f of files) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(f);
      } catch (e) {
        process.stderr.write(`classify: cannot read ${f}: ${(e as NodeJS.ErrnoException).code ?? 'error'}\n`);
        failed = true;
        continue;
      }
      const results = classifyMailbox(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      const lines = jsonl ? jsonLines(f, results) : summary(f, results);
      process.stdout.write(lines.join('\n') + '\n');
    }
  }
  return failed ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
