/**
 * What the card and the popup both say about one bounce, so that they say the same thing: the
 * verdict word, the title a record is shown under, and which part of a diagnostic is the server's
 * own words.
 */
import { verdictOf, type Verdict } from '../../lib/engine/suppression/index';

export { verdictOf, type Verdict };

/** Words of a report's own notice text: a delay or failure notice tells about itself, not the server. */
const NOTICE_WORDS = [
  'this is an automatically generated delivery status notification',
  'this message was created automatically by mail delivery',
  'this is a warning message only',
  'you do not need to resend',
  'this is the mailer-daemon',
  'please note that this is only a temporary failure report',
];

/**
 * The part of a diagnostic that is the remote server's (or the reporting server's) own reason,
 * without the notice's boilerplate ("THIS IS A WARNING MESSAGE ONLY …"); null when nothing else is
 * left.
 *
 * @example serverWords('Envelope expired Please note that this is only a temporary failure report.') // 'Envelope expired'
 */
export function serverWords(diagnostic: string | null | undefined): string | null {
  if (!diagnostic) return null;
  const lower = diagnostic.toLowerCase();
  let cut = diagnostic.length;
  for (const w of NOTICE_WORDS) {
    const at = lower.indexOf(w);
    if (at >= 0 && at < cut) cut = at;
  }
  const own = diagnostic.slice(0, cut).trim();
  return own.length >= 8 ? own : null;
}
