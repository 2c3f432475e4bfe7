/**
 * Stage 3b: recipients and diagnostics from human-readable bounce text.
 *
 * Servers that write no delivery-status part still follow a few layouts, which this scanner
 * reads without knowing which server wrote them:
 *
 *   Exim / Mail.Ru:    "  kijitora@example.jp\n    SMTP error from remote mail server after RCPT TO:…"
 *   qmail / Yahoo:     "<kijitora@example.org>:\nRemote host said: 550 5.1.1 …"
 *   Postfix (no DSN):  "<kijitora@example.jp>: host mx.example.jp[192.0.2.1] said: 550 …"
 *   Gmail (old):       "Delivery to the following recipient failed permanently:\n\n     userunknown@example.jp"
 *   DragonFly:         "There was an error delivering your mail to <kijitora@example.jp>."
 *   Sendmail transcript: ">>> RCPT To:<kijitora@example.jp>\n<<< 550 5.1.1 … User unknown"
 */

export interface TextRecipient {
  address: string;
  /** Text that belongs to this recipient (its line onwards, up to the next recipient). */
  block: string;
  /** The address an alias or a forward rewrote `address` to, when the report names both. */
  rewritten?: string;
}

const ADDR = String.raw`(?:"[^"\n@]{1,64}"|[A-Za-z0-9!#$%&'*+/=?^_\`{|}~.-]{1,128})@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+`;

// A line that is essentially one address, optionally in angle brackets or quotes (stray ones too:
// "'addr'"), with an optional
// trailing colon, and optionally followed by a short remark in parentheses or after a colon.
const LINE_ADDRESS = new RegExp(
  String.raw`^[ \t]*(?:->\s*|[-*•]\s*|>{1,3}\s*)?(?:"[^"\n@]{0,80}"\s*)?["'<]{0,3}(?:mailto:)?(${ADDR})["'>]{0,3}[ \t]*(?::|\.{3})?(?=[ \t]*$|[ \t]*[:;(\[]|[ \t]+(?:<|host|said|SMTP|\(|on |for |because|mailbox|user|unknown|delivery|--|\d{3}\b))`,
);

// "… delivering your mail to <addr>", "Your message to addr couldn't be delivered", "RCPT TO:<addr>",
// "The message you sent from sender@… to addr could not be delivered";
// older gateways' forms: X.400 "…;dda:SMTP=addr;", Exchange 5.5 "Name [SMTP:addr]", "Error-for: <addr>";
// and a reply that names the address after its codes: "550 5.1.1 addr: user unknown".
const PHRASE_ADDRESS = new RegExp(
  String.raw`\b(?:deliver(?:ing|ed|y)?(?: of)?(?: your| the)?(?: mail| message| email)?(?: to| for)|failed to deliver to|could not be delivered to|couldn't be delivered to|message to|recipient(?: address)?(?:\(s\))?:|rcpt to:?|original-recipient:|addressed to|destinataire ?:|address(?:es)? failed|delivery failed(?: \d+ attempts)?(?: for)?|not a member of this (?:mailing )?list|to the following recipients?|could not reach|unable to deliver to|undeliverable to|(?:permanent|temporary) errors?|original address:?|generated (?:by|from)|following recipients? (?:has |have )?failed(?: permanently)?:?|(?:invalid|unknown|bad|no such)(?: [a-z]+){0,3}? (?:user(?:id|name)?|mailbox|account):|dda:smtp=|(?<=\[)smtp:|error-for:|from[ \t]+<?${ADDR}>?[ \t]+to|[45]\d\d(?:[ -][45]\.\d{1,3}\.\d{1,3})?[ \t])[ \t]*:?\s*["'<]{0,2}(${ADDR})>?`,
  'gi',
);

// Sendmail's transcript summary: "550 <kijitora@example.org>... User unknown"; the server's own
// words for it stand on the lines just above.
const TRANSCRIPT_LINE = new RegExp(String.raw`^[45]\d\d <(${ADDR})>\.\.\. \S`);

// An address in angle brackets right after a line's first address: "name <mailbox>".
const ANGLE_AFTER = new RegExp(String.raw`^[ \t]*<(${ADDR})>`);

