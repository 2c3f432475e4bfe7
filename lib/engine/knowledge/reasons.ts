/**
 * Reason titles and definitions for the card and the history, read from the reason registry
 * (lib/engine/reasons/, one module per reason).
 */
import { REASON_MODULES } from '../reasons';
import { REASON_IDS, type ActionId, type CategoryId, type ReasonId } from '../types';

export interface ReasonInfo {
  id: ReasonId;
  category: CategoryId;
  title: string;
  /** One plain sentence. */
  description: string;
  /** Default hardness; the engine may override it (e.g. a 4xx "notaccept" is soft). */
  hard: boolean;
  action: ActionId;
}

export const REASONS: Readonly<Record<ReasonId, ReasonInfo>> = Object.fromEntries(
  REASON_IDS.map((id) => {
    const m = REASON_MODULES[id];
    return [
      id,
      { id, category: m.category, title: m.title, description: m.definition, hard: m.hard, action: m.action },
    ];
  }),
) as Record<ReasonId, ReasonInfo>;

/** Reason info by id; unknown ids fall back to `undefined`. */
export function reasonInfo(id: string): ReasonInfo {
  return (REASONS as Record<string, ReasonInfo | undefined>)[id] ?? REASONS.undefined;
}
