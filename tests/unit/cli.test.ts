/**
 * The bundled command line (dist/cli/bounce-triage.mjs) against the engine in process: the same
 * JSON Lines, field for field and in the README's order, for every corpus file, on worker threads
 * and on one thread; its exit codes and error messages; and the package's `bin` entry.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyMailbox, type BounceResult } from '../../lib/engine';
import { buildCli } from '../../scripts/cli/build.mjs';
import { CORPUS_DIR } from './support/engine-check';

const ROOT = join(import.meta.dirname, '..', '..');
let cli = '';

beforeAll(async () => {
  cli = await buildCli();
}, 120_000);

function runCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The README's contract, written out here rather than taken from the command line's own code. */
function expectedLines(file: string, results: BounceResult[]): string[] {
  return results.flatMap((r, message) => {
    const empty = {
      recipient: null,
      replyCode: null,
      status: null,
      reason: null,
      category: null,
      hard: null,
      action: null,
      provider: null,
      diagnostic: null,
    };
    const recs = r.records.length
      ? r.records.map((x) => ({
          recipient: x.recipient,
          replyCode: x.replyCode,
          status: x.status,
          reason: x.reason,
          category: x.category,
          hard: x.hard,
          action: x.action,
          provider: x.provider,
          diagnostic: x.diagnostic,
        }))
      : [empty];
    return recs.map((rec) => JSON.stringify({ file, message, kind: r.kind, ...rec }));
  });
}

function inProcess(files: string[]): string {
  return files.map((f) => expectedLines(f, classifyMailbox(readFileSync(f))).join('\n') + '\n').join('');
}

const corpusThere = existsSync(join(CORPUS_DIR, 'maildir', 'bsd'));

describe.runIf(corpusThere)('bundled command line on the corpus', () => {
  const bsd = join(CORPUS_DIR, 'maildir', 'bsd');
  const bsdFiles = () =>
    readdirSync(bsd)
      .sort()
      .map((f) => join(bsd, f));

  it('prints exactly the in-process results for every file of maildir/bsd (worker threads)', () => {
    const r = runCli(['classify', '--jsonl', bsd], { BOUNCE_TRIAGE_THREADS: '2' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const want = inProcess(bsdFiles());
    // Compare line by line first, so that a failure names the line.
    const got = r.stdout.split('\n');
    want.split('\n').forEach((line, i) => expect(got[i], `line ${i + 1}`).toBe(line));
    expect(r.stdout).toBe(want);
  });

  it('prints the same on one thread, for files, an mbox and CRLF / CR copies', () => {
    const files = [
      ...bsdFiles().slice(0, 40),
      join(CORPUS_DIR, 'mailbox', 'mbox-0'),
      ...['dos', 'mac'].flatMap((d) =>
        readdirSync(join(CORPUS_DIR, 'maildir', d))
          .sort()
          .slice(0, 10)
          .map((f) => join(CORPUS_DIR, 'maildir', d, f)),
      ),
    ];
    const r = runCli(['classify', '--jsonl', ...files], { BOUNCE_TRIAGE_THREADS: '1' });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(inProcess(files));
    expect(r.stdout.split('\n').filter((l) => l.includes('mbox-0')).length).toBeGreaterThan(36);
  });

  it('gives the readable summary without --jsonl', () => {
    const file = bsdFiles().find((f) => f.endsWith('lhost-postfix-01.eml'))!;
    const r = runCli(['classify', file]);
    expect(r.code).toBe(0);
    const [head, rec] = r.stdout.split('\n');
    expect(head).toBe(`${file}: failed`);
    const first = classifyMailbox(readFileSync(file))[0]!.records[0]!;
    expect(rec).toContain(`${first.category} (${first.reason})`);
  });

  it('reports an unreadable path on stderr, still runs the others, and exits 1', () => {
    const file = bsdFiles()[0]!;
    const r = runCli(['classify', '--jsonl', join(bsd, 'no-such-file.eml'), file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot read');
    expect(r.stderr).toContain('ENOENT');
    expect(r.stdout).toBe(inProcess([file]));
  });
});

describe('command line usage', () => {
  it('exits 2 with the usage on a missing path or an unknown option, 0 on --help', () => {
    expect(runCli(['classify']).code).toBe(2);
    const unknown = runCli(['classify', '--frobnicate', 'x']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown option --frobnicate');
    const help = runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('usage: bounce-triage classify');
  });

  it('is what the package installs as `bounce-triage`', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(join(ROOT, pkg.bin['bounce-triage'])).toBe(cli);
    expect(readFileSync(cli, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    // npm pack would put the bundle in the package (files, bin) and nothing from the sources.
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
        cwd: ROOT,
        encoding: 'utf8',
      }),
    ) as { files: { path: string }[] }[];
    const paths = packed[0]!.files.map((f) => f.path).sort();
    expect(paths).toContain('dist/cli/bounce-triage.mjs');
    expect(paths).toContain('package.json');
    expect(paths.filter((p) => p.endsWith('.ts'))).toEqual([]);
  });
});
