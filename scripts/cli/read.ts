/**
 * The command line's only contact with the file system: which files a path names, and the
 * messages a file holds. Everything else in the command line works on strings.
 */
import { closeSync, fstatSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
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

/**
 * The messages of one file, read 1 MB at a time through the engine's streaming mbox reader: a
 * plain message, or each message of an mbox. Memory stays bounded whatever the file's size; a
 * message the reader's gate finds cannot be a report comes without its text (`candidate` false).
 */
export function* readMessages(file: string): Generator<MboxEntry> {
  const fd = openSync(file, 'r');
  try {
    const reader = new MboxReader();
    // Most files are a few kilobytes: a buffer of the file's size (plus one byte, to see the end in
    // the same read) spares allocating and zeroing a megabyte per file.
    const buffer = new Uint8Array(Math.min(CHUNK, fstatSync(fd).size + 1));
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      yield* reader.push(buffer.subarray(0, n));
    }
    yield* reader.end();
  } finally {
    closeSync(fd);
  }
}
