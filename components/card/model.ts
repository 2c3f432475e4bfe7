/**
 * What the card shows, computed from an engine result: plain data, no React, so the same model
 * feeds the card, "Copy steps" and the demo's JSON.
 */
import { decideSuppression } from '../../lib/engine/suppression/index';
import { serverWords, verdictOf } from '../verdict/verdict';
import type { BounceRecord, BounceResult, MessageKind } from '../../lib/engine/types';
import {
  actionRank,
  infoFor,
  linksFor,
  providerName,
  reasonInfo,
  replyMeaning,
  statusMeaning,
  type Link,
} from './knowledge';

/** One failed address with its own codes, for reports that name several. */
export interface RecipientDetail {
  address: string;
  replyCode: string | null;
  status: string | null;
  category: string;
  categoryTitle: string;
  colour: string;
  /** This recipient's own finer cause (the reason's title). */
  causeTitle: string;
  /** This recipient's own suppression decision, one sentence. */
  suppression: string;
  /** True for the record the card's Cause and codes describe. */
  lead: boolean;
  /** True when its category, cause or codes differ from the card's lead record. */
  differs: boolean;
}

export interface CardModel {
  /** "alarm" for failed deliveries, "neutral" for delays, auto-replies and other reports. */
  tone: 'alarm' | 'neutral';
  kind: MessageKind;
  /** Category id, or "delayed" for a delay notice. */
  category: string;
  categoryTitle: string;
  colour: string;
  summary: string;
  /**
   * "Hard bounce" / "Soft bounce" / "Permanent refusal" (a 5xx refusal of the sender: the address
   * is fine) / "Delayed" / null for non-bounces.
   */
  severity: 'hard' | 'soft' | 'refused' | 'delayed' | null;
  /** What the suppression rules make of this bounce alone ("Will be suppressed: …"); null for non-bounces. */
  suppression: string | null;
  /** True when the recipients' verdicts differ, so each is shown with its own. */
  mixed: boolean;
  hard: boolean;
  /**
   * The finer cause within the category, as "Title: one sentence" ("Delivery expired: …"), for
   * failures and delays; null otherwise.
   */
  cause: string | null;
  recipients: string[];
  recipientDetails: RecipientDetail[];
  replyCode: string | null;
  replyMeaning: string | null;
  status: string | null;
  statusMeaning: string | null;
  providerId: string | null;
  provider: string | null;
  definition: string;
  steps: string[];
  links: Link[];
  /** Evidence lines for "Why?". */
  evidence: string[];
  /** The remote server's own words (text, never HTML). */
  diagnostic: string | null;
  remoteHost: string | null;
  /** Which reader decided (decoder name) and whether the raw source was used. */
  decoder: string | null;
  source: 'visible' | 'raw';
}

const EVIDENCE_LABELS: Record<string, string> = {
  'provider-rule': 'Provider rule',
  phrase: 'Wording',
  'status-code': 'Status code',
  'reply-code': 'Reply code',
  decoder: 'Report format',
  default: 'Default',
};

/**
 * The record the card leads with: among the failed ones (else all), the most actionable category
 * (the knowledge base's display order), hard before soft, then report order.
 */
export function primaryRecord(result: BounceResult): BounceRecord | null {
  const failed = result.records.filter((r) => r.dsnAction === 'failed');
  const pool = failed.length > 0 ? failed : result.records;
  let best: BounceRecord | null = null;
  for (const r of pool) {
    if (!best) best = r;
    else {
      const d = actionRank(r.category) - actionRank(best.category);
      if (d < 0 || (d === 0 && r.hard && !best.hard)) best = r;
    }
  }
  return best;
}

function categoryOf(result: BounceResult, rec: BounceRecord | null): string {
  if (result.kind === 'delayed') return 'delayed';
  if (result.kind === 'auto-reply') return 'auto-reply';
  if (result.kind === 'complaint') return 'complaint';
  if (result.kind === 'delivered') return 'delivered';
  return rec?.category ?? 'unclassified';
}

/** The suppression rules' reading of one record of this message alone. */
function decisionFor(kind: MessageKind, r: BounceRecord) {
  return decideSuppression([{ reason: r.reason, kind, at: null, status: r.status, replyCode: r.replyCode }]);
}

