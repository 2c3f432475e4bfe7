/**
 * Stage 4c: which SMTP command the remote server was answering. A "user unknown" in reply to
 * RCPT TO is a dead address; the same words after DATA come from a filter that looked at the
 * message, so the command changes the verdict.
 */
export type SmtpCommand = 'CONN' | 'HELO' | 'MAIL' | 'RCPT' | 'DATA' | null;

/** [a word every match contains (lower case), the cue, the command]. The first cue found wins. */
const PATTERNS: [string, RegExp, SmtpCommand][] = [
  // Postfix: "(in reply to RCPT TO command)", "(in reply to end of DATA command)"
  ['in reply to', /in reply to (?:the )?(?:end of )?data\b/i, 'DATA'],
  // Trend Micro, m-FILTER and others: "SMTP command DATA", "Last command: RCPT TO"
  ['command', /(?:smtp |last )command[\s:-]*data\b/i, 'DATA'],
  ['command', /(?:smtp |last )command[\s:-]*rcpt\b/i, 'RCPT'],
  ['command', /(?:smtp |last )command[\s:-]*mail\b/i, 'MAIL'],
  ['in reply to', /in reply to (?:the )?rcpt\b/i, 'RCPT'],
  ['in reply to', /in reply to (?:the )?mail\b/i, 'MAIL'],
  ['in reply to', /in reply to (?:the )?(?:helo|ehlo)\b/i, 'HELO'],
  // Exim: "SMTP error from remote mail server after RCPT TO:<…>", "after end of data"
  ['data', /after (?:end of )?data\b|after sending (?:message|data)|final data|after data\b/i, 'DATA'],
  ['r', /after rcpt\b|rcpt to response|did not like our rcpt|does not like recipient|\[rcpt_to\]/i, 'RCPT'],
  ['mail', /after mail from\b|did not like our mail\b|does not like sender|\[mail_from\]/i, 'MAIL'],
  [
    'n',
    /after (?:initial connection|connecting)|(?:greeting|banner)\b|connection rejected|on connect/i,
    'CONN',
  ],
  ['after', /after (?:helo|ehlo)\b/i, 'HELO'],
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
  for (const [word, re, cmd] of PATTERNS) if (lower.includes(word) && re.test(lower)) return cmd;
  return null;
}
