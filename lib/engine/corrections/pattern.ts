/**
 * The pattern of a bounce: what two bounces share when the same provider answered the same way.
 * A correction made on one bounce is offered again on a later bounce with the same pattern.
 *
 * The pattern is the provider, the enhanced status code (the reply code when there is none) and
 * the server's words with whatever changes from one send to the next masked: addresses, host
 * names, links, IP addresses, dates and times, queue and message ids, and numbers.
 *
 * @example
 * bouncePattern({
 *   provider: 'google',
 *   status: '5.1.1',
 *   diagnostic: '550 5.1.1 <ann@example.org>: The email account does not exist. a1si2345 - gsmtp',
 * });
 * // "google|5.1.1|#.#.# <addr>: the email account does not exist. <id> - gsmtp"
 */

export interface PatternInput {
  provider: string | null;
  status: string | null;
  replyCode?: string | null;
  diagnostic: string | null;
}

/** Longest masked diagnostic kept in a pattern (the start of a reply says what it is). */
export const PATTERN_DIAGNOSTIC_MAX = 240;

/**
 * Characters of the diagnostic that are masked at most. Some masks backtrack on long runs without
 * their separator (an address without its @, a host name without a dot), so their cost grows with
 * the square of the length; a server's reply is untrusted and can be any length, while the first
 * thousand characters are plenty to give 240 after masking.
 */
export const PATTERN_INPUT_MAX = 1000;

const MONTHS = 'jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec';
const WEEKDAYS = 'mon|tue|wed|thu|fri|sat|sun';

// Order matters: links and addresses contain host names, host names contain numbers.
const MASKS: readonly [RegExp, string][] = [
  [/\b(?:https?|ftp):\/\/[^\s<>"']+/g, '<url>'],
  [/<?[^\s<>"'(),;:[\]]+@[^\s<>"'(),;:[\]]+>?/g, '<addr>'],
  // 2026-11-02, 2026-11-02T09:30:00Z, 02/11/2026
  [/\b\d{4}-\d{2}-\d{2}(?:[t ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?\b/g, '<date>'],
  [/\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/g, '<date>'],
  // Mon, 2 Nov 2026 09:30:00 +0000 (the parts one by one: the order varies between servers)
  [new RegExp(`\\b(?:${WEEKDAYS})[a-z]*,?(?=\\s)`, 'g'), '<day>'],
  [new RegExp(`\\b\\d{1,2}\\s+(?:${MONTHS})[a-z]*\\s+\\d{2,4}\\b`, 'g'), '<date>'],
  [new RegExp(`\\b(?:${MONTHS})[a-z]*\\s+\\d{1,2},?\\s+\\d{4}\\b`, 'g'), '<date>'],
  [/\b\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:\s*[+-]\d{4})?(?:\s*(?:utc|gmt|[a-z]{3}t))?\b/g, '<time>'],
  [/\b\d{1,3}(?:\.\d{1,3}){3}\b/g, '<ip>'],
  [/\b[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}\b/g, '<ip>'],
  [/\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24}\b/g, '<host>'],
  // Queue and message ids: a run of letters and digits mixed, or a long run of hex.
  [/\b(?=[a-z0-9._-]*\d)(?=[a-z0-9._-]*[a-z])[a-z0-9._-]{6,}\b/g, '<id>'],
  [/\b[0-9a-f]{12,}\b/g, '<id>'],
  [/\d+/g, '#'],
];

/**
 * The server's words with what varies between sends masked (see the module comment), lower
 * case, spaces collapsed, cut to {@link PATTERN_DIAGNOSTIC_MAX} characters.
 */
export function maskDiagnostic(diagnostic: string | null | undefined): string {
  let s = (diagnostic ?? '').replace(/\s+/g, ' ').trim().slice(0, PATTERN_INPUT_MAX).toLowerCase();
  for (const [re, mask] of MASKS) s = s.replace(re, mask);
  // "<addr>, <addr>" and "# # #" vary with the number of recipients and fields named.
  s = s.replace(/(<[a-z]+>|#)(?:[\s,;]+\1)+/g, '$1');
  return s.slice(0, PATTERN_DIAGNOSTIC_MAX).trim();
}

/**
 * The pattern of one bounce record, or null when it has too little to compare (no status, no
 * reply code and no words from the server): such a bounce is never offered someone's correction.
 */
export function bouncePattern(r: PatternInput): string | null {
  const code = (r.status ?? r.replyCode ?? '').trim().toLowerCase();
  const words = maskDiagnostic(r.diagnostic);
  if (!code && !words) return null;
  return `${(r.provider ?? '').trim().toLowerCase()}|${code}|${words}`;
}