// The address the sender wrote, named beside the address an alias or a forward rewrote it to:
//   Sendmail: "userunknown@example.co.jp\n    (reason: 550 5.1.1 …)\n    (expanded from: <bounce0@example.org>)"
//   Postfix:  "<sales-team@mail.example.org> (expanded from <sales@example.org>): host … said: 550 …"
//   Exim:     "  sales-team@mail.example.org\n    (generated from sales@example.org)"
//             ("ultimately generated from" after several redirections)
const EXPANDED_FROM = new RegExp(
  String.raw`\((?:expanded|(?:ultimately )?generated) from:?\s*<?(${ADDR})>?\)`,
  'i',
);

/** The address the sender wrote, when the recipient's line or the lines under it say it was an alias. */
function expandedFrom(lines: string[], from: number, to: number): string | null {
  const near = lines.slice(from, to).join(' ');
  if (!/(?:expanded|generated) from/i.test(near)) return null;
  const m = EXPANDED_FROM.exec(near);
  return m ? normaliseAddress(m[1]!) : null;
}

// An address the report asks the reader to write to (a list's command address, a help desk):
//   "please send mail with the mail body\n\n\tguide\n\nto the address\n\n\tlist-ctl@example.org"
const INSTRUCTION =
  /\b(?:please|kindly)\s+(?:(?:send|write|mail|reply)\b[^.!?]*?\bto(?: the(?: e-?mail)? address)?|contact)\s*:?\s*$/i;

/** True when the address on line `i` closes a request to write to it. */
function isInstructed(lines: string[], i: number): boolean {
  const before: string[] = [];
  for (let j = i - 1; j >= 0 && j >= i - 8 && before.length < 4; j--) {
    const t = lines[j]!.trim();
    if (t) before.unshift(t.length > 200 ? t.slice(-200) : t);
  }
  return before.length > 0 && INSTRUCTION.test(before.join(' '));
}

const LOCAL_NOISE = /^(mailer-daemon|mail-daemon|mailerdaemon|mailer_daemon)$/i;

// Last resort: an address in angle brackets anywhere in the report text.
const BRACKETED = new RegExp(String.raw`<(${ADDR})>`, 'g');

