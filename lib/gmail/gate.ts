/**
 * The cheap gate: decides, from what is nearly free to read (sender, subject, attachment types, the
 * first couple of kilobytes of body text), whether a message is worth handing to the engine.
 * It must be generous (a missed bounce gets no card) but cost well under a millisecond for ordinary
 * mail. It never decides what a bounce IS; the engine does.
 */

export interface GateInput {
  fromAddress: string | null;
  fromName: string | null;
  /** Thread subject as shown (for a threaded bounce this is the original's subject). */
  subject: string | null;
  /** MIME types of the attachment chips. */
  attachmentTypes: readonly string[];
  /** The beginning of the visible body text (a bounded prefix). */
  bodyStart: string;
}

/**
 * Why a message passed. "subject" and "auto-reply-text" are weak: the engine looks at the visible
 * text, but the raw source is only fetched when that text already reads as a report.
 */
export type GateReason =
  'sender' | 'sender-name' | 'subject' | 'structure' | 'body' | 'auto-reply-text' | null;

/** Reasons too weak to justify fetching the raw source on their own. */
export const WEAK_GATE_REASONS: ReadonlySet<GateReason> = new Set<GateReason>(['subject', 'auto-reply-text']);

/** Local parts that report delivery problems: mailer-daemon@, postmaster@, MAILER_DAEMON@ … */
const SENDER_LOCAL =
  /^(?:mailer[-_.]?daemon|mail[-_.]?daemon|mdaemon|postmaster|mail[-_.]?delivery[-_.\w]*|maildelivery|bounces?|bounce[-_.\w]*|dsn|nobody|mailer|returns?|mail[-_.]?administrator|double-bounce)$/i;

/** Display names used by report writers (English and a few others). */
const SENDER_NAME =
  /mail delivery (?:subsystem|system|service|failure)|microsoft outlook|microsoft exchange|mail administrator|mailer[-_ ]?daemon|postmaster|mail system|delivery status|system administrator|mail delivery|servicio de correo|sistema de correo|e-?mail-?system|posta elettronica|消息系统|システム管理者/i;

/**
 * Subject families, per language. Bounces, delay warnings, auto-replies and complaint reports all
 * pass: the engine sorts them out and the card stays neutral for the harmless ones.
 */
const SUBJECT_FAMILIES: readonly RegExp[] = [
  // English
  /undeliver(?:able|ed)|delivery (?:status notification|failure|has failed|notification|problem|report|incomplete)|returned mail|mail delivery failed|failure notice|could not be delivered|couldn'?t be delivered|not delivered|returned to sender|delivery delayed|message delayed|delayed mail|message [^ ]* delayed|\bdelayed \d+ (?:hours?|days?)|warning: could not send|non[- ]?delivery|bounced?\b|rejected:|mail system error|permanent error/i,
  // Auto-replies (several languages)
  /auto(?:matic)?[- ]?(?:reply|response|answer)|autoreply|out of (?:the )?office|on vacation|\baway (?:until|till|from|on)\b|^away\b|on (?:annual |parental )?leave|away from (?:the )?office|abwesend|abwesenheit|automatische antwort|réponse automatique|absence|respuesta automática|fuera de la oficina|risposta automatica|fuori sede|resposta automática|automatisch antwoord|afwezig|自動応答|自動返信|不在|자동 응답|自动回复|автоответ/i,
  // Complaint and abuse reports
  /complaint|abuse report|feedback report|spam report/i,
  // French
  /non remis|non distribuable|échec de (?:la )?(?:livraison|remise)|message non délivré|non délivr/i,
  // German
  /unzustellbar|nicht zustellbar|zustellung fehlgeschlagen|fehler bei der zustellung|rückläufer|konnte nicht zugestellt/i,
  // Spanish, Portuguese
  /no se puede entregar|no entregado|no se pudo entregar|error (?:en la|de) entrega|notificación de estado de entrega|não (?:foi )?entregue|falha na entrega|impossível entregar|não é possível entregar/i,
  // Italian, Dutch, Polish, Swedish, Czech
  /non recapitabile|mancata consegna|impossibile recapitare|onbestelbaar|niet bezorgd|kan niet worden bezorgd|niedostarcz|nie można dostarczyć|kunde inte levereras|olevererbart|nedoručitelné|nelze doručit/i,
  // Japanese, Chinese, Korean, Russian, Turkish
  /配信エラー|配信不能|不達|配送に失敗|配信できません|エラーメール|退信|无法投递|未送达|投递失败|發送失敗|無法傳遞|전달 실패|배달되지 않음|не доставлено|недоставлен|ошибка доставки|не может быть доставлено|iletilemedi|teslim edilemedi/i,
];

/** Parts that only reports carry. */
const REPORT_TYPES =
  /^(?:message\/delivery-status|message\/global-delivery-status|message\/feedback-report|text\/rfc822-headers|message\/disposition-notification)$/i;

/** Phrases in the body's first lines that only reports use. */
const BODY_MARKERS =
  /reporting-mta:|final-recipient:|diagnostic-code:|action: (?:failed|delayed)|status: [245]\.\d{1,3}\.\d{1,3}|this is the mail system at host|delivery to the following recipient|delivery has failed|could not be delivered|couldn'?t be delivered|wasn'?t delivered|message not delivered|undeliverable|permanent(?:ly)? (?:failure|error|fail)|remote server returned|smtp error|returned mail|address not found|message blocked|the following addresses had permanent|unable to deliver|delivery is delayed|will (?:keep|continue) trying|this is an automatically generated delivery|i'm sorry to have to inform you|[45]\d\d[ -][245]\.\d{1,3}\.\d{1,3}|abuse report|feedback-type:/i;

/** Phrases of out-of-office and vacation replies (which Gmail shows without their headers). */
const AUTO_REPLY_MARKERS =
  /(?:i am|i'm) (?:currently )?(?:away|out of (?:the )?office|on (?:vacation|holiday|leave))|out of (?:the )?office (?:until|from|till)|returning to the office|limited access to (?:e-?mail|my e-?mail)|(?:respond|reply|get back to you) (?:to you )?(?:upon|when|after|on) my return|this is an automat(?:ic|ed) (?:reply|response|message)|abwesend|en congés|de vacaciones|in ferie|不在にしております/i;

/** Why the gate let a message through, or null when it did not. */
export function gate(input: GateInput): GateReason {
  const addr = input.fromAddress?.trim().toLowerCase() ?? '';
  const local = addr.split('@')[0] ?? '';
  if (local && SENDER_LOCAL.test(local)) return 'sender';
  if (input.fromName && SENDER_NAME.test(input.fromName)) return 'sender-name';
  if (input.attachmentTypes.some((t) => REPORT_TYPES.test(t))) return 'structure';
  const subject = input.subject ?? '';
  if (subject && SUBJECT_FAMILIES.some((re) => re.test(subject))) return 'subject';
  if (input.bodyStart && BODY_MARKERS.test(input.bodyStart)) return 'body';
  if (input.bodyStart && AUTO_REPLY_MARKERS.test(input.bodyStart)) return 'auto-reply-text';
  return null;
}

/**
 * Text of `root` up to `limit` characters, without building the whole string (a long newsletter
 * must stay cheap). Walks text nodes in order.
 */
export function textPrefix(root: Node, limit = 2000): string {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  let out = '';
  for (let n = walker.nextNode(); n && out.length < limit; n = walker.nextNode()) {
    out += `${n.nodeValue ?? ''} `;
  }
  return out.slice(0, limit);
}
