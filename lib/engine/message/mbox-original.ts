/**
 * What a mailbox import keeps beside the engine's result: the kind of mail that bounced
 * (one-to-one or bulk), read from the returned original's headers.
 */
import { type HeaderList, parseMessage } from './mime';
import { buildView } from '../report/view';
import { toByteString } from './text';
import { addressesIn } from './mbox-stream';

/** One-to-one: a message written to a few people. Bulk: a list, a campaign, a mail merge. */
export type EmailType = 'one-to-one' | 'bulk';

/**
 * Mail-merge tools, campaign and newsletter services, and sales-sequence tools, as they name
 * themselves in X-Mailer or User-Agent ("X-Mailer: GMass", "X-Mailer: MailChimp Mailer …").
 */
const BULK_MAILER =
  /mail[- ]?merge|gmass|\byamm\b|yet another mail merge|mailmeteor|mailchimp|mandrill|sendinblue|brevo|sendgrid|mailgun|mailjet|constant ?contact|campaign ?monitor|mailerlite|klaviyo|hubspot|marketo|pardot|exacttarget|phplist|mautic|getresponse|aweber|activecampaign|convertkit|moosend|omnisend|sendy|mailpoet|emailoctopus|lemlist|woodpecker|mixmax|yesware|saleshandy|mailshake|\bacymailing\b|newsletter/i;

/** Visible recipients (To and Cc) from which one message counts as a mass mailing. */
export const BULK_RECIPIENTS = 10;

/**
 * One-to-one or bulk, from the returned original's header fields; null when the report did not
 * return them. Bulk when the original carries list fields (List-Unsubscribe, List-Id),
 * Precedence bulk/list/junk, a bulk or mail-merge tool in X-Mailer or User-Agent, or at least
 * {@link BULK_RECIPIENTS} visible recipients.
 *
 * @example
 * emailTypeOf(parseHeaders('To: a@example.org\nList-Unsubscribe: <https://x.example/u>')); // 'bulk'
 */
export function emailTypeOf(original: HeaderList | null): EmailType | null {
  if (!original || original.rawFields.length === 0) return null;
  if (original.has('list-unsubscribe') || original.has('list-id') || original.has('list-unsubscribe-post'))
    return 'bulk';
  const precedence = (original.get('precedence') ?? '').trim().toLowerCase();
  if (precedence === 'bulk' || precedence === 'list' || precedence === 'junk') return 'bulk';
  for (const field of ['x-mailer', 'user-agent'])
    for (const v of original.all(field)) if (BULK_MAILER.test(v)) return 'bulk';
  const visible = new Set<string>();
  for (const field of ['to', 'cc'])
    for (const v of original.all(field)) for (const a of addressesIn(v)) visible.add(a);
  return visible.size >= BULK_RECIPIENTS ? 'bulk' : 'one-to-one';
}

/** The returned original's header fields in a report (byte string), or null when it has none. */
export function returnedOriginal(raw: string): HeaderList | null {
  try {
    return buildView(parseMessage(toByteString(raw))).original;
  } catch {
    return null;
  }
}
