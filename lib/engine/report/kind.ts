/**
 * Stage 3c: what kind of message this is. A bounce needs a report structure or a bounce-like
 * sender or subject together with something that names a failed recipient; complaint reports,
 * auto-replies and positive delivery reports are recognised so they raise no alarm.
 */
import type { MessageKind } from '../types';
import type { Draft } from './recipients';
import type { ReportView } from './view';

/** Local parts and display names of the programs that write bounces. */
export const DAEMON_SENDER =
  /\b(?:mailer-daemon|mailer_daemon|mail-daemon|postmaster|post_master|mail delivery (?:subsystem|system|service)|mailerdaemon|mdaemon|mail administrator|microsoft outlook|mail system|returned mail|bounce(?:s|-?handler)?|nobody@|noreply-dmarc|ezweb_mail)\b/i;

/** Subject families of bounces, in the common languages. */
export const BOUNCE_SUBJECT = new RegExp(
  [
    'undeliver',
    'undelivered',
    'delivery status',
    'delivery (?:has )?fail',
    'delivery failure',
    'delivery problem',
    'delivery notification',
    'failure notice',
    'returned mail',
    'returned to sender',
    'return(?:ed)? message',
    'mail delivery failed',
    'could not be delivered',
    'could not deliver',
    'not delivered',
    'non[- ]?delivery',
    'message not delivered',
    'nondeliverable',
    'rejected',
    'message (?:you sent )?(?:was |has been )?blocked',
    'mail system error',
    'warning: message',
    'delayed mail',
    'delivery delayed',
    'mail failure',
    'failed mail',
    'error sending',
    'bounced?',
    'unzustellbar',
    'nicht zustellbar',
    'non remis',
    'non distribu',
    'impossible de remettre',
    'no se puede entregar',
    'no entregado',
    'non recapitabile',
    'mancato recapito',
    'onbestelbaar',
    'não entregue',
    '配信',
    'エラー',
    '未送達',
    '退信',
    '投递失败',
    'недостав',
    'не доставлено',
    'sisimai',
  ].join('|'),
  'i',
);

/**
 * Subjects that mail programs give their automatic replies: a marker, then a colon, in front of
 * the original subject ("Automatic reply: …", "Out of Office: …", "Abwesenheitsnotiz: …"). A person
 * writing about their holidays ("Out of office plans for the holidays") does not match.
 */
export const AUTO_REPLY_SUBJECT =
  /^\s*\[?(?:out of (?:the )?office(?: reply| autoreply)?|auto(?:matic)?[- ]?(?:reply|response|antwort|respuesta|risposta|réponse)|autoreply|auto|abwesenheitsnotiz|abwesend|réponse automatique|respuesta automática|risposta automatica|resposta automática|automatisch antwoord|afwezigheidsmelding|frånvaro|poissa|自動応答|自动回复)\]?\s*(?:\([^)]{0,40}\))?\s*:/i;

/**
 * Wider wording for the Gmail-text path, which cannot see the Auto-Submitted header: there an
 * "Away until …" subject is the best evidence there is (the card only shows a neutral note).
 */
const AUTO_REPLY_WORDS =
  /\b(?:out of (?:the )?office|auto(?:matic)?[- ]?(?:reply|response|antwort|respuesta|risposta|réponse)|autoreply|away (?:from|until)|on vacation|on leave|abwesenheit|abwesend|fuera de la oficina|congés)\b/i;

const DELAY_SUBJECT =
  /\b(?:delay(?:ed)?|warning: message|still being retried|not yet delivered|will retry)\b/i;
const DELAY_TEXT =
  /\b(?:will (?:continue to |keep )?(?:try|retry)(?:ing)?|(?:will|shall) be re-?tried|could not send (?:the )?message for (?:the )?(?:past|last) \d+ (?:hours?|minutes?|days?)|message (?:is|has been|was) frozen|still (?:be )?(?:trying|retrying|being retried)|has not yet been delivered|not yet been delivered|delivery (?:is )?delayed|this is a warning|no action is required on your part|temporarily deferred|delayed for)\b/i;

