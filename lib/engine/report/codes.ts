/**
 * Stage 4a: code extraction from diagnostic text.
 */

// An enhanced status code (RFC 3463) not embedded in a longer dotted number such as an IP address.
const STATUS_RE = /(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![.\d])/g;
// A basic reply code: three digits, at a token start, followed by a space, a dash (multi-line
// reply) or the end; not part of an IP, a version or a longer number.
const REPLY_RE = /(?<![\w.\-/#+]|\d:)([245][0-5]\d)(?=[\s\-):,;]|$)/g;

export function normaliseStatus(cls: string, subject: string, detail: string): string {
  return `${cls}.${+subject}.${+detail}`;
}

/** All enhanced status codes in a text, in order, normalised (no leading zeros). */
export function findStatuses(text: string): string[] {
  const out: string[] = [];
  STATUS_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = STATUS_RE.exec(text)) !== null) out.push(normaliseStatus(m[1]!, m[2]!, m[3]!));
  return out;
}

/** A status that says nothing beyond its class (X.0.0). */
export function isGenericStatus(s: string | null): boolean {
  return !s || /^[245]\.0\.0$/.test(s);
}

/** The most specific status in a text: the first non-generic one, else the first. */
export function bestStatus(text: string): string | null {
  let all = findStatuses(text);
  // A transcript quotes the accepted steps too ("250 2.1.5 Ok"): failures first.
  const failures = all.filter((s) => s[0] !== '2');
  if (failures.length) all = failures;
  return all.find((s) => !isGenericStatus(s)) ?? all[0] ?? null;
}

/** The first basic reply code in a text. */
export function findReplyCode(text: string): string | null {
  REPLY_RE.lastIndex = 0;
  let first: string | null = null;
  let m: RegExpExecArray | null;
  while ((m = REPLY_RE.exec(text)) !== null) {
    const code = m[1]!;
    if (code[0] === '4' || code[0] === '5') return code;
    first ??= code;
  }
  return first;
}

/** Reconcile a reply code with a status: their classes must agree. */
export function consistentReply(reply: string | null, status: string | null): string | null {
  if (!reply || !status) return reply;
  return reply[0] === status[0] ? reply : null;
}
