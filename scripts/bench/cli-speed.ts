/**
 * The bundled command line's speed, as a person runs it: a fresh `node` process per run, wall
 * time, start-up included. Start-up is the time to classify one small file; throughput is the
 * whole command over a directory of 20 copies of maildir/bsd (about 12,000 messages), written
 * to a temporary directory first.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCli } from '../cli/build.mjs';

export interface CliSpeed {
  startupMs: number;
  messages: number;
  /** Messages per second of wall time for the whole command as it chooses its threads, best of the runs. */
  perSec: number;
  /** The same on one thread (BOUNCE_TRIAGE_THREADS=1). */
  serialPerSec: number;
  /** The same on one thread per core (the main thread and workers), at most four (null on one core). */
  threads: { count: number; perSec: number } | null;
  /**
   * The same figures in the process's CPU time (user + system, all its threads), where Linux tells
   * it: on a shared machine wall time also counts the time other processes held the cores.
   */
  cpu: { startupMs: number; perSec: number; serialPerSec: number; threadsPerSec: number | null } | null;
  /** The 1-minute load average before and after the runs, and the machine's cores. */
  load: { before: number; after: number; cores: number };
}

/** CPU time of this process's finished children, in ms (Linux: cutime + cstime of /proc/self/stat). */
function childCpuMs(): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  const stat = readFileSync('/proc/self/stat', 'utf8');
  // Fields after the command name (which may hold spaces) start at field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[13]) + Number(fields[14]);
  return Number.isFinite(ticks) ? ticks * 10 : null; // USER_HZ is 100 on Linux
}

function timed(
  cli: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): { ms: number; cpuMs: number | null; stdout: string } {
  const cpu0 = childCpuMs();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [cli, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const ms = performance.now() - t0;
  const cpu1 = childCpuMs();
  if (r.status !== 0) throw new Error(`bounce-triage exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  return { ms, cpuMs: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0, stdout: r.stdout };
}

export async function measureCli(corpus: string, copies = 20, runs = 3): Promise<CliSpeed> {
  const cli = await ensureCli();
  const source = join(corpus, 'maildir', 'bsd');
  const small = join(source, readdirSync(source).sort()[0]!);
  const dir = mkdtempSync(join(tmpdir(), 'bt-cli-bench-'));
  const cores = availableParallelism();
  const before = loadavg()[0]!;
  try {
    for (let i = 0; i < copies; i++)
      cpSync(source, join(dir, `copy-${String(i).padStart(2, '0')}`), { recursive: true });
    let startupMs = Infinity;
    let startupCpu = Infinity;
    for (let i = 0; i < 5; i++) {
      const r = timed(cli, ['classify', '--jsonl', small]);
      startupMs = Math.min(startupMs, r.ms);
      startupCpu = Math.min(startupCpu, r.cpuMs ?? NaN);
    }
    const best = (env: NodeJS.ProcessEnv) => {
      let ms = Infinity;
      let cpuMs = Infinity;
      let messages = 0;
      for (let i = 0; i < runs; i++) {
        const r = timed(cli, ['classify', '--jsonl', dir], env);
        ms = Math.min(ms, r.ms);
        cpuMs = Math.min(cpuMs, r.cpuMs ?? NaN);
        const seen = new Set<string>();
        for (const line of r.stdout.split('\n')) {
          if (!line) continue;
          const o = JSON.parse(line) as { file: string; message: number };
          seen.add(`${o.file}\u0000${o.message}`);
        }
        messages = seen.size;
      }
      return { messages, perSec: (messages / ms) * 1000, cpuPerSec: (messages / cpuMs) * 1000 };
    };
    const chosen = best({});
    const serial = best({ BOUNCE_TRIAGE_THREADS: '1' });
    const count = Math.min(cores, 4);
    const threaded = count > 1 ? best({ BOUNCE_TRIAGE_THREADS: String(count) }) : null;
    return {
      startupMs,
      messages: chosen.messages,
      perSec: chosen.perSec,
      serialPerSec: serial.perSec,
      threads: threaded ? { count, perSec: threaded.perSec } : null,
      cpu: Number.isFinite(startupCpu)
        ? {
            startupMs: startupCpu,
            perSec: chosen.cpuPerSec,
            serialPerSec: serial.cpuPerSec,
            threadsPerSec: threaded ? threaded.cpuPerSec : null,
          }
        : null,
      load: { before, after: loadavg()[0]!, cores },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
