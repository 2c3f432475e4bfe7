/** Small display helpers for the history popup. */
import { CATEGORIES, DELAY_INFO } from '@/lib/engine/knowledge/categories';
import type { CategoryId } from '@/lib/engine/types';
import type { HistoryRecord } from '@/lib/history/record';
import { serverWords, verdictOf } from '../verdict/verdict';

export function categoryTitle(id: CategoryId): string {
  return CATEGORIES[id]?.title ?? id;
}

export function categoryColour(id: CategoryId): string {
  return CATEGORIES[id]?.colour ?? '#7a7a7a';
}

/** The title a record is listed under: a delay notice is "Delayed", as on the card, whatever its reason. */
export function recordTitle(r: Pick<HistoryRecord, 'kind' | 'category'>): string {
  return r.kind === 'delayed' ? DELAY_INFO.title : categoryTitle(r.category);
}

export function recordColour(r: Pick<HistoryRecord, 'kind' | 'category'>): string {
  return r.kind === 'delayed' ? DELAY_INFO.colour : categoryColour(r.category);
}

/** The card's word for a record: hard, soft, refused (the sender was refused; the address is fine), delayed … */
export function recordVerdict(
  r: Pick<HistoryRecord, 'kind' | 'reason' | 'hard' | 'status' | 'replyCode'>,
): string {
  return verdictOf(r.kind, r);
}

/** The line under a record: the server's own words, else what is known instead. */
export function recordDetail(r: Pick<HistoryRecord, 'kind' | 'diagnostic' | 'subject'>): string {
  return (
    serverWords(r.diagnostic) ??
    (r.kind === 'delayed' ? 'The notice quotes no server reply; the server keeps trying' : (r.subject ?? ''))
  );
}

const dateFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
export function when(ms: number): string {
  return dateFmt.format(new Date(ms));
}

export function codes(r: Pick<HistoryRecord, 'replyCode' | 'status'>): string {
  return [r.replyCode, r.status].filter(Boolean).join(' ');
}

/** The resolution steps for one record, as plain text for the clipboard. */
export function stepsText(r: HistoryRecord): string {
  const info = r.severity === 'delayed' ? DELAY_INFO : CATEGORIES[r.category];
  if (!info) return '';
  const lines = [`${info.title}${r.recipient ? ` — ${r.recipient}` : ''}`, ''];
  info.steps.forEach((step, i) => lines.push(`${i + 1}. ${step}`));
  return lines.join('\n');
}

/** yyyy-mm-dd (local) ↔ epoch ms for the date inputs. */
export function dayStart(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).getTime();
}
export function dayEnd(value: string): number | null {
  const start = dayStart(value);
  return start === null ? null : start + 86_400_000 - 1;
}
export function dayValue(ms: number | null | undefined): string {
  if (typeof ms !== 'number') return '';
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API refused (no focus, no permission): fall back to a selected textarea.
    const ta = document.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.style.position = 'fixed';
    ta.style.opacity = '0';
    document.body.appendChild(ta);
    ta.select();
    const ok = document.execCommand('copy');
    ta.remove();
    return ok;
  }
}

export function downloadText(filename: string, mime: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
