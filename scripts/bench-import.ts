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
 * 3. Memory, sampled every 100 ms while the import runs. Chromium runs the extension's pages,
 *    their workers and its service worker in one extension renderer process, so the page and its
 *    worker cannot be measured apart from the background there:
 *    - peakMemoryMb: that process's private memory (anonymous resident memory and swap, what
 *      Chromium's task manager calls its memory footprint): the page, its worker and the service
 *      worker together, their heaps, the file's chunks and every other buffer;
 *    - peakRssMb: all it has resident, also the pages of the mapped browser program and fonts
 *      (about 110–125 MB here) that every Chromium process shares;
 *    - peakJsHeapMb: the JavaScript heaps of the page and its worker (DevTools protocol).
 *    workerCpuS is the CPU time of the import worker's thread.
 *
 * Figures are printed, never asserted. Details go to stderr; stdout carries the JSON.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { BrowserContext, Page } from 'playwright-core';
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

/** Sizes of a process, MB (0 when it is gone): resident in all, anonymous, file-backed, shared memory; swap. */
function residentMb(pid: number): { rss: number; anon: number; file: number; shmem: number; swap: number } {
  const out = { rss: 0, anon: 0, file: 0, shmem: 0, swap: 0 };
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024;
    out.rss = field('VmRSS');
    out.anon = field('RssAnon');
    out.file = field('RssFile');
    out.shmem = field('RssShmem');
    out.swap = field('VmSwap');
  } catch {
    /* gone */
  }
  return out;
}

/**
 * Peak JavaScript heap use of a page and of the dedicated workers it starts, through the DevTools
 * protocol (the workers are reached through auto-attached sessions of the page's target).
 */
async function heapSampler(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  const workers = new Set<string>();
  const pending = new Map<number, (used: number) => void>();
  let nextId = 1;
  cdp.on('Target.attachedToTarget', (ev) => {
    if (ev.targetInfo.type === 'worker') workers.add(ev.sessionId);
  });
  cdp.on('Target.detachedFromTarget', (ev) => workers.delete(ev.sessionId));
  cdp.on('Target.receivedMessageFromTarget', (ev) => {
    const m = JSON.parse(ev.message) as { id?: number; result?: { usedSize?: number } };
    if (m.id === undefined) return;
    pending.get(m.id)?.(m.result?.usedSize ?? 0);
    pending.delete(m.id);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const workerUsed = (sessionId: string) =>
    new Promise<number>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      setTimeout(() => resolve(0), 1000);
      cdp
        .send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }),
        })
        .catch(() => resolve(0));
    });
  const peak = { page: 0, worker: 0, both: 0 };
  return {
    peak,
    async sample() {
      const pageUsed = (await cdp.send('Runtime.getHeapUsage').catch(() => ({ usedSize: 0 }))).usedSize;
      let used = 0;
      for (const sessionId of workers) used += await workerUsed(sessionId);
      peak.page = Math.max(peak.page, pageUsed / 1048576);
      peak.worker = Math.max(peak.worker, used / 1048576);
      peak.both = Math.max(peak.both, (pageUsed + used) / 1048576);
    },
  };
}

/** CPU seconds of each thread of a process so far, by thread name and id. */
function threadCpu(pid: number, out: Map<string, number>): void {
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(`${name}#${tid}`, (Number(f[11]) + Number(f[12])) / 100);
    }
  } catch {
    /* gone */
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
      const peak = { rss: 0, anon: 0, file: 0, shmem: 0, swap: 0 };
      const cpu = new Map<string, number>();
      const sample = () => {
        // The processes that exist now; a new one started for the page counts too.
        const pids = extensionProcesses(ext.userDataDir);
        const sizes = pids.map(residentMb);
        for (const k of ['rss', 'anon', 'file', 'shmem', 'swap'] as const)
          peak[k] = Math.max(
            peak[k],
            sizes.reduce((n, s) => n + s[k], 0),
          );
        for (const pid of pids) threadCpu(pid, cpu);
      };
      const heaps = await heapSampler(ext.context, page);
      sample();
      const atStart = { ...peak };
      let sampling = false;
      const timer = setInterval(() => {
        sample();
        if (sampling) return;
        sampling = true;
        void heaps.sample().finally(() => (sampling = false));
      }, 100);
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
      const workerCpu = [...cpu].filter(([name]) => name.startsWith('DedicatedWorker'));
      log('import status', status);
      log('extension processes', before, 'MB at start', atStart, 'peak', peak, 'JS heaps', heaps.peak);
      log('CPU seconds of the import worker', Object.fromEntries(workerCpu));
      const elapsedMs = Number(status.elapsedMs);
      const mb = (n: number) => Math.round(n);
      const result = {
        bytes,
        messages: Number(status.messages),
        sent: Number(status.sent),
        bounceMessages: cli.bounceMessages,
        stored: Number(status.stored),
        mbPerS: Math.round((bytes / 1e6 / (elapsedMs / 1000)) * 10) / 10,
        // Private memory (Chromium's "memory footprint"): anonymous resident memory and swap of
        // the extension process, which holds the page, its worker and the service worker.
        peakMemoryMb: mb(peak.anon + peak.swap),
        // Everything resident in that process, the mapped browser program and fonts too (pages
        // shared with every other Chromium process).
        peakRssMb: mb(peak.rss),
        // The page's and the worker's JavaScript heaps (buffers outside the heap not included).
        peakJsHeapMb: mb(heaps.peak.both),
        workerCpuS: Math.round(workerCpu.reduce((n, [, s]) => n + s, 0) * 100) / 100,
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
