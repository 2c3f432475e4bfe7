/**
 * Amazon SES event notifications (delivered by SNS as e-mail): JSON, not MIME reports.
 *
 *   {"notificationType":"Bounce","bounce":{"bounceType":"Permanent","bouncedRecipients":[
 *     {"emailAddress":"…","action":"failed","status":"5.1.1","diagnosticCode":"smtp; 550 5.1.1 user unknown"}],
 *     "reportingMTA":"dsn; a27-23.smtp-out.us-west-2.amazonses.com"}, "mail":{…}}
 *
 * The SNS envelope may wrap it as {"Type":"Notification","Message":"<the JSON above, as a string>"}.
 * See https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html
 * The notification is turned into the same delivery-status records an RFC 3464 report gives.
 */
import { HeaderList } from '../message/mime';
import type { DsnReport, DsnRecipient } from './dsn';
import { emptyRecipient, untype } from './dsn';

export interface SesReport {
  dsn: DsnReport | null;
  /** For complaints: Original-Rcpt-To style fields. */
  feedback: HeaderList | null;
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

function parseJsonObject(text: string): Json | null {
  const start = text.indexOf('{');
  if (start === -1) return null;
  // The notification ends before SNS's "--" footer; take the last closing brace before it.
  const footer = text.indexOf('\n--\n', start);
  const end = text.lastIndexOf('}', footer === -1 ? text.length : footer);
  if (end <= start) return null;
  try {
    // Mail transport may have folded the long JSON line; joined lines are still valid JSON inside strings? Not
    // always, so try the text as is, then with the line breaks removed.
    const slice = text.slice(start, end + 1);
    try {
      return JSON.parse(slice) as Json;
    } catch {
      return JSON.parse(slice.replace(/\n ?/g, '')) as Json;
    }
  } catch {
    return null;
  }
}

function recipient(address: unknown, fields: Partial<DsnRecipient>): DsnRecipient {
  const a = str(address);
  return { ...emptyRecipient(), finalRecipient: a ? a.toLowerCase() : null, ...fields };
}

/** Read an SES notification from a text body, or null when the text is not one. */
export function readSesNotification(text: string): SesReport | null {
  if (text.indexOf('notificationType') === -1 && text.indexOf('eventType') === -1) return null;
  let obj = parseJsonObject(text);
  if (obj && typeof obj['Message'] === 'string') {
    obj = parseJsonObject(obj['Message']);
  }
  if (!obj) return null;
  const type = str(obj['notificationType']) ?? str(obj['eventType']);
  if (type === 'Bounce' && isObj(obj['bounce'])) {
    const b = obj['bounce'];
    const list = Array.isArray(b['bouncedRecipients']) ? b['bouncedRecipients'] : [];
    const transient = str(b['bounceType']) === 'Transient';
    const recipients = list.filter(isObj).map((r) => {
      const diag = str(r['diagnosticCode']);
      return recipient(r['emailAddress'], {
        action: str(r['action']) ?? (transient ? 'delayed' : 'failed'),
        status: str(r['status']),
        diagnostic: diag ? untype(diag).value : null,
        diagnosticType: diag ? untype(diag).type : null,
      });
    });
    return {
      dsn: {
        reportingMta: untypeOrNull(b['reportingMTA']),
        receivedFromMta: null,
        arrivalDate: null,
        recipients,
      },
      feedback: null,
    };
  }
  if (type === 'Delivery' && isObj(obj['delivery'])) {
    const d = obj['delivery'];
    const smtp = str(d['smtpResponse']);
    const status = smtp ? (/\b2\.\d{1,3}\.\d{1,3}\b/.exec(smtp)?.[0] ?? null) : null;
    const list = Array.isArray(d['recipients']) ? d['recipients'] : [];
    const recipients = list.map((a) => recipient(a, { action: 'delivered', status, diagnostic: smtp }));
    return {
      dsn: { reportingMta: str(d['reportingMTA']), receivedFromMta: null, arrivalDate: null, recipients },
      feedback: null,
    };
  }
  if (type === 'Complaint' && isObj(obj['complaint'])) {
    const c = obj['complaint'];
    const list = Array.isArray(c['complainedRecipients']) ? c['complainedRecipients'] : [];
    const fields = list
      .filter(isObj)
      .map((r) => str(r['emailAddress']))
      .filter((a): a is string => !!a)
      .map((a) => ({ name: 'original-rcpt-to', value: a }));
    const ft = str(c['complaintFeedbackType']);
    if (ft) fields.push({ name: 'feedback-type', value: ft });
    return { dsn: null, feedback: new HeaderList(fields) };
  }
  return null;
}

function untypeOrNull(v: unknown): string | null {
  const s = str(v);
  return s ? untype(s).value : null;
}
