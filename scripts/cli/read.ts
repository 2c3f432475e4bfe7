/**
 * The command line's only contact with the file system: which files a path names, and the
 * messages a file holds. Everything else in the command line works on strings.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { splitMailbox } from '../../lib/engine/message/mbox';
import { toByteString } from '../../lib/engine/message/text';

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

/**
 * The messages of one file, as byte strings with LF line ends: one for a plain message, one per
 * message for an mbox. Node's latin1 reading keeps one character per byte, the engine's own
 * representation, without a second pass.
 */
export function readMessages(file: string): string[] {
  return splitMailbox(toByteString(readFileSync(file, 'latin1')));
}
