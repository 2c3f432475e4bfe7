/**
 * Shape and type checks for every message the background accepts. A message that fails is
 * refused with the reason (never thrown inside the store) and counted per message type.
 * Extension pages are trusted more than Gmail tabs, but a bug there must not crash the worker
 * either, so both go through here.
 */
import { isCorrectionTo } from '../engine/corrections/index';
import { CATEGORY_IDS, REASON_IDS, type CategoryId, type MessageKind, type ReasonId } from '../engine/types';
import type { CorrectionInput } from './corrections';
import { BadCorrection, MAX_CORRECTIONS_FILE, checkEngineReading } from './corrections-file';
import type { BounceSeenMessage, PageStatusMessage } from '../messages';
import { EXPORT_FORMATS, type ExportFormat } from './export';
import type { BounceWords, HistoryRequest, HistorySettings } from './protocol';
import type { HistoryFilter } from './query';
import { MESSAGE_KINDS } from './record';
import { STAT_DIMS } from './stats';

export type Checked<T> = { ok: true; value: T } | { ok: false; why: string };

const KINDS = MESSAGE_KINDS;
const ACTIONS = ['remove-address', 'retry-later', 'fix-sending-setup', 'contact-recipient', 'none'];
const FORMATS: readonly ExportFormat[] = EXPORT_FORMATS.map((f) => f.id);
const SEVERITIES = ['hard', 'soft', 'delayed'];
const MAX_RECORDS = 500;
const MAX_LIST = 1000;
const MAX_KEYS = 100_000;
const MAX_IMPORT = 5000;

class Refused extends Error {}

const isObj = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

function need(cond: boolean, why: string): asserts cond {
  if (!cond) throw new Refused(why);
}

function str(x: unknown, what: string, max = 10_000): string {
  need(typeof x === 'string' && x.length <= max, `${what} is not a string of at most ${max} characters`);
  return x;
}

function strOrNull(x: unknown, what: string, max = 10_000): string | null {
  if (x === null || x === undefined) return null;
  return str(x, what, max);
}

function finite(x: unknown, what: string): number {
  need(typeof x === 'number' && Number.isFinite(x), `${what} is not a finite number`);
  return x;
}

function numOrNull(x: unknown, what: string): number | null {
  return x === null || x === undefined ? null : finite(x, what);
}

function strings(x: unknown, what: string, allowed?: readonly string[]): string[] | undefined {
  if (x === undefined || x === null) return undefined;
  need(Array.isArray(x) && x.length <= MAX_LIST, `${what} is not a list`);
  return x.map((v, i) => {
    const s = str(v, `${what}[${i}]`, 400);
    need(!allowed || allowed.includes(s), `${what}[${i}] is not a known value`);
    return s;
  });
}

function run<T>(fn: () => T): Checked<T> {
  try {
    return { ok: true, value: fn() };
  } catch (err) {
    if (err instanceof Refused) return { ok: false, why: err.message };
    return { ok: false, why: 'unreadable message' };
  }
}

/** A "bounce-seen" report from a Gmail tab. */
export function checkBounceSeen(m: unknown): Checked<BounceSeenMessage> {
  return run(() => {
    need(isObj(m) && m.type === 'bounce-seen', 'not a bounce report');
    const r = m.result;
    need(isObj(r), 'no result');
    need(KINDS.includes(r.kind as MessageKind), 'unknown kind');
    need(Array.isArray(r.records) && r.records.length <= MAX_RECORDS, 'records is not a list');
    const records = r.records.map((x, i) => {
      need(isObj(x), `records[${i}] is not an object`);
      need(CATEGORY_IDS.includes(x.category as CategoryId), `records[${i}].category is unknown`);
      need(REASON_IDS.includes(x.reason as ReasonId), `records[${i}].reason is unknown`);
      need(typeof x.hard === 'boolean', `records[${i}].hard is not true or false`);
      need(ACTIONS.includes(x.action as string), `records[${i}].action is unknown`);
      for (const f of [
        'recipient',
        'replyCode',
        'status',
        'diagnostic',
        'provider',
        'remoteHost',
        'reportingMta',
      ])
        strOrNull(x[f], `records[${i}].${f}`);
      return x;
    });
    const original = r.original ?? {};
    need(isObj(original), 'original is not an object');
    for (const f of ['from', 'fromDomain', 'to', 'subject', 'messageId', 'date', 'sendingIp'])
      strOrNull(original[f], `original.${f}`);
    const report = r.report ?? {};
    need(isObj(report), 'report is not an object');
    for (const f of ['from', 'subject', 'date', 'messageId']) strOrNull(report[f], `report.${f}`);
    return {
      type: 'bounce-seen',
      account: str(m.account ?? '', 'account', 200),
      messageId: str(m.messageId, 'messageId', 40),
      threadId: strOrNull(m.threadId, 'threadId', 40),
      source: (() => {
        need(m.source === 'visible' || m.source === 'raw', 'unknown source');
        return m.source;
      })(),
      seenAt: finite(m.seenAt, 'seenAt'),
      // Mailbox imports read it from the returned original; Gmail tabs do not send it.
      ...(m.emailType === 'one-to-one' || m.emailType === 'bulk' ? { emailType: m.emailType } : {}),
      result: {
        ...(r as unknown as BounceSeenMessage['result']),
        records: records as never,
        original: original as never,
        report: report as never,
      },
    } satisfies BounceSeenMessage;
  });
}