export function buildCardModel(result: BounceResult, source: 'visible' | 'raw' = 'visible'): CardModel {
  const rec = primaryRecord(result);
  const category = categoryOf(result, rec);
  const info = infoFor(category);
  const providerId = rec?.provider ?? null;
  const recipients: string[] = [];
  const recipientDetails: RecipientDetail[] = [];
  // The lead record first, so the Cause and codes shown above belong to the first address listed.
  const ordered = rec ? [rec, ...result.records.filter((r) => r !== rec)] : result.records;
  for (const r of ordered) {
    if (!r.recipient || recipients.includes(r.recipient)) continue;
    recipients.push(r.recipient);
    const cat = result.kind === 'failed' ? r.category : category;
    const catInfo = infoFor(cat);
    recipientDetails.push({
      address: r.recipient,
      replyCode: r.replyCode,
      status: r.status,
      category: cat,
      categoryTitle: catInfo.title,
      colour: catInfo.colour,
      causeTitle: reasonInfo(r.reason).title,
      suppression: decisionFor(result.kind, r).why,
      lead: r === rec,
      differs:
        !!rec &&
        (cat !== category ||
          r.reason !== rec.reason ||
          r.status !== rec.status ||
          r.replyCode !== rec.replyCode),
    });
  }
  const mixed = recipientDetails.some((d) => d.differs);
  const verdict = rec ? verdictOf(result.kind, rec) : null;
  const severity =
    result.kind === 'delayed'
      ? 'delayed'
      : result.kind === 'failed'
        ? verdict === 'hard' || verdict === 'refused'
          ? verdict
          : 'soft'
        : null;
  const suppression =
    rec && (result.kind === 'failed' || result.kind === 'delayed') ? decisionFor(result.kind, rec).why : null;
  const evidence: string[] = [];
  for (const e of rec?.evidence ?? [])
    evidence.push(`${EVIDENCE_LABELS[e.source] ?? e.source}: ${readableDetail(e.source, e.detail)}`);
  if (result.decoder)
    evidence.push(`Read by: ${result.decoder}${source === 'raw' ? ' (original source)' : ' (visible text)'}`);
  return {
    tone: result.kind === 'failed' ? 'alarm' : 'neutral',
    kind: result.kind,
    category,
    categoryTitle: info.title,
    colour: info.colour,
    summary: info.summary,
    severity,
    suppression,
    mixed,
    hard: !!rec?.hard && result.kind === 'failed',
    cause: causeOf(result.kind, rec),
    recipients,
    recipientDetails,
    replyCode: rec?.replyCode ?? null,
    replyMeaning: replyMeaning(rec?.replyCode ?? null, result.kind === 'failed' ? category : null),
    status: rec?.status ?? null,
    statusMeaning: statusMeaning(rec?.status ?? null, providerId, result.kind === 'failed' ? category : null),
    providerId,
    provider: providerName(providerId),
    definition: info.definition,
    steps: [...info.steps],
    links: linksFor(category, providerId),
    evidence,
    diagnostic: serverWords(rec?.diagnostic),
    remoteHost: rec?.remoteHost ?? null,
    decoder: result.decoder,
    source,
  };
}

/** The decoder's notes that name reasons: "userunknown → filtered: …", "report format says suspend". */
const CHANGED_REASON = /^([a-z]+) → ([a-z]+):/;
const FORMAT_SAYS = /^(report format says )([a-z]+)$/;

/**
 * An evidence note in the card's words: reason ids become their titles ("userunknown → filtered"
 * reads "Unknown user → Refused by recipient’s filter") and provider ids their names. The engine
 * keeps ids, which the command line and exports rely on.
 */
function readableDetail(source: string, detail: string): string {
  if (source === 'provider-rule') {
    const at = detail.indexOf(' wording ');
    if (at > 0 && !detail.startsWith('provider wording')) {
      const names = detail
        .slice(0, at)
        .split('/')
        .map((id) => providerName(id) ?? id);
      return `${names.join(' / ')}${detail.slice(at)}`;
    }
    return detail;
  }
  if (source !== 'decoder') return detail;
  const title = (id: string) => reasonInfo(id).title;
  return detail
    .replace(CHANGED_REASON, (_m, from: string, to: string) => `${title(from)} → ${title(to)}:`)
    .replace(FORMAT_SAYS, (_m, _lead: string, id: string) => `it names the cause, ${title(id)}`);
}

/** The reason's title and sentence, for a failure or a delay. */
function causeOf(kind: MessageKind, rec: BounceRecord | null): string | null {
  if (!rec || (kind !== 'failed' && kind !== 'delayed')) return null;
  const info = reasonInfo(rec.reason);
  return `${info.title}: ${info.description}`;
}

const SEVERITY_TEXT = {
  hard: 'Hard bounce',
  soft: 'Soft bounce',
  refused: 'Permanent refusal',
  delayed: 'Delayed',
} as const;

export function severityText(m: CardModel): string | null {
  return m.severity ? SEVERITY_TEXT[m.severity] : null;
}

/** "Copy steps": plain text, ready for a ticket or a chat. */
export function stepsAsText(m: CardModel): string {
  const lines: string[] = [];
  const sev = severityText(m);
  lines.push(`${m.categoryTitle}${sev ? ` (${sev.toLowerCase()})` : ''}`);
  if (m.recipientDetails.length) {
    const list = m.recipientDetails.map((r) =>
      m.mixed
        ? `${r.address} (${r.categoryTitle}: ${r.causeTitle}${r.status ? ` ${r.status}` : ''})`
        : r.address,
    );
    lines.push(`Recipient${list.length > 1 ? 's' : ''}: ${list.join(', ')}`);
  }
  if (m.cause) lines.push(`Cause${m.mixed ? ` (${m.recipientDetails[0]?.address})` : ''}: ${m.cause}`);
  if (m.suppression && !m.mixed) lines.push(m.suppression);
  const codes = [m.replyCode, m.status].filter(Boolean).join(' ');
  if (codes) lines.push(`Code: ${codes}${m.statusMeaning ? ` - ${m.statusMeaning}` : ''}`);
  if (m.provider) lines.push(`Provider: ${m.provider}`);
  lines.push('', m.definition, '', 'Steps:');
  m.steps.forEach((s, i) => lines.push(`${i + 1}. ${s}`));
  if (m.links.length) {
    lines.push('', 'Links:');
    for (const l of m.links) lines.push(`- ${l.label}: ${l.url}`);
  }
  return lines.join('\n');
}
