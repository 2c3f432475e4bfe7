/**
 * Shared helpers for the engine's robustness and contract tests: a structural check of
 * BounceResult that names every problem it finds, and access to the vendored corpus.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORY_IDS, REASON_IDS, type BounceResult } from '../../../lib/engine';
import { VENDORED_CORPUS } from '../../corpus/paths';

export const KINDS = ['failed', 'delayed', 'auto-reply', 'complaint', 'delivered', 'not-bounce'] as const;
const ACTIONS = ['remove-address', 'retry-later', 'fix-sending-setup', 'contact-recipient', 'none'];
const EVIDENCE_SOURCES = ['provider-rule', 'phrase', 'status-code', 'reply-code', 'decoder', 'default'];
const REASONS: readonly string[] = REASON_IDS;
const CATEGORIES: readonly string[] = CATEGORY_IDS;

/** The warning classifyMessage adds when its catch-all swallowed an internal exception. */
export const INTERNAL_ERROR_WARNING = 'the message could not be read';

/** The corpus shipped in the repository (tests/corpus/sisimai). */
export const CORPUS_DIR = VENDORED_CORPUS;

export function corpusFiles(sub: 'bsd' | 'dos' | 'mac' | 'not'): string[] {
  const dir = join(CORPUS_DIR, 'maildir', sub);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((f) => join(dir, f));
}

export function readBytes(file: string): Uint8Array {
  return new Uint8Array(readFileSync(file));
}

/** Bytes as a byte string (one char per byte), the engine's own representation. */
export function bytesToBinary(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return out;
}

function isStringOrNull(v: unknown): boolean {
  return v === null || typeof v === 'string';
}

/**
 * Everything wrong with a value that should be a BounceResult; empty when it is sound.
 * Checks the shape and vocabularies of lib/engine/types.ts, that the value is plain data
 * (it is stored in history and exported as JSON), and that the engine did not fall back to
 * its catch-all (an internal exception it swallowed is still a bug).
 */
export function resultProblems(r: unknown): string[] {
  const p: string[] = [];
  if (typeof r !== 'object' || r === null) return [`result is ${r === null ? 'null' : typeof r}`];
  const res = r as BounceResult;
  if (!(KINDS as readonly string[]).includes(res.kind))
    p.push(`kind ${JSON.stringify(res.kind)} is not a MessageKind`);
  if (!Array.isArray(res.records)) {
    p.push('records is not an array');
  } else {
    if (res.kind === 'not-bounce' && res.records.length > 0)
      p.push(`not-bounce with ${res.records.length} records`);
    res.records.forEach((rec, i) => {
      const at = `records[${i}]`;
      if (typeof rec !== 'object' || rec === null) {
        p.push(`${at} is not an object`);
        return;
      }
      for (const k of [
        'recipient',
        'replyCode',
        'status',
        'diagnostic',
        'provider',
        'remoteHost',
        'reportingMta',
        'dsnAction',
      ] as const) {
        if (!isStringOrNull(rec[k])) p.push(`${at}.${k} is ${typeof rec[k]}`);
      }
      if (typeof rec.recipient === 'string' && rec.recipient !== rec.recipient.toLowerCase()) {
        p.push(`${at}.recipient is not lower-cased`);
      }
      if (typeof rec.status === 'string' && !/^[245]\.\d{1,3}\.\d{1,3}$/.test(rec.status)) {
        p.push(`${at}.status ${JSON.stringify(rec.status)} is not an enhanced status code`);
      }
      if (typeof rec.replyCode === 'string' && !/^[2-5]\d\d$/.test(rec.replyCode)) {
        p.push(`${at}.replyCode ${JSON.stringify(rec.replyCode)} is not an SMTP reply code`);
      }
      if (!REASONS.includes(rec.reason))
        p.push(`${at}.reason ${JSON.stringify(rec.reason)} is not a ReasonId`);
      if (!CATEGORIES.includes(rec.category))
        p.push(`${at}.category ${JSON.stringify(rec.category)} is not a CategoryId`);
      if (typeof rec.hard !== 'boolean') p.push(`${at}.hard is ${typeof rec.hard}`);
      if (!ACTIONS.includes(rec.action))
        p.push(`${at}.action ${JSON.stringify(rec.action)} is not an ActionId`);
      if (!Array.isArray(rec.evidence)) {
        p.push(`${at}.evidence is not an array`);
      } else {
        rec.evidence.forEach((e, j) => {
          if (!EVIDENCE_SOURCES.includes(e?.source))
            p.push(`${at}.evidence[${j}].source is ${JSON.stringify(e?.source)}`);
          if (typeof e?.detail !== 'string') p.push(`${at}.evidence[${j}].detail is not a string`);
        });
      }
    });
  }
  const original = res.original as unknown as Record<string, unknown> | null;
  if (typeof original !== 'object' || original === null) {
    p.push('original is not an object');
  } else {
    for (const k of ['from', 'fromDomain', 'to', 'subject', 'messageId', 'date', 'sendingIp']) {
      if (!isStringOrNull(original[k])) p.push(`original.${k} is ${typeof original[k]}`);
    }
  }
  const report = res.report as unknown as Record<string, unknown> | null;
  if (typeof report !== 'object' || report === null) {
    p.push('report is not an object');
  } else {
    for (const k of ['from', 'subject', 'date', 'messageId']) {
      if (!isStringOrNull(report[k])) p.push(`report.${k} is ${typeof report[k]}`);
    }
  }
  if (!isStringOrNull(res.decoder)) p.push(`decoder is ${typeof res.decoder}`);
  if (!Array.isArray(res.warnings) || res.warnings.some((w) => typeof w !== 'string')) {
    p.push('warnings is not an array of strings');
  } else if (res.warnings.includes(INTERNAL_ERROR_WARNING)) {
    p.push('the engine swallowed an internal exception (catch-all warning present)');
  }
  if (p.length === 0) {
    let copy: unknown;
    try {
      copy = JSON.parse(JSON.stringify(r));
    } catch (e) {
      p.push(`result does not survive JSON: ${(e as Error).message}`);
    }
    if (copy !== undefined && !plainEqual(copy, r)) p.push('result is not plain data (changes through JSON)');
  }
  return p;
}

/** Deep equality for JSON-like data (no prototypes, no undefined, no NaN tricks). */
function plainEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Object.getPrototypeOf(b) !== Object.prototype && !Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => plainEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Records that report a delivery failure (not vacation, delivered or feedback notes). */
export function failedRecords(r: BounceResult) {
  return r.records.filter((rec) => !['vacation', 'delivered', 'feedback'].includes(rec.reason));
}

/** Short description of a result for assertion messages: never the message text itself. */
export function summarize(r: BounceResult): string {
  return `${r.kind} via ${r.decoder ?? '-'}: ${r.records.map((x) => `${x.recipient ?? '?'} ${x.status ?? '-'} ${x.reason}`).join('; ')}`;
}
