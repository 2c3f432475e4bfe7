/**
 * What the card shows, computed from an engine result: plain data, no React, so the same model
 * feeds the card, "Copy steps" and the demo's JSON.
 */
import type { BounceRecord, BounceResult, MessageKind } from '../../lib/engine/types';
import { infoFor, linksFor, providerName, replyMeaning, statusMeaning, type Link } from './knowledge';

export interface CardModel {
  /** "alarm" for failed deliveries, "neutral" for delays, auto-replies and other reports. */
  tone: 'alarm' | 'neutral';
  kind: MessageKind;
  /** Category id, or "delayed" for a delay notice. */
  category: string;
  categoryTitle: string;
  colour: string;
  summary: string;
  /** "Hard bounce" / "Soft bounce" / "Delayed" / null for non-bounces. */
  severity: 'hard' | 'soft' | 'delayed' | null;
  hard: boolean;
  recipients: string[];
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

/** The record the card leads with: the first that failed, else the first. */
export function primaryRecord(result: BounceResult): BounceRecord | null {
  return result.records.find((r) => r.dsnAction === 'failed') ?? result.records[0] ?? null;
}

function categoryOf(result: BounceResult, rec: BounceRecord | null): string {
  if (result.kind === 'delayed') return 'delayed';
  if (result.kind === 'auto-reply') return 'auto-reply';
  if (result.kind === 'complaint') return 'complaint';
  if (result.kind === 'delivered') return 'delivered';
  return rec?.category ?? 'unclassified';
}

export function buildCardModel(result: BounceResult, source: 'visible' | 'raw' = 'visible'): CardModel {
  const rec = primaryRecord(result);
  const category = categoryOf(result, rec);
  const info = infoFor(category);
  const providerId = rec?.provider ?? null;
  const recipients: string[] = [];
  for (const r of result.records) if (r.recipient && !recipients.includes(r.recipient)) recipients.push(r.recipient);
  const severity = result.kind === 'delayed' ? 'delayed' : result.kind === 'failed' ? (rec?.hard ? 'hard' : 'soft') : null;
  const evidence: string[] = [];
  for (const e of rec?.evidence ?? []) evidence.push(`${e.source.replace('-', ' ')}: ${e.detail}`);
  if (result.decoder) evidence.push(`read by: ${result.decoder}${source === 'raw' ? ' (original source)' : ' (visible text)'}`);
  return {
    tone: result.kind === 'failed' ? 'alarm' : 'neutral',
    kind: result.kind,
    category,
    categoryTitle: info.title,
    colour: info.colour,
    summary: info.summary,
    severity,
    hard: !!rec?.hard && result.kind === 'failed',
    recipients,
    replyCode: rec?.replyCode ?? null,
    replyMeaning: replyMeaning(rec?.replyCode ?? null),
    status: rec?.status ?? null,
    statusMeaning: statusMeaning(rec?.status ?? null, providerId),
    providerId,
    provider: providerName(providerId),
    definition: info.definition,
    steps: [...info.steps],
    links: linksFor(category, providerId),
    evidence,
    diagnostic: rec?.diagnostic ?? null,
    remoteHost: rec?.remoteHost ?? null,
    decoder: result.decoder,
    source,
  };
}

const SEVERITY_TEXT = { hard: 'Hard bounce', soft: 'Soft bounce', delayed: 'Delayed' } as const;

export function severityText(m: CardModel): string | null {
  return m.severity ? SEVERITY_TEXT[m.severity] : null;
}

/** "Copy steps": plain text, ready for a ticket or a chat. */
export function stepsAsText(m: CardModel): string {
  const lines: string[] = [];
  const sev = severityText(m);
  lines.push(`${m.categoryTitle}${sev ? ` (${sev.toLowerCase()})` : ''}`);
  if (m.recipients.length) lines.push(`Recipient${m.recipients.length > 1 ? 's' : ''}: ${m.recipients.join(', ')}`);
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
