/**
 * The command line, independent of the process: arguments in, text out through callbacks, an exit
 * code back. The process entry (bounce-triage.ts) adds buffering and, for many files, threads.
 *
 *   bounce-triage classify --jsonl PATH...   one JSON object per recipient record
 *   bounce-triage classify PATH...           a readable summary
 *   bounce-triage classify --suppression FORMAT PATH...
 *                                            the suppression list of those bounces, through the
 *                                            popup's export code (plain, email, mailgun, ses …)
 *   … --suppression FORMAT --corrections FILE PATH...
 *                                            the same, with the popup's exported corrections applied
 *
 * Directories are walked (every file below, sorted). Unreadable paths are reported on stderr;
 * the exit code is 1 when any path failed, 2 on a usage error.
 */
import { readFileSync } from 'node:fs';
import { classifyMessage, emptyResult } from '../../lib/engine/pipeline';
import type { BounceResult } from '../../lib/engine/types';
import {
  EXPORT_FORMATS,
  eventsFromResults,
  suppressionExport,
  type ExportEvent,
  type ExportFormat,
} from '../../lib/history/export';
import { BadCorrection, parseCorrectionsJson, type CorrectionRow } from '../../lib/history/corrections-file';
import { jsonLines, messageSummary } from './jsonl';
import { listFiles, readMessages } from './read';

const SUPPRESSION_FORMATS: readonly ExportFormat[] = EXPORT_FORMATS.filter(
  (f) => f.family === 'suppression',
).map((f) => f.id);

export const USAGE =
  'usage: bounce-triage classify [--jsonl | --suppression FORMAT [--corrections FILE]] PATH...   (files hold one message or an mbox; directories are walked)\n' +
  `  FORMAT: ${SUPPRESSION_FORMATS.join(', ')}`;

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export type Command =
  | { run: 'help' }
  | { run: 'usage-error'; message: string }
  | { run: 'classify'; jsonl: boolean; paths: string[] }
  | { run: 'suppression'; format: ExportFormat; paths: string[]; corrections?: string };

export function parseArgs(argv: readonly string[]): Command {
  // The subcommand may be left out, so that `classify PATH` and `bounce-triage classify PATH` agree.
  const args = argv[0] === 'classify' ? argv.slice(1) : argv;
  if (args.includes('--help') || args.includes('-h')) return { run: 'help' };
  const at = args.indexOf('--suppression');
  const format = at >= 0 ? (args[at + 1] ?? '') : null;
  // A JSON file exported from the popup (Settings, Corrections): applied to the suppression list.
  const ci = args.indexOf('--corrections');
  const corrections = ci >= 0 ? (args[ci + 1] ?? '') : null;
  const paths = args.filter(
    (a, i) =>
      a !== '--jsonl' &&
      a !== '--' &&
      (at < 0 || (i !== at && i !== at + 1)) &&
      (ci < 0 || (i !== ci && i !== ci + 1)),
  );
  const unknown = paths.find((p) => p.startsWith('--'));
  const problem =
    unknown !== undefined
      ? `unknown option ${unknown}\n`
      : format !== null && !SUPPRESSION_FORMATS.includes(format as ExportFormat)
        ? `unknown suppression format ${JSON.stringify(format)}\n`
        : format !== null && args.includes('--jsonl')
          ? '--jsonl and --suppression do not go together\n'
          : corrections !== null && (format === null || corrections === '' || corrections.startsWith('--'))
            ? '--corrections FILE goes with --suppression\n'
            : paths.length === 0
              ? ''
              : null;
  if (problem !== null) return { run: 'usage-error', message: `${problem}${USAGE}\n` };
  if (format !== null)
    return {
      run: 'suppression',
      format: format as ExportFormat,
      paths,
      ...(corrections !== null ? { corrections } : {}),
    };
  return { run: 'classify', jsonl: args.includes('--jsonl'), paths };
}

function errorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? 'error';
}

/** The files the paths name, in order; a path that cannot be read is reported and skipped. */
export function collectFiles(paths: readonly string[], io: Output): { files: string[]; failed: boolean } {
  const files: string[] = [];
  let failed = false;
  for (const p of paths) {
    try {
      files.push(...listFiles(p));
    } catch (e) {
      io.err(`classify: cannot read ${p}: ${errorCode(e)}\n`);
      failed = true;
    }
  }
  return { files, failed };
}

