/**
 * Label conflicts in the corpus: rows whose evidence, as the engine reads it, is the same while
 * the expected reason differs. Evidence is the diagnostic with addresses, IP addresses and bare
 * numbers masked, plus the status code and the SMTP command. A classifier that decides from that
 * evidence alone must miss at least every row outside the largest label of its group; the count
 * says how much of the reason score is out of reach for it, not which label is right.
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

export class ConflictCounter {
  private byKey = new Map<string, Map<string, number>>();

  /** Record one scored row and the engine record it was matched with. */
  add(row: ExpectedRow, rec: BounceRecord | null): void {
    if (!rec?.diagnostic) return;
    const key = `${mask(rec.diagnostic)} | ${rec.status ?? '-'} | ${rec.smtpCommand ?? '-'}`;
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
