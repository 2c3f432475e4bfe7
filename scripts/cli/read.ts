/**
 * The command line's only contact with the file system: which files a path names, and the
 * messages a file holds. Everything else in the command line works on strings.
 */
import { closeSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MboxReader, type MboxEntry } from '../../lib/engine/message/mbox-stream';

/**
 * Every file a path names: the path itself, or every file below a directory (names sorted,
 * depth first). Throws the file system's error for a path that cannot be read.
 */
export function listFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  const out: string[] = [];
  walk(path, out);
  return out;
}

function walk(dir: string, out: string[]): void {
  // Directory entries carry their type: no stat call per file, except for symbolic links.
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
    else if (e.isSymbolicLink()) {
      const s = statSync(p, { throwIfNoEntry: false });
      if (s?.isDirectory()) walk(p, out);
      else if (s?.isFile()) out.push(p);
    }
  }
}

/** Bytes read at a time. */
const CHUNK = 1 << 20;

/** The read buffer between files: one allocation for the whole run, not one per file. */
let spare: Uint8Array | null = null;

/**
 * The messages of one file, read 1 MB at a time through the engine's streaming mbox reader: a
 * plain message, or each message of an mbox. Memory stays bounded whatever the file's size; a
 * message the reader's gate finds cannot be a report comes without its text (`candidate` false).
 */
export function* readMessages(file: string): Generator<MboxEntry> {
  const fd = openSync(file, 'r');
  // The reader copies what it keeps, so the buffer can serve the next file (two files read at
  // once, which the command line never does, would each get their own).
  const buffer = spare ?? new Uint8Array(CHUNK);
  spare = null;
  try {
    const reader = new MboxReader();
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK, null);
      if (n === 0) break;
      yield* reader.push(buffer.subarray(0, n));
    }
    yield* reader.end();
  } finally {
    closeSync(fd);
    spare = buffer;
  }
}
