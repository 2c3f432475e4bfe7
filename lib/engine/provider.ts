/**
 * Stage 4b: which provider answered. The remote host named in the report decides first, then
 * host names quoted in the diagnostic, then the recipient's domain.
 */
import type { ReportView } from './report/view';
import type { Draft } from './report/recipients';

// Temporary table until knowledge/providers lands (same ids).
const HOSTS: [RegExp, string][] = [
  [/(?:^|\.)(?:google\.com|googlemail\.com|gmail\.com|gsmtp)\b|\bgsmtp\b/i, 'google'],
  [/(?:^|\.)(?:outlook\.com|hotmail\.com|protection\.outlook\.com|office365\.com|live\.com|msn\.com)\b/i, 'microsoft'],
  [/(?:^|\.)(?:yahoodns\.net|yahoo\.com|yahoo\.co\.jp|aol\.com)\b/i, 'yahoo'],
];

function fromText(t: string): string | null {
  for (const [re, id] of HOSTS) if (re.test(t)) return id;
  return null;
}

export function detectProvider(d: Draft, view: ReportView): string | null {
  void view;
  return fromText(`${d.remoteHost ?? ''} ${d.diagnostic ?? ''}`) ?? (d.recipient ? fromText(d.recipient.slice(d.recipient.indexOf('@') + 1)) : null);
}
