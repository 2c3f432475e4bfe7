/**
 * Stage 4c: which SMTP command the remote server was answering. A "user unknown" in reply to
 * RCPT TO is a dead address; the same words after DATA come from a filter that looked at the
 * message, so the command changes the verdict.
 */
export type SmtpCommand = 'CONN' | 'HELO' | 'MAIL' | 'RCPT' | 'DATA' | null;

/**
 * Words the cues need, found in one pass over the text: a cue runs only when its words are there.
 * No word begins another, so at most one can start at any position. "data" and "mail", common in
 * any bounce, are looked up only once a cue's rarer words are there.
 */
const WORDS = [
  'in reply to',
  'command',
  'final data',
  'after ',
  'rcpt',
  'like ',
  '[mail_from]',
  'connect',
  'greeting',
  'banner',
] as const;
const BIT = new Map<string, number>(WORDS.map((w, i) => [w, 1 << i]));
const bit = (w: (typeof WORDS)[number]) => BIT.get(w)!;
const IN_REPLY = bit('in reply to');
const COMMAND = bit('command');
const FINAL_DATA = bit('final data');
const AFTER = bit('after ');
const RCPT = bit('rcpt');
const LIKE = bit('like ');
const MAIL_FROM = bit('[mail_from]');
const CONNECT = bit('connect') | bit('greeting') | bit('banner');
const WORD_RE = new RegExp(WORDS.map((w) => w.replace(/[[\]]/g, '\\$&')).join('|'), 'g');

/** Which of WORDS occur in a lower-case text, as bits. */
function wordsIn(lower: string): number {
  let bits = 0;
  WORD_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD_RE.exec(lower)) !== null) {
    bits |= BIT.get(m[0])!;
    // Go on from the next character, so a word overlapping this one is found too.
    WORD_RE.lastIndex = m.index + 1;
  }
  return bits;
}

/** [a test every match passes, the cue, the command]. The first cue found wins. */
const PATTERNS: [(words: number, lower: string) => boolean, RegExp, SmtpCommand][] = [
  // Postfix: "(in reply to RCPT TO command)", "(in reply to end of DATA command)"
  [(w) => (w & IN_REPLY) !== 0, /in reply to (?:the )?(?:end of )?data\b/i, 'DATA'],
  // Trend Micro, m-FILTER and others: "SMTP command DATA", "Last command: RCPT TO"
  [(w) => (w & COMMAND) !== 0, /(?:smtp |last )command[\s:-]*data\b/i, 'DATA'],
  [(w) => (w & COMMAND) !== 0, /(?:smtp |last )command[\s:-]*rcpt\b/i, 'RCPT'],
  [(w) => (w & COMMAND) !== 0, /(?:smtp |last )command[\s:-]*mail\b/i, 'MAIL'],
  [(w) => (w & IN_REPLY) !== 0, /in reply to (?:the )?rcpt\b/i, 'RCPT'],
  [(w) => (w & IN_REPLY) !== 0, /in reply to (?:the )?mail\b/i, 'MAIL'],
  [(w) => (w & IN_REPLY) !== 0, /in reply to (?:the )?(?:helo|ehlo)\b/i, 'HELO'],
  // Exim: "SMTP error from remote mail server after RCPT TO:<…>", "after end of data"
  // ("after sending message" and "does not like sender" count only in a text that also says
  // "data" or "mail" somewhere, as they always have.)
  [
    (w, lower) => (w & (AFTER | FINAL_DATA)) !== 0 && lower.includes('data'),
    /after (?:end of )?data\b|after sending (?:message|data)|final data|after data\b/i,
    'DATA',
  ],
  [
    (w, lower) => (w & RCPT) !== 0 || ((w & LIKE) !== 0 && lower.includes('like recipient')),
    /after rcpt\b|rcpt to response|did not like our rcpt|does not like recipient|\[rcpt_to\]/i,
    'RCPT',
  ],
  [
    // (Each of the first three contains "mail".)
    (w, lower) =>
      (w & MAIL_FROM) !== 0 ||
      ((w & AFTER) !== 0 && lower.includes('after mail from')) ||
      ((w & LIKE) !== 0 &&
        (lower.includes('like our mail') || (lower.includes('like sender') && lower.includes('mail')))),
    /after mail from\b|did not like our mail\b|does not like sender|\[mail_from\]/i,
    'MAIL',
  ],
  [
    (w) => (w & CONNECT) !== 0,
    /after (?:initial connection|connecting)|(?:greeting|banner)\b|connection rejected|on connect/i,
    'CONN',
  ],
  [
    (w, lower) => (w & AFTER) !== 0 && (lower.includes('after helo') || lower.includes('after ehlo')),
    /after (?:helo|ehlo)\b/i,
    'HELO',
  ],
];

/** The command found in a diagnostic or transcript, or null. */
export function findCommand(text: string): SmtpCommand {
  if (!text) return null;
  // Sendmail transcripts (and KDDI's, indented): the ">>> COMMAND" the first error reply answers.
  const transcript = text.includes('>>> ')
    ? /^[ \t]*>>> (MAIL|RCPT|DATA|HELO|EHLO)\b[^\n]*\n[ \t]*<<< [45]\d\d/im.exec(text)
    : null;
  if (transcript) {
    const c = transcript[1]!.toUpperCase();
    return c === 'EHLO' ? 'HELO' : (c as SmtpCommand);
  }
  const lower = text.length > 8000 ? text.slice(0, 8000).toLowerCase() : text.toLowerCase();
  const words = wordsIn(lower);
  if (words === 0) return null;
  for (const [mayMatch, re, cmd] of PATTERNS) if (mayMatch(words, lower) && re.test(lower)) return cmd;
  return null;
}

/**
 * False when a text holds none of the cues findCommand looks for, so that neither it nor any text
 * made of its lines (or their ends) names a command.
 */
export function mayNameCommand(text: string): boolean {
  return text.includes('>>> ') || wordsIn(text.toLowerCase()) !== 0;
}