export function checkPageStatus(m: unknown): Checked<PageStatusMessage> {
  return run(() => {
    need(isObj(m) && m.type === 'page-status', 'not a page status');
    need(typeof m.recognised === 'boolean', 'recognised is not true or false');
    return {
      type: 'page-status',
      recognised: m.recognised,
      failedSelector: strOrNull(m.failedSelector, 'failedSelector', 200),
      at: finite(m.at, 'at'),
    };
  });
}

export function checkFilter(x: unknown): HistoryFilter {
  if (x === undefined || x === null) return {};
  need(isObj(x), 'filter is not an object');
  const f: HistoryFilter = {};
  if (x.search !== undefined && x.search !== null) f.search = str(x.search, 'filter.search', 500);
  const lists: [keyof HistoryFilter, readonly string[] | undefined][] = [
    ['categories', CATEGORY_IDS],
    ['severities', SEVERITIES],
    ['providers', undefined],
    ['recipientDomains', undefined],
    ['reasons', REASON_IDS],
    ['statuses', undefined],
    ['sendingIps', undefined],
    ['emailTypes', undefined],
  ];
  for (const [k, allowed] of lists) {
    const v = strings(x[k], `filter.${k}`, allowed);
    if (v) (f as Record<string, unknown>)[k] = v;
  }
  if (x.sender !== undefined && x.sender !== null) f.sender = str(x.sender, 'filter.sender', 400);
  for (const k of ['from', 'to', 'bounceFrom', 'bounceTo'] as const) {
    const v = numOrNull(x[k], `filter.${k}`);
    if (v !== null) f[k] = v;
  }
  return f;
}

function checkSettingsPatch(x: unknown): Partial<HistorySettings> {
  need(isObj(x), 'patch is not an object');
  const p: Partial<HistorySettings> = {};
  if (x.paused !== undefined) {
    need(typeof x.paused === 'boolean', 'paused is not true or false');
    p.paused = x.paused;
  }
  if (x.retentionDays !== undefined) {
    need(x.retentionDays === null || typeof x.retentionDays === 'number', 'retentionDays is not a number');
    p.retentionDays = x.retentionDays === null ? null : finite(x.retentionDays, 'retentionDays');
  }
  if (x.suppressRepeats !== undefined) p.suppressRepeats = finite(x.suppressRepeats, 'suppressRepeats');
  if (x.suppressDays !== undefined) p.suppressDays = finite(x.suppressDays, 'suppressDays');
  return p;
}

const DECIMAL_ID = /^[0-9]{1,24}$/;
const MAX_CORRECTIONS = 500;

function gmailId(x: unknown, what: string): string {
  need(typeof x === 'string' && DECIMAL_ID.test(x), `${what} is not a Gmail message id`);
  return x;
}

function bounceWords(x: unknown, what: string): BounceWords {
  need(isObj(x), `${what} is not an object`);
  return {
    provider: strOrNull(x.provider, `${what}.provider`, 40),
    status: strOrNull(x.status, `${what}.status`, 16),
    replyCode: strOrNull(x.replyCode, `${what}.replyCode`, 8),
    diagnostic: strOrNull(x.diagnostic, `${what}.diagnostic`, 2000),
  };
}

function correctionInput(x: unknown, i: number): CorrectionInput {
  const what = `corrections[${i}]`;
  need(isObj(x), `${what} is not an object`);
  need(isCorrectionTo(x.to), `${what}.to is not a category, not-bounce or keep`);
  let was;
  try {
    was = checkEngineReading(x.was, `${what}.was`);
  } catch (err) {
    throw new Refused(err instanceof BadCorrection ? err.message : 'unreadable correction');
  }
  return {
    messageId: gmailId(x.messageId, `${what}.messageId`),
    recipient: str(x.recipient, `${what}.recipient`, 400),
    to: x.to,
    was,
    ...bounceWords(x, what),
    reportId: strOrNull(x.reportId, `${what}.reportId`, 400),
  };
}

