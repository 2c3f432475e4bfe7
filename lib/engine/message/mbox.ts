/**
 * mbox files: messages separated by "From " lines (the mboxo/mboxrd convention).
 * A file that does not start with "From " is one message.
 */

// "From sender@example.org Mon Jan  1 00:00:00 2024" — an envelope line with a date after the sender.
const FROM_LINE = /^From \S+ +\S.*\d{4}.*$/;

/** Split a byte string into messages. A single message comes back as a one-element array. */
export function splitMailbox(s: string): string[] {
  if (!s.startsWith('From ')) return [s];
  const out: string[] = [];
  let start = -1;
  let pos = 0;
  while (pos <= s.length) {
    let end = s.indexOf('\n', pos);
    if (end === -1) end = s.length;
    const line = s.slice(pos, Math.min(end, pos + 300));
    if (line.startsWith('From ') && (pos === 0 || s.charCodeAt(pos - 1) === 10) && FROM_LINE.test(line)) {
      if (start !== -1) out.push(s.slice(start, pos));
      start = end + 1;
    }
    if (end === s.length) break;
    pos = end + 1;
  }
  if (start !== -1) out.push(start <= s.length ? s.slice(start) : '');
  // "From " without an envelope line's shape: one message whose first line is odd, not an mbox.
  if (out.length === 0) return [s];
  // mboxrd quoting: ">From " at line start was a "From " line in the message.
  return out.map((m) => m.replace(/^>(>*From )/gm, '$1'));
}