/**
 * One file's output (lines ending in a newline), or the message for a file that cannot be read.
 * With `emit`, the text goes out as it is made (a large mbox is never held whole) and `text` is
 * empty. A message the reader's gate keeps out is reported as not a bounce without being read.
 */
export function classifyFile(
  file: string,
  jsonl: boolean,
  emit?: (text: string) => void,
): { text: string } | { error: string } {
  const parts: string[] = [];
  const out = emit ?? ((t: string) => parts.push(t));
  // The summary names messages "file #i" only when the file holds more than one: the first
  // message waits until the second is known.
  let first: BounceResult | null = null;
  let count = 0;
  try {
    for (const r of classifiedMessages(file)) {
      if (jsonl) out(jsonLines(file, count, r).join('\n') + '\n');
      else if (count === 0) first = r;
      else {
        if (first) out(messageSummary(file, 0, true, first).join('\n') + '\n');
        first = null;
        out(messageSummary(file, count, true, r).join('\n') + '\n');
      }
      count++;
    }
  } catch (e) {
    return { error: `classify: cannot read ${file}: ${errorCode(e)}\n` };
  }
  if (first) out(messageSummary(file, 0, false, first).join('\n') + '\n');
  return { text: parts.join('') };
}

/** Each message's result, in file order (a message the gate keeps out: not a bounce, unread). */
function* classifiedMessages(file: string): Generator<BounceResult> {
  for (const m of readMessages(file))
    yield m.candidate && m.raw !== null ? classifyMessage(m.raw, m) : emptyResult();
}

/** Classify files one after the other, writing as it goes; true when some file failed. */
export function classifyFiles(files: readonly string[], jsonl: boolean, io: Output): boolean {
  let failed = false;
  for (const f of files) {
    const r = classifyFile(f, jsonl, io.out);
    if ('error' in r) {
      io.err(r.error);
      failed = true;
    }
  }
  return failed;
}

/**
 * The suppression list of every bounce in the files, written by the popup's export code (the
 * same rules and formats); true when some file failed.
 */
export function suppressionOfFiles(
  files: readonly string[],
  format: ExportFormat,
  io: Output,
  corrections: readonly CorrectionRow[] = [],
): boolean {
  let failed = false;
  const events: ExportEvent[] = [];
  for (const f of files) {
    try {
      events.push(...eventsFromResults([...classifiedMessages(f)].filter((r) => r.kind !== 'not-bounce')));
    } catch (e) {
      io.err(`classify: cannot read ${f}: ${errorCode(e)}\n`);
      failed = true;
    }
  }
  io.out(suppressionExport(events, format, undefined, corrections).text);
  return failed;
}

/**
 * The corrections of a `--corrections FILE` (null after saying why on stderr). The command line
 * has no Gmail ids: it applies "keep mailing" by address, and the others by the report's
 * Message-ID when the correction was made on the card (which knows it).
 */
export function readCorrections(path: string | undefined, io: Output): CorrectionRow[] | null {
  if (path === undefined) return [];
  try {
    const parsed = parseCorrectionsJson(readFileSync(path, 'utf8'));
    if (parsed.refused)
      io.err(`classify: ${parsed.refused} malformed corrections left out (${parsed.why.join('; ')})\n`);
    return parsed.rows;
  } catch (e) {
    io.err(`classify: cannot use ${path}: ${e instanceof BadCorrection ? e.message : errorCode(e)}\n`);
    return null;
  }
}

/** The whole command in this thread. */
export function main(argv: readonly string[], io: Output): number {
  const cmd = parseArgs(argv);
  if (cmd.run === 'help') {
    io.out(USAGE + '\n');
    return 0;
  }
  if (cmd.run === 'usage-error') {
    io.err(cmd.message);
    return 2;
  }
  const corrections = cmd.run === 'suppression' ? readCorrections(cmd.corrections, io) : [];
  if (corrections === null) return 2;
  const { files, failed } = collectFiles(cmd.paths, io);
  if (cmd.run === 'suppression')
    return suppressionOfFiles(files, cmd.format, io, corrections) || failed ? 1 : 0;
  return classifyFiles(files, cmd.jsonl, io) || failed ? 1 : 0;
}
