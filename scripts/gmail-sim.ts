/**
 * Write a simulated Gmail page for .eml files (the same page the tests and the demo serve).
 *
 *   npx tsx scripts/gmail-sim.ts [--theme dark] [--conversation] FILE... > page.html
 *
 * Each file becomes its own conversation, or, with --conversation, all files one conversation in
 * the given order (e.g. original, bounce, reply). Open the page and pick a conversation; the raw
 * sources are only served when the page runs under the simulator's route (tests, `npm run demo`).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { GmailSim } from '../tests/e2e/support/gmail-sim';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const theme = argv.includes('--theme') && argv[argv.indexOf('--theme') + 1] === 'dark' ? 'dark' : 'light';
  const together = argv.includes('--conversation');
  const files = argv
    .filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--theme')
    .map((f) => resolve(f));
  if (files.length === 0) {
    process.stderr.write(
      'usage: npx tsx scripts/gmail-sim.ts [--theme dark] [--conversation] FILE... > page.html\n',
    );
    process.exit(2);
  }
  for (const f of files) {
    if (!existsSync(f)) {
      process.stderr.write(`gmail-sim: no such file: ${f}\n`);
      process.exit(2);
    }
  }
  const sim = new GmailSim({ theme, measure: false });
  if (together) await sim.add(files);
  else for (const f of files) await sim.add([f]);
  process.stdout.write(sim.page());
}

main().catch((err: unknown) => {
  process.stderr.write(`gmail-sim failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
