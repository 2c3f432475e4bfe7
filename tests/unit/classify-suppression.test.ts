/**
 * `classify --suppression FORMAT PATH...` prints the suppression list of those files through the
 * popup's export code: a dead address and a complaint are listed, a DMARC refusal and a single
 * over-quota bounce are not.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../scripts/cli/build.mjs';
import { CORPUS_BSD } from '../corpus/paths';

let cli = '';
beforeAll(async () => {
  cli = await buildCli();
}, 120_000);
const FILES = ['lhost-gmail-01', 'arf-01', 'rhost-google-03', 'rhost-google-05'].map((f) =>
  join(CORPUS_BSD, `${f}.eml`),
);

function classify(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, 'classify', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('classify --suppression', () => {
  it('prints the plain list and the SES import of the files', () => {
    const plain = classify('--suppression', 'plain', ...FILES);
    expect(plain).toMatchObject({ status: 0, stdout: 'userunknown@example.jp\nredacted@example.net\n' });
    const ses = classify('--suppression', 'ses', ...FILES);
    expect(ses.stdout).toBe('userunknown@example.jp,BOUNCE\r\nredacted@example.net,COMPLAINT\r\n');
  });

  it('names each record in the summary for what it is: complaints and auto-replies are not "soft"', () => {
    const files = ['arf-01', 'rfc3834-01', 'rhost-google-03', 'lhost-gmail-01', 'lhost-opensmtpd-06'];
    const r = classify(...files.map((f) => join(CORPUS_BSD, `${f}.eml`)));
    const verdicts = r.stdout
      .split('\n')
      .filter((l) => l.startsWith('  '))
      .map((l) => / \([a-z]+\) ([a-z-]+) /.exec(l)?.[1]);
    expect(verdicts).toEqual(['complaint', 'auto-reply', 'refused', 'hard', 'delayed']);
  });

  it('refuses a format it does not know', () => {
    const r = classify('--suppression', 'xml', ...FILES);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown suppression format "xml"/);
  });

  it('applies a corrections file exported from the popup, and says what is wrong with a bad one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bt-corrections-'));
    const file = join(dir, 'corrections.json');
    const keep = {
      messageId: '1',
      recipient: 'userunknown@example.jp',
      to: 'keep',
      was: { kind: 'failed', category: 'invalid-address', reason: 'userunknown', hard: true },
      provider: 'google',
      status: '5.1.1',
      pattern: '',
      reportId: null,
      createdAt: 1,
    };
    writeFileSync(
      file,
      JSON.stringify({ format: 'bounce-triage-corrections', version: 1, corrections: [keep] }),
    );
    const r = classify('--suppression', 'plain', '--corrections', file, ...FILES);
    expect(r).toMatchObject({ status: 0, stdout: 'redacted@example.net\n' });
    writeFileSync(file, '{"format":"something else"}');
    const bad = classify('--suppression', 'plain', '--corrections', file, ...FILES);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/not a Bounce Triage corrections file/);
    expect(classify('--corrections', file, ...FILES).stderr).toMatch(
      /--corrections FILE goes with --suppression/,
    );
  });
});
