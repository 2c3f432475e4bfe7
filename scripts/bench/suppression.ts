/**
 * The suppression goal measured on the corpus: each corpus bounce is taken as an address's only
 * bounce (the corpus addresses are anonymised, so one address stands for many people), run through
 * the engine and the suppression rules, and compared with what its expected row says about the
 * address:
 * - dead: the row says the address does not exist, is disabled, moved, or its domain is dead, with
 *   a permanent code; it must be on the list;
 * - sender-side: the row's reason is a refusal of the sender; it must not be;
 * - over quota: a single mailbox-full bounce; it must not be;
 * - temporary: a delay notice or a 4.x.x status; it must not be.
 */
import { classifyMailbox } from '../../lib/engine/index';
import { decideSuppression, policyOf } from '../../lib/engine/suppression/index';
import type { BounceRecord, MessageKind } from '../../lib/engine/types';
import { loadCorpus, readCorpusFile } from './corpus';
import { flatten, scoreFile, type ExpectedRow } from './score';

export interface GoalGroup {
  total: number;
  /** Rows where the decision is the wanted one. */
  right: number;
  /** `file#index engine-reason` of the others. */
  wrong: string[];
}

export interface SuppressionGoal {
  dead: GoalGroup;
  senderSide: GoalGroup;
  overQuota: GoalGroup;
  temporary: GoalGroup;
}

function group(): GoalGroup {
  return { total: 0, right: 0, wrong: [] };
}

function listed(rec: BounceRecord | null, kind: MessageKind): boolean {
  if (!rec) return false;
  return decideSuppression([
    { reason: rec.reason, kind, at: null, status: rec.status, replyCode: rec.replyCode },
  ]).suppress;
}

export function measureSuppressionGoal(): SuppressionGoal {
  const goal: SuppressionGoal = {
    dead: group(),
    senderSide: group(),
    overQuota: group(),
    temporary: group(),
  };
  const index = loadCorpus();
  for (const file of index.files) {
    const preds = flatten(classifyMailbox(readCorpusFile(index, file)));
    const kindOf = new Map(preds.map((p) => [p.record, p.kind] as const));
    scoreFile(index.byFile.get(file)!, preds, undefined, (row: ExpectedRow, rec) => {
      const kind = kindOf.get(rec) ?? 'failed';
      const on = listed(rec, kind);
      const note = `${row.file}#${row.index} ${rec?.reason ?? 'none'}`;
      const add = (g: GoalGroup, good: boolean) => {
        g.total++;
        if (good) g.right++;
        else g.wrong.push(note);
      };
      const temporary = (row.status ?? '').startsWith('4') || kind === 'delayed';
      const policy = policyOf(row.reason).policy;
      if (temporary) add(goal.temporary, !on);
      else if (policy === 'address' || policy === 'domain') add(goal.dead, on);
      if (policy === 'never') add(goal.senderSide, !on);
      if (row.reason === 'mailboxfull') add(goal.overQuota, !on);
    });
  }
  return goal;
}

export function goalLine(g: SuppressionGoal): string {
  const f = (x: GoalGroup) => `${x.right}/${x.total}`;
  return `suppression goal: dead addresses listed ${f(g.dead)}, sender-side kept off ${f(g.senderSide)}, single over-quota kept off ${f(g.overQuota)}, temporary kept off ${f(g.temporary)}`;
}