/** Body wording that only non-delivery reports use (checked together with a named recipient). */
export const BOUNCE_TEXT =
  /\b(?:could not be delivered to|couldn't be delivered to|undeliverable|was not delivered to|delivery to the following recipients? failed|delivery has failed|failed permanently|unable to deliver (?:your )?(?:message|mail)|invalid user address|permanent (?:fatal )?errors?|returned to sender|message you sent could not|not be delivered to one or more|(?:message|mail|e-?mail) (?:could not|couldn't|cannot|can't) be delivered)\b/i;

/**
 * Complaint reports: ARF (RFC 5965) parts, Microsoft's JMRP reports (the returned original
 * carries X-HmXmrOriginalRecipient) and Apple Mail's unsubscribe requests (X-Apple-Unsubscribe).
 */
export function isComplaint(view: ReportView): boolean {
  if (view.feedback || view.reportType === 'feedback-report') return true;
  const head = view.fullText.length > 20000 ? view.fullText.slice(0, 20000) : view.fullText;
  // (One regular expression finds either spelling faster than two substring searches.)
  if (/eedback-|EEDBACK-/.test(head) && /^feedback-type\s*:/im.test(head)) return true;
  if (view.original?.has('x-hmxmroriginalrecipient')) return true;
  return (view.headers.get('x-apple-unsubscribe') ?? '').trim().toLowerCase() === 'true';
}

/**
 * fml tags the subjects of its notices with the list's name: "… are not member (neko ML)",
 * "Loop Alert: Duplicated Message-ID (neko ML)". The Gmail-text path cannot see X-MLServer and
 * reads the tag instead.
 */
const FML_SUBJECT_TAG = /\([\w.-]{1,64} ML\)\s*$/;

/** A mailing-list manager (fml) refusing a post: not a member, or a loop. */
export function isListRefusal(view: ReportView): boolean {
  const server = view.headers.get('x-mlserver') ?? view.headers.get('x-ml-server') ?? '';
  const subject = view.headers.get('subject') ?? '';
  const fml = /\bfml\b/i.test(server) || (view.visibleOnly === true && FML_SUBJECT_TAG.test(subject));
  if (!fml) return false;
  return /not (?:a )?member|loop alert|duplicated message-id|command (?:error|failed)/i.test(
    subject + '\n' + view.text,
  );
}

function looksAutoReplied(view: ReportView, subject: string): boolean {
  if (AUTO_REPLY_SUBJECT.test(subject) || isAutoSubmittedReply(view)) return true;
  return view.visibleOnly === true && AUTO_REPLY_WORDS.test(subject);
}

function isAutoSubmittedReply(view: ReportView): boolean {
  const h = view.headers;
  const auto = (h.get('auto-submitted') ?? '').toLowerCase();
  // RFC 3834: "auto-replied" answers a message; "auto-generated" (notices, receipts) does not.
  if (auto.startsWith('auto-replied')) return true;
  if (h.has('x-autoreply') || h.has('x-autorespond') || h.has('x-auto-response-suppress')) return true;
  const prec = (h.get('precedence') ?? '').toLowerCase();
  return prec === 'auto_reply';
}

/** DSN actions that report a delivery, not a failure. */
function isPositive(a: string): boolean {
  return a === 'delivered' || a === 'relayed' || a === 'expanded' || a === 'deliverable';
}

export function detectKind(view: ReportView, drafts: Draft[]): MessageKind {
  const h = view.headers;
  const from = h.get('from') ?? '';
  const subject = h.get('subject') ?? '';

  if (isComplaint(view)) return 'complaint';

  const actions: string[] = [];
  for (const d of view.dsn) for (const r of d.recipients) if (r.action) actions.push(r.action);
  const hasDsn = view.dsn.some((d) => d.recipients.length > 0);
  // A delivery-status part makes a report; without one, the sender, subject and text decide.
  if (!hasDsn) {
    const daemon = DAEMON_SENDER.test(from) || from.trim() === '' || /^<>$/.test(from.trim());
    const bounceSubject = BOUNCE_SUBJECT.test(subject);
    const failedHeader = h.has('x-failed-recipients');
    const anyCodes = drafts.some((d) => d.status || d.replyCode);

    const named = drafts.some((d) => d.recipient);
    // A person answering in a thread (not a mail system, no report part) is talking about a bounce at most.
    const personalReply =
      !daemon && !failedHeader && (/^\s*(?:re|aw|sv|antw)\s*:/i.test(subject) || h.has('in-reply-to'));
    if (personalReply) {
      if (looksAutoReplied(view, subject)) return 'auto-reply';
      return 'not-bounce';
    }
    const isReport =
      failedHeader ||
      (daemon && bounceSubject) ||
      ((daemon || bounceSubject) && (named || anyCodes)) ||
      ((named || bounceSubject) && BOUNCE_TEXT.test(view.text)) ||
      isListRefusal(view);
    if (!isReport) {
      if (!daemon && looksAutoReplied(view, subject)) return 'auto-reply';
      return 'not-bounce';
    }
  }
  if (actions.length && actions.every(isPositive)) return 'delivered';
  const dsnStatuses: string[] = [];
  for (const d of view.dsn) for (const r of d.recipients) if (r.status) dsnStatuses.push(r.status);
  if (!actions.length && dsnStatuses.length && dsnStatuses.every((x) => x.startsWith('2.')))
    return 'delivered';
  if (actions.length && actions.every((a) => a === 'delayed')) return 'delayed';
  if (!actions.includes('failed')) {
    const statuses = drafts.map((d) => d.status).filter(Boolean) as string[];
    const allTemporary = statuses.length > 0 && statuses.every((s) => s.startsWith('4'));
    if (
      (DELAY_SUBJECT.test(subject) || DELAY_TEXT.test(view.text)) &&
      (allTemporary || statuses.length === 0)
    ) {
      if (
        // "could not be delivered yet" is a delay notice's own wording, not a final verdict.
        !/\b(?:permanent|given up|giving up|gave up|could not be delivered(?! yet)|failed permanently)\b/i.test(
          view.text,
        )
      )
        return 'delayed';
    }
  }
  return 'failed';
}
