/**
 * Basic SMTP reply codes (RFC 5321, plus RFC 7504, RFC 3207 and RFC 4954),
 * in plain words. The first digit: 2 done, 3 go on, 4 temporary, 5 permanent.
 */

export const REPLY_CODES: Readonly<Record<string, string>> = {
  '211': 'System status or help information',
  '214': 'Help text for a human reader',
  '220': 'The server is ready',
  '221': 'The server is closing the connection',
  '250': 'The requested action was completed',
  '251': 'The recipient is not local; the server will forward the message',
  '252': 'The server cannot verify the user but will try to deliver',
  '354': 'Go ahead and send the message body',
  '421': 'The service is unavailable right now and the connection is closing',
  '432': 'A password change is needed before logging in',
  '450': 'The mailbox is unavailable for now (busy, or blocked for the moment by policy)',
  '451': 'The server hit a local error and stopped processing',
  '452': 'The server does not have enough storage for now',
  '454': 'Authentication or TLS is temporarily unavailable',
  '455': 'The server cannot handle the given parameters right now',
  '500': 'The command was not recognised or the line was too long',
  '501': 'The command’s parameters or arguments have a syntax error',
  '502': 'The command is not implemented',
  '503': 'Commands were sent in the wrong order',
  '504': 'A command parameter is not implemented',
  '521': 'This host never accepts mail',
  '530': 'Authentication (or STARTTLS) is required first',
  '534': 'The authentication method is too weak',
  '535': 'The login credentials were not accepted',
  '538': 'This authentication method needs an encrypted connection',
  '550': 'The action was refused: mailbox unavailable, not found, or access denied',
  '551': 'The recipient is not local here; another path must be used',
  '552': 'The action was aborted: storage allocation exceeded',
  '553': 'The mailbox name is not allowed (for example, bad syntax)',
  '554': 'The transaction failed (or, on connecting, no SMTP service is offered)',
  '555': 'The MAIL FROM or RCPT TO parameters are not recognised',
  '556': 'The recipient’s domain does not accept mail',
};

const CLASS_WORDS: Readonly<Record<string, string>> = {
  '2': 'Success',
  '3': 'Waiting for more input',
  '4': 'Temporary failure',
  '5': 'Permanent failure',
};

/**
 * Plain meaning of a basic reply code, or null when the input is not a
 * three-digit code. Unregistered codes of a known class get their class meaning.
 * Never throws.
 *
 * @example describeReplyCode('552') // "The action was aborted: storage allocation exceeded"
 */
export function describeReplyCode(code: unknown): string | null {
  if (typeof code !== 'string' && typeof code !== 'number') return null;
  const s = String(code).trim();
  if (!/^\d{3}$/.test(s)) return null;
  const known = REPLY_CODES[s];
  if (known) return known;
  const cls = CLASS_WORDS[s.charAt(0)];
  return cls ? `${cls} (code ${s} is not a standard reply)` : null;
}
