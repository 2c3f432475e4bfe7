/**
 * Report formats whose meaning is fixed by who wrote them, whatever the wording or language.
 */
import type { ReasonId } from '../types';
import type { ReportView } from './view';
import { isListRefusal } from './kind';

/**
 * Google Groups refuses posts from non-members or to groups that do not exist with a localised
 * notice ("the group you tried to contact (…) may not exist, or you may not have permission to
 * post"), naming the group address in X-Failed-Recipients. The sender is the one refused.
 * https://support.google.com/groups/answer/2464926
 */
function googleGroups(view: ReportView, recipient: string | null): ReasonId | null {
  const from = (view.headers.get('from') ?? '').toLowerCase();
  if (!/mailer-daemon@(?:google|googlemail)\.com/.test(from)) return null;
  const failed = (view.headers.get('x-failed-recipients') ?? '').toLowerCase();
  // The notice itself carries no SMTP reply. A Gmail bounce with one (a group address that does
  // not exist: "550 5.1.1 … does not exist") is an ordinary bounce, read by its reply.
  if (/(?<![\d.])[245]\d\d[ -][245]\.\d/.test(view.text)) return null;
  if (failed.includes('@googlegroups.com') || recipient?.endsWith('@googlegroups.com')) return 'rejected';
  if (/groups\.google\.com|google groups/i.test(view.text)) return 'rejected';
  // Gmail's "Send mail as" alias check failed: the alias is not verified for this account.
  if (/'send mail as'/i.test(view.text)) return 'rejected';
  return null;
}

/** fml (a mailing-list manager) refuses posts from non-members and stops mail loops. */
function mailingList(view: ReportView): ReasonId | null {
  if (!isListRefusal(view)) return null;
  const text = (view.headers.get('subject') ?? '') + '\n' + view.text;
  if (/loop alert|duplicated message-id/i.test(text)) return 'systemerror';
  return 'rejected';
}

/**
 * PowerMTA classifies every bounce itself (X-PowerMTA-BounceCategory in the DSN); its categories
 * map onto reasons. https://www.postmastery.com/powermta-bounce-categories/
 */
const POWERMTA: Record<string, ReasonId> = {
  'bad-mailbox': 'userunknown',
  'bad-domain': 'hostunknown',
  'inactive-mailbox': 'suspend',
  'quota-issues': 'mailboxfull',
  'spam-related': 'spamdetected',
  'policy-related': 'policyviolation',
  'virus-related': 'virusdetected',
  'content-related': 'contenterror',
  'message-expired': 'expired',
  'no-answer-from-host': 'networkerror',
  'bad-connection': 'networkerror',
  'routing-errors': 'systemerror',
  'protocol-errors': 'syntaxerror',
  'relaying-issues': 'norelaying',
};

export function vendorHint(category: string | null): ReasonId | null {
  return category ? (POWERMTA[category] ?? null) : null;
}

export function formatHint(view: ReportView, recipient: string | null): ReasonId | null {
  return googleGroups(view, recipient) ?? mailingList(view);
}
