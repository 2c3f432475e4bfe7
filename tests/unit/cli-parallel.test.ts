/**
 * The command line's threads (scripts/cli/parallel.ts) with the built bundle as the worker: the
 * main thread and the workers share the batches, and what comes out is exactly what one thread
 * writes, in file order, an unreadable file reported where it falls.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../scripts/cli/build.mjs';
import { classifyFiles, type Output } from '../../scripts/cli/main';
import { classifyInParallel } from '../../scripts/cli/parallel';
import { CORPUS_DIR } from './support/engine-check';

let worker: URL;

beforeAll(async () => {
  worker = pathToFileURL(await buildCli());
}, 120_000);

function capture(): Output & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out(t: string) {
      io.stdout += t;
    },
    err(t: string) {
      io.stderr += t;
    },
  };
  return io;
}

describe('classifyInParallel', () => {
  const bsd = join(CORPUS_DIR, 'maildir', 'bsd');
  const files = readdirSync(bsd)
    .sort()
    .map((f) => join(bsd, f));
  // A file that cannot be read, half-way through and in the last batch.
  const missing = join(bsd, 'no-such-file.eml');
  const list = [...files.slice(0, 150), missing, ...files.slice(150), missing];

  it.each([2, 3])(
    'on %i threads writes what one thread writes',
    async (threads) => {
      const one = capture();
      const oneFailed = classifyFiles(list, true, one);
      const many = capture();
      const manyFailed = await classifyInParallel(worker, list, true, threads, many);
      expect(oneFailed).toBe(true);
      expect(manyFailed).toBe(true);
      expect(many.stderr).toBe(one.stderr);
      expect(many.stderr.match(/cannot read .*no-such-file\.eml: ENOENT/g)).toHaveLength(2);
      expect(many.stdout.length).toBeGreaterThan(100_000);
      expect(many.stdout).toBe(one.stdout);
    },
    120_000,
  );

  it('writes the readable summary the same way', async () => {
    const one = capture();
    classifyFiles(files, false, one);
    const many = capture();
    expect(await classifyInParallel(worker, files, false, 2, many)).toBe(false);
    expect(many.stderr).toBe('');
    expect(many.stdout).toBe(one.stdout);
  }, 120_000);
});
