/**
 * Stage 4c: which SMTP command the remote server was answering. A "user unknown" in reply to
 * RCPT TO is a dead address; the same words after DATA come from a filter that looked at the
 * message, so the command changes the verdict.
 */
export type SmtpCommand = 'CONN' | 'HELO' | 'MAIL' | 'RCPT' | 'DATA' | null;

/**
 * [a test every match passes, the cue, the command]. The first cue found wins. The test is a few
 * substring searches (text that every match contains), so most texts skip most cues unread.
 */
function has(...words: string[]): (lower: string) => boolean {
  return (lower) => {
    for (const w of words) if (lower.includes(w)) return true;
    return false;
  };
}
const MAIL_CUE = has('after mail from', 'like our mail', 'like sender', '[mail_from]');
const PATTERNS: [(lower: string) => boolean, RegExp, SmtpCommand][] = [
  // Postfix: "(in reply to RCPT TO command)", "(in reply to end of DATA command)"
  [has('in reply to'), /in reply to (?:the )?(?:end of )?data\b/i, 'DATA'],
  // Trend Micro, m-FILTER and others: "SMTP command DATA", "Last command: RCPT TO"
  [has('command'), /(?:smtp |last )command[\s:-]*data\b/i, 'DATA'],
  [has('command'), /(?:smtp |last )command[\s:-]*rcpt\b/i, 'RCPT'],
  [has('command'), /(?:smtp |last )command[\s:-]*mail\b/i, 'MAIL'],
  [has('in reply to'), /in reply to (?:the )?rcpt\b/i, 'RCPT'],
  [has('in reply to'), /in reply to (?:the )?mail\b/i, 'MAIL'],
  [has('in reply to'), /in reply to (?:the )?(?:helo|ehlo)\b/i, 'HELO'],
  // Exim: "SMTP error from remote mail server after RCPT TO:<…>", "after end of data"
  // ("after sending message" and "does not like sender" count only in a text that also says
  // "data" or "mail" somewhere, as they always have.)
  [
    (lower) => lower.includes('data') && (lower.includes('after ') || lower.includes('final data')),
    /after (?:end of )?data\b|after sending (?:message|data)|final data|after data\b/i,
    'DATA',
  ],
  [
    has('rcpt', 'like recipient'),
    /after rcpt\b|rcpt to response|did not like our rcpt|does not like recipient|\[rcpt_to\]/i,
    'RCPT',
  ],
  [
    (lower) => lower.includes('mail') && MAIL_CUE(lower),
    /after mail from\b|did not like our mail\b|does not like sender|\[mail_from\]/i,
    'MAIL',
  ],
  [
    has('connect', 'greeting', 'banner'),
    /after (?:initial connection|connecting)|(?:greeting|banner)\b|connection rejected|on connect/i,
    'CONN',
  ],
  [has('after helo', 'after ehlo'), /after (?:helo|ehlo)\b/i, 'HELO'],
];

/** The command found in a diagnostic or transcript, or null. */
export function findCommand(text: string): SmtpCommand {
  if (!text) return null;
  // Sendmail transcripts: the last ">>> COMMAND" before the first error reply.
  const transcript = text.includes('>>> ')
    ? /^>>> (MAIL|RCPT|DATA|HELO|EHLO)\b[^\n]*\n<<< [45]\d\d/im.exec(text)
    : null;
  if (transcript) {
    const c = transcript[1]!.toUpperCase();
    return c === 'EHLO' ? 'HELO' : (c as SmtpCommand);
  }
  const lower = text.length > 8000 ? text.slice(0, 8000).toLowerCase() : text.toLowerCase();
  for (const [mayMatch, re, cmd] of PATTERNS) if (mayMatch(lower) && re.test(lower)) return cmd;
  return null;
}
