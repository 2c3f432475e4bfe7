/**
 * Label conflicts in the corpus: rows whose evidence, as the engine reads it, is the same while
 * the expected reason differs. Two readings of "the same evidence":
 * - exact: the diagnostic with addresses, IP addresses and bare numbers masked, plus the status
 *   code and the SMTP command. A classifier that decides from that evidence alone must miss at
 *   least every row outside the largest label of its group.
 * - wording: the phrase or provider wording that decided the engine's reason, and that reason
 *   (rows the engine reads alike). Rows outside their group's largest label can only be won by
 *   something other than that wording (the server that wrote the report, say), and winning them
 *   loses the others unless something does tell them apart.
 * The counts say how much of the reason score such readings leave out of reach, not which label
 * is right.
 */
import type { BounceRecord } from '../../lib/engine/types';
import type { ExpectedRow } from './score';

export interface ConflictReport {
  /** Groups of two or more rows with the same evidence and more than one expected reason. */
  groups: number;
  /** Rows in those groups that are not of the group's most common expected reason. */
  unreachable: number;
  /** Example groups, largest first: the masked diagnostic and the expected reasons with counts. */
  examples: { evidence: string; reasons: Record<string, number> }[];
}

function mask(diagnostic: string): string {
  return diagnostic
    .toLowerCase()
    .replace(/\S+@\S+/g, '<addr>')
    .replace(/\b\d{1,3}(?:\.\d{1,3}){3}\b/g, '<ip>')
    .replace(/\b\d{3,}\b/g, '<n>')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The exact evidence: masked diagnostic, status and command. */
export function exactEvidence(rec: BounceRecord): string | null {
  return rec.diagnostic ? `${mask(rec.diagnostic)} | ${rec.status ?? '-'} | ${rec.smtpCommand ?? '-'}` : null;
}

/** The wording that decided the engine's reason, when wording did, and that reason. */
export function decidingWording(rec: BounceRecord): string | null {
  const e = rec.evidence.find((x) => x.source === 'phrase' || x.source === 'provider-rule');
  return e ? `${e.detail} → ${rec.reason}` : null;
}

export class ConflictCounter {
  private byKey = new Map<string, Map<string, number>>();

  constructor(private readonly keyOf: (rec: BounceRecord) => string | null = exactEvidence) {}

  /** Record one scored row and the engine record it was matched with. */
  add(row: ExpectedRow, rec: BounceRecord | null): void {
    const key = rec ? this.keyOf(rec) : null;
    if (key === null) return;
    let labels = this.byKey.get(key);
    if (!labels) this.byKey.set(key, (labels = new Map()));
    labels.set(row.reason, (labels.get(row.reason) ?? 0) + 1);
  }

  report(maxExamples = 5): ConflictReport {
    const conflicting = [...this.byKey].filter(([, labels]) => labels.size > 1);
    let unreachable = 0;
    for (const [, labels] of conflicting) {
      const counts = [...labels.values()];
      unreachable += counts.reduce((a, b) => a + b, 0) - Math.max(...counts);
    }
    const size = (labels: Map<string, number>) => [...labels.values()].reduce((a, b) => a + b, 0);
    const examples = conflicting
      .sort((a, b) => size(b[1]) - size(a[1]))
      .slice(0, maxExamples)
      .map(([evidence, labels]) => ({ evidence, reasons: Object.fromEntries(labels) }));
    return { groups: conflicting.length, unreachable, examples };
  }
}
