/**
 * Import benchmark in real Chromium with the built extension.
 *
 *   npm run --silent bench:import -- --json [FILE]     # prints the JSON contract only
 *   npm run --silent bench:import -- --size-mb 300     # a smaller generated mailbox
 *
 * FILE defaults to a generated Takeout-like mailbox of 1,100 MB (scripts/bench/takeout-mbox.ts:
 * ordinary mail, attachments, newsletters, sent mail and real bounces from the corpus), written
 * to a temporary directory and removed afterwards.
 *
 * 1. The command line reads the same file (`classify --jsonl`): bounceMessages = messages it
 *    calls failed, delayed or complaint with at least one recipient record.
 * 2. The dashboard imports it through its real path: the file input, File.stream() in the
 *    worker, batches stored through the background. mbPerS = bytes read / time from the file
 *    being picked to the last batch stored, measured by the page itself.
 * 3. peakMemoryMb: the largest resident size, sampled every 100 ms, of the renderer process that
 *    holds the dashboard and its worker (Chromium runs the extension's pages, their workers and
 *    its service worker in one extension process, so the background's share is included).
 *
 * Figures are printed, never asserted. Details go to stderr; stdout carries the JSON.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  buildExtension,
  launchExtension,
  PROJECT_ROOT,
  snapshotExtension,
} from '../tests/e2e/support/extension';
import { writeTakeoutMbox } from './bench/takeout-mbox';

const argv = process.argv.slice(2).filter((a) => a !== '--');
const json = argv.includes('--json');
const sizeArg = argv.indexOf('--size-mb');
const sizeMb = sizeArg >= 0 ? Number(argv[sizeArg + 1]) : 1100;
const fileArg = argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--size-mb');
const log = (...a: unknown[]) => console.error('[bench:import]', ...a);
const KEPT = new Set(['failed', 'delayed', 'complaint']);

/** Bounce messages the command line finds in the file. */
async function cliBounceMessages(file: string): Promise<{ bounceMessages: number; ms: number }> {
  const t0 = Date.now();
  const child = spawn('npm', ['run', '--silent', 'classify', '--', '--jsonl', file], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const found = new Set<number>();
  for await (const line of createInterface({ input: child.stdout })) {
    if (!line) continue;
    const row = JSON.parse(line) as {
      message: number;
      kind: string;
      recipient: string | null;
      reason: string | null;
    };
    if (KEPT.has(row.kind) && row.reason !== null) found.add(row.message);
  }
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  if (code !== 0) throw new Error(`classify exited with ${code}`);
  return { bounceMessages: found.size, ms: Date.now() - t0 };
}

/** Resident set size of a process, MB (0 when it is gone). */
function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Parent of every process. */
function parents(): Map<number, number> {
  const out = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // "pid (comm) state ppid …": the command name may hold spaces, so read after the last ")".
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      out.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* gone */
    }
  }
  return out;
}

/** This browser's extension renderer processes (the dashboard, its worker, the service worker). */
function extensionProcesses(profile: string): number[] {
  const cmd = (pid: number) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      return '';
    }
  };
  const ppid = parents();
  const browsers = [...ppid.keys()].filter((pid) => {
    const c = cmd(pid);
    return c.includes(profile) && !c.includes('--type=');
  });
  const ours = (pid: number): boolean => {
    for (let p = pid, depth = 0; p > 1 && depth < 10; p = ppid.get(p) ?? 0, depth++)
      if (browsers.includes(p)) return true;
    return false;
  };
  return [...ppid.keys()].filter((pid) => {
    const c = cmd(pid);
    return c.includes('--type=renderer') && c.includes('--extension-process') && ours(pid);
  });
}

async function main() {
  buildExtension({ quiet: true });
  const extDir = snapshotExtension();
  const tmp = mkdtempSync(join(tmpdir(), 'bt-bench-import-'));
  let file = fileArg;
  try {
    if (!file) {
      file = join(tmp, 'takeout.mbox');
      log(`writing a ${sizeMb} MB Takeout-like mailbox to ${file}`);
      const stats = await writeTakeoutMbox(file, sizeMb * 1024 * 1024);
      log('generated', stats);
    }
    if (!existsSync(file)) throw new Error(`no such file: ${file}`);
    const bytes = statSync(file).size;

    const cli = await cliBounceMessages(file);
    log(`command line: ${cli.bounceMessages} bounce messages in ${(cli.ms / 1000).toFixed(1)} s`);

    const ext = await launchExtension({ extensionPath: extDir, headless: true });
    try {
      const page = await ext.context.newPage();
      await page.goto(ext.extensionUrl('dashboard.html'));
      await page.getByTestId('import-input').waitFor({ state: 'attached' });
      const before = extensionProcesses(ext.userDataDir);
      let peak = 0;
      const sample = () => {
        // The processes that exist now; a new one started for the page counts too.
        const pids = extensionProcesses(ext.userDataDir);
        const total = pids.reduce((n, pid) => n + rssMb(pid), 0);
        peak = Math.max(peak, total);
      };
      sample();
      const timer = setInterval(sample, 100);
      await page.getByTestId('import-input').setInputFiles(file);
      await page.waitForSelector(
        '[data-testid="import-progress"][data-state="done"], [data-testid="import-progress"][data-state="failed"]',
        {
          timeout: 30 * 60_000,
        },
      );
      clearInterval(timer);
      sample();
      const status = await page
        .getByTestId('import-progress')
        .evaluate((el: HTMLElement) => ({ ...el.dataset }));
      if (status.state !== 'done')
        throw new Error(`the import stopped: ${await page.getByRole('alert').textContent()}`);
      log('import status', status, 'extension processes before', before);
      const elapsedMs = Number(status.elapsedMs);
      const result = {
        bytes,
        messages: Number(status.messages),
        sent: Number(status.sent),
        bounceMessages: cli.bounceMessages,
        stored: Number(status.stored),
        mbPerS: Math.round((bytes / 1e6 / (elapsedMs / 1000)) * 10) / 10,
        peakMemoryMb: Math.round(peak),
      };
      console.log(json ? JSON.stringify(result) : result);
    } finally {
      await ext.close();
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(extDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