export function normaliseAddress(a: string): string {
  // Most addresses have neither a "mailto:" nor trailing punctuation: each replacement is tried
  // only when the first or the last character allows it.
  if ((a.charCodeAt(0) | 32) === 109) a = a.replace(/^mailto:/i, '');
  // A stray quote before the address ("'addr'"): a quote never starts a local part unquoted.
  if (a.charCodeAt(0) === 39 || a.charCodeAt(0) === 96) a = a.replace(/^['`]+/, '');
  const last = a.charCodeAt(a.length - 1);
  if (last === 46 || last === 44 || last === 59 || last === 58 || last === 62) a = a.replace(/[.,;:>]+$/, '');
  return a.toLowerCase();
}

interface Hit {
  line: number;
  address: string;
  trailing: boolean;
}

/** What a scan has found so far. */
interface Found {
  /** Addresses known not to be recipients. */
  exclude: Set<string>;
  seen: Set<string>;
  hits: Hit[];
  /** Addresses met again after their first line. */
  repeats: { line: number; address: string }[];
  /**
   * Addresses on a recipient line that are also the report's addressee (someone who mailed
   * themselves): used only when nothing else is found.
   */
  excludedLines: Hit[];
}

function accept(found: Found, address: string, line: number, trailing = false): void {
  const a = normaliseAddress(address);
  const local = a.slice(0, a.indexOf('@'));
  if (found.seen.has(a)) {
    // The same list again (a second language, a summary): see where blocks end below.
    if (!trailing) found.repeats.push({ line, address: a });
    return;
  }
  if (LOCAL_NOISE.test(local)) return;
  if (found.exclude.has(a)) {
    found.excludedLines.push({ line, address: a, trailing });
    return;
  }
  found.seen.add(a);
  found.hits.push({ line, address: a, trailing });
}

/**
 * Find the failed recipients in a bounce text. `exclude` holds addresses known not to be
 * recipients (the report's sender and addressee, the original sender).
 */
export function scanRecipients(text: string, exclude: Set<string>): TextRecipient[] {
  const lines = text.split('\n');
  const found: Found = { exclude, seen: new Set(), hits: [], repeats: [], excludedLines: [] };
  const { hits, repeats, excludedLines } = found;

  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.length > 1000 || l.indexOf('@') === -1) continue;
    const t = TRANSCRIPT_LINE.exec(l);
    if (t) {
      accept(found, t[1]!, i, true);
      continue;
    }
    const m = LINE_ADDRESS.exec(l);
    if (m) {
      if (isInstructed(lines, i)) continue;
      // "kijitora@example.com <neko@example.net>: malformed address": the address as the sender
      // wrote it, a name and an address in angle brackets; the bracketed one is the mailbox.
      const angle = ANGLE_AFTER.exec(l.slice(m.index + m[0].length));
      accept(found, angle ? angle[1]! : m[1]!, i);
      continue;
    }
  }
  if (hits.length === 0 && excludedLines.length) {
    const first = excludedLines[0]!;
    hits.push(first);
  }
  // Then, while nothing is found: addresses after a phrase, then any bracketed address.
  for (const re of [PHRASE_ADDRESS, BRACKETED]) {
    if (hits.length) break;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!;
      if (l.length > 1000 || l.indexOf('@') === -1) continue;
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(l)) !== null) accept(found, m[1]!, i);
    }
  }
  hits.sort((a, b) => a.line - b.line);
  return hits.map((h, k) => {
    if (h.trailing) {
      const prev = k > 0 ? hits[k - 1]!.line + 1 : 0;
      let from = Math.max(prev, h.line - 6);
      for (let i = h.line - 1; i >= from; i--) if (/^while talking to|^>>> /i.test(lines[i]!)) from = i;
      // The server's reply ("<<< 550 …") comes first; the summary's own leading code is sendmail's.
      const summary = lines[h.line]!.replace(/^[45]\d\d /, '');
      return { address: h.address, block: [...lines.slice(from, h.line), summary].join('\n') };
    }
    const from = h.line;
    let end = k + 1 < hits.length ? hits[k + 1]!.line : lines.length;
    // Another recipient's address listed again ends this block. This recipient's own address
    // listed again does not: a second listing may add detail (Outlook's admin section repeats the
    // address above "Remote Server returned '550 5.1.351 …'").
    const repeat = repeats.find((r) => r.line > from && r.address !== h.address);
    if (repeat !== undefined && repeat.line < end) end = repeat.line;
    const alias = expandedFrom(lines, from, Math.min(end, from + 4));
    const rewritten = alias && alias !== h.address ? h.address : undefined;
    if (alias) h.address = alias;
    // A recipient alone on its line is usually followed by its diagnostic; when two recipient
    // lines are adjacent (a list), the shared diagnostic follows the list.
    let blockLines = lines.slice(from, end);
    if (end - from <= 1 && k + 1 < hits.length) {
      const lastListLine = hits[hits.length - 1]!.line;
      blockLines = [lines[from]!, ...lines.slice(lastListLine + 1)];
    }
    return rewritten
      ? { address: h.address, block: blockLines.join('\n'), rewritten }
      : { address: h.address, block: blockLines.join('\n') };
  });
}

// Whitespace that is not already one plain space: a longer run, or a single tab, newline and the like.
// Leaving lone spaces unmatched gives the same text as replacing every run, without a match per word.
const SPACE_RUN = /\s{2,}|[^\S ]/g;

/** Collapse whitespace and strip quoting and multi-line reply prefixes ("550-5.7.1 ") into one line. */
export function cleanDiagnostic(s: string, max = 8000): string {
  if (s.length > max) s = s.slice(0, max);
  // A multi-line reply repeats its code on every line: "550-5.7.1 …\n550-5.7.1 …\n550 5.7.1 …".
  // Once unfolded (a Diagnostic-Code field), the repeats stand inline: "550-5.7.1 … multiple 550 5.7.1 addresses".
  // The first line keeps its code; the continuation prefixes after it go.
  const multi = /(?:^|\s)([245]\d\d)-(?:([245]\.\d{1,3}\.\d{1,3})\s)?/.exec(s);
  if (multi) {
    const code = multi[1]!;
    const status = multi[2] ? multi[2].replace(/\./g, '\\.') : null;
    const keep = multi.index + multi[0].length;
    const repeat = new RegExp(`\\s${code}[ -]${status ? `(?:${status}\\s)?` : ''}`, 'g');
    s =
      s.slice(0, keep) +
      s
        .slice(keep)
        .replace(repeat, ' ')
        .replace(/\n[ \t]*[245]\d\d-(?:[245]\.\d{1,3}\.\d{1,3}[ \t]+)?/g, ' ');
  }
  // Quoting of a forwarded report ("> ").
  if (s.includes('>')) s = s.replace(/^[ \t]*>+ ?/gm, '');
  return s.replace(SPACE_RUN, ' ').trim();
}
