/**
 * The "Gmail connection" counters: how well the content script reads Gmail's page, as counts per
 * day over the last 7 days (pages recognised or not, cards shown, raw-source reads that worked or
 * failed), the raw-source step that failed last, and which selector candidates matched. Never any
 * content: no addresses, subjects or message text. Small and bounded (7 day buckets, a few dozen
 * selector names), kept in browser.storage.local under one key.
 *
 * The background is the only writer (Gmail tabs send ConnectionStatsMessage batches; one write at
 * a time, so tabs cannot overwrite each other); the popup reads.
 */
import type { ConnectionCounts, ConnectionStatsMessage, RawFailure } from '../messages';
import type { KeyValueStore } from './service';

export const CONNECTION_KEY = 'gmailConnection';
export const CONNECTION_DAYS = 7;
const MAX_SELECTORS = 40;
const MAX_TEXT = 200;
const COUNT_NAMES = ['recognised', 'unrecognised', 'cards', 'rawOk', 'rawFailed'] as const;

export interface ConnectionState {
  /** UTC day ("2026-12-05") → counts of that day; only the last CONNECTION_DAYS days. */
  days: Record<string, ConnectionCounts>;
  lastFailure: RawFailure | null;
  /** Selector set name → candidate that matched last. */
  selectors: Record<string, string>;
  updatedAt: number | null;
}

export function emptyCounts(): ConnectionCounts {
  return { recognised: 0, unrecognised: 0, cards: 0, rawOk: 0, rawFailed: 0 };
}

export function emptyConnection(): ConnectionState {
  return { days: {}, lastFailure: null, selectors: {}, updatedAt: null };
}

const DAY_MS = 24 * 60 * 60 * 1000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0;
const text = (v: unknown): string | null => (typeof v === 'string' ? v.slice(0, MAX_TEXT) : null);

function counts(value: unknown): ConnectionCounts {
  const out = emptyCounts();
  if (value && typeof value === 'object') {
    for (const name of COUNT_NAMES) {
      const n = (value as Record<string, unknown>)[name];
      if (isCount(n)) out[name] = Math.min(Math.floor(n), 1e9);
    }
  }
  return out;
}

function failure(value: unknown): RawFailure | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const step = text(v.step);
  const why = text(v.why);
  if (!step || !why || !isCount(v.at)) return null;
  return { step, why, key: v.key === true, at: v.at };
}

function selectors(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!value || typeof value !== 'object') return out;
  for (const [name, css] of Object.entries(value as Record<string, unknown>).slice(0, MAX_SELECTORS)) {
    const t = text(css);
    if (t && /^[\w-]{1,40}$/.test(name)) out[name] = t;
  }
  return out;
}

/** Keep only well-formed fields and the days within the window ending at `now`. */
export function sanitizeConnection(value: unknown, now: number): ConnectionState {
  const state = emptyConnection();
  if (!value || typeof value !== 'object') return state;
  const v = value as Record<string, unknown>;
  const oldest = dayOf(now - (CONNECTION_DAYS - 1) * DAY_MS);
  if (v.days && typeof v.days === 'object') {
    for (const [day, c] of Object.entries(v.days as Record<string, unknown>)) {
      if (/^\d{4}-\d\d-\d\d$/.test(day) && day >= oldest) state.days[day] = counts(c);
    }
  }
  state.lastFailure = failure(v.lastFailure);
  state.selectors = selectors(v.selectors);
  state.updatedAt = isCount(v.updatedAt) ? v.updatedAt : null;
  return state;
}

/** `state` with one batch from a Gmail tab added (a new object; `state` is left alone). */
export function addStats(state: ConnectionState, msg: ConnectionStatsMessage, now: number): ConnectionState {
  const next = sanitizeConnection(state, now);
  const day = dayOf(now);
  const today = next.days[day] ?? emptyCounts();
  const add = counts(msg.counts);
  for (const name of COUNT_NAMES) today[name] += add[name];
  next.days[day] = today;
  next.lastFailure = failure(msg.lastFailure) ?? next.lastFailure;
  next.selectors = selectors({ ...next.selectors, ...selectors(msg.selectors) });
  next.updatedAt = now;
  return next;
}

/** The counts summed over the window. */
export function totals(state: ConnectionState): ConnectionCounts {
  const sum = emptyCounts();
  for (const c of Object.values(state.days)) for (const name of COUNT_NAMES) sum[name] += c[name];
  return sum;
}

/** Read the counters (an empty state when there are none or they are unreadable). */
export async function loadConnection(kv: KeyValueStore, now = Date.now()): Promise<ConnectionState> {
  try {
    return sanitizeConnection(await kv.get(CONNECTION_KEY), now);
  } catch {
    return emptyConnection();
  }
}

/** The background's writer: batches from Gmail tabs are applied one at a time. */
export class ConnectionRecorder {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly kv: KeyValueStore,
    private readonly now: () => number = Date.now,
  ) {}

  record(msg: ConnectionStatsMessage): Promise<void> {
    const run = this.tail.then(async () => {
      const now = this.now();
      const state = await loadConnection(this.kv, now);
      await this.kv.set(CONNECTION_KEY, addStats(state, msg, now));
    });
    // A failed write (a full disk) loses this batch only; the next one starts afresh.
    this.tail = run.catch(() => undefined);
    return run;
  }
}

/** The text "Copy diagnostics" puts on the clipboard: versions, selectors, counts; no content. */
export function diagnosticsText(
  state: ConnectionState,
  env: { extensionVersion: string; browser: string },
): string {
  const t = totals(state);
  const lines = [
    'Bounce Triage: Gmail connection diagnostics',
    `Extension version: ${env.extensionVersion}`,
    `Browser: ${env.browser}`,
    `Last ${CONNECTION_DAYS} days: pages recognised ${t.recognised}, not recognised ${t.unrecognised}, cards shown ${t.cards}, raw-source reads succeeded ${t.rawOk}, failed ${t.rawFailed}`,
    state.lastFailure
      ? `Last failed raw-source read: step ${state.lastFailure.step} (${state.lastFailure.why}), account key ${state.lastFailure.key ? 'found' : 'not found'}, at ${new Date(state.lastFailure.at).toISOString()}`
      : 'Last failed raw-source read: none',
    'Selector candidates that matched:',
    ...(Object.keys(state.selectors).length
      ? Object.entries(state.selectors)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([name, css]) => `  ${name}: ${css}`)
      : ['  (none yet)']),
  ];
  return lines.join('\n');
}