const int = (x: unknown, what: string, max: number) => {
  const n = finite(x, what);
  need(n >= 0 && n <= max, `${what} is out of range`);
  return Math.floor(n);
};

/** A "history-*" request from an extension page. */
export function checkRequest(m: unknown): Checked<HistoryRequest> {
  return run((): HistoryRequest => {
    need(isObj(m) && typeof m.type === 'string', 'not a request');
    switch (m.type) {
      case 'history-query':
        return {
          type: m.type,
          filter: checkFilter(m.filter),
          offset: int(m.offset ?? 0, 'offset', 1e9),
          limit: int(m.limit ?? 50, 'limit', 1000),
          ...(m.channel === undefined ? {} : { channel: str(m.channel, 'channel', 40) }),
          ...(m.plain === true ? { plain: true } : {}),
        };
      case 'history-facets':
      case 'history-status':
      case 'history-dismiss-error':
      case 'history-clear':
        return { type: m.type };
      case 'history-settings':
        return { type: m.type, patch: checkSettingsPatch(m.patch) };
      case 'history-delete': {
        need(Array.isArray(m.keys) && m.keys.length <= MAX_KEYS, 'keys is not a list');
        return { type: m.type, keys: m.keys.map((k, i) => str(k, `keys[${i}]`, 400)) };
      }
      case 'history-undo':
        return { type: m.type, token: str(m.token, 'token', 100) };
      case 'history-export': {
        need(FORMATS.includes(m.format as ExportFormat), 'unknown export format');
        let keys: string[] | null = null;
        if (m.keys !== null && m.keys !== undefined) {
          need(Array.isArray(m.keys) && m.keys.length <= MAX_KEYS, 'keys is not a list');
          keys = m.keys.map((k, i) => str(k, `keys[${i}]`, 400));
        }
        need(m.excel === undefined || typeof m.excel === 'boolean', 'excel is not true or false');
        return {
          type: m.type,
          filter: checkFilter(m.filter),
          keys,
          format: m.format as ExportFormat,
          excel: m.excel === true,
        };
      }
      case 'history-export-part':
        return { type: m.type, token: str(m.token, 'token', 100), offset: int(m.offset, 'offset', 1e10) };
      case 'history-import': {
        need(
          Array.isArray(m.reports) && m.reports.length <= MAX_IMPORT,
          `reports is not a list of at most ${MAX_IMPORT}`,
        );
        const reports = m.reports.map((r, i) => {
          const c = checkBounceSeen(r);
          need(c.ok, `reports[${i}]: ${c.ok ? '' : c.why}`);
          return c.value;
        });
        return { type: m.type, reports };
      }
      case 'history-breakdown':
        need(STAT_DIMS.includes(m.dim as never), 'unknown dimension');
        return { type: m.type, dim: m.dim as never, limit: int(m.limit ?? 100, 'limit', 10_000) };
      case 'history-counters':
        need(STAT_DIMS.includes(m.dim as never), 'unknown dimension');
        return { type: m.type, dim: m.dim as never, values: strings(m.values, 'values') ?? [] };
      case 'history-correct':
        need(
          Array.isArray(m.corrections) && m.corrections.length > 0 && m.corrections.length <= MAX_CORRECTIONS,
          `corrections is not a list of 1 to ${MAX_CORRECTIONS}`,
        );
        return { type: m.type, corrections: m.corrections.map(correctionInput) };
      case 'history-corrections':
      case 'history-corrections-export':
        return { type: m.type };
      case 'history-corrections-remove':
        need(Array.isArray(m.keys) && m.keys.length <= MAX_KEYS, 'keys is not a list');
        return { type: m.type, keys: m.keys.map((k, i) => str(k, `keys[${i}]`, 600)) };
      case 'history-corrections-undo':
        return { type: m.type, token: str(m.token, 'token', 100) };
      case 'history-corrections-lookup':
        return {
          type: m.type,
          messageId: gmailId(m.messageId, 'messageId'),
          bounce: m.bounce === null || m.bounce === undefined ? null : bounceWords(m.bounce, 'bounce'),
        };
      case 'history-corrections-import':
        return { type: m.type, text: str(m.text, 'text', MAX_CORRECTIONS_FILE) };
      default:
        throw new Refused('unknown request type');
    }
  });
}
