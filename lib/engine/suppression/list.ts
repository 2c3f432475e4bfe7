/**
 * Every address of a bounce history with its decision: what the suppression exports, the card and
 * the command line are built from.
 */
import {
  DEFAULT_RULES,
  decideSuppression,
  type BounceEvent,
  type SuppressionDecision,
  type SuppressionRules,
} from './decide';

/** One event of one address, carrying whatever the caller wants back (a stored record, a file name). */
export interface AddressEvent<T> extends BounceEvent {
  address: string;
  item: T;
}

export interface SuppressionEntry<T> {
  /** Lower-cased, exactly as reported otherwise. */
  address: string;
  /** The part after the last @, lower-cased. */
  domain: string;
  decision: SuppressionDecision;
  /** Events of this address. */
  count: number;
  /** The newest event's item (the first one given among undated events). */
  last: T;
  /** The newest event. */
  lastEvent: BounceEvent;
}

/**
 * Group events by address (case-insensitive; events without an address are left out) and decide
 * each address. Entries come in the order their addresses first appear in `events`.
 */
export function suppressionList<T>(
  events: readonly AddressEvent<T>[],
  rules: SuppressionRules = DEFAULT_RULES,
): SuppressionEntry<T>[] {
  const groups = new Map<string, AddressEvent<T>[]>();
  for (const e of events) {
    const address = e.address.trim().toLowerCase();
    if (!address) continue;
    const g = groups.get(address);
    if (g) g.push(e);
    else groups.set(address, [e]);
  }
  const out: SuppressionEntry<T>[] = [];
  for (const [address, group] of groups) {
    let newest = group[0]!;
    for (const e of group) if ((e.at ?? -Infinity) > (newest.at ?? -Infinity)) newest = e;
    const at = address.lastIndexOf('@');
    out.push({
      address,
      domain: at < 0 ? '' : address.slice(at + 1),
      decision: decideSuppression(group, rules),
      count: group.length,
      last: newest.item,
      lastEvent: newest,
    });
  }
  return out;
}
