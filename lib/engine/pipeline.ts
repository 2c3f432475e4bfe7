import type { BounceResult } from './types';

// Placeholder while the pipeline is being written (issue 2); replaced in the next commits.
export function emptyResult(): BounceResult {
  return {
    kind: 'not-bounce',
    records: [],
    original: { from: null, fromDomain: null, to: null, subject: null, messageId: null, date: null, sendingIp: null },
    report: { from: null, subject: null, date: null, messageId: null },
    decoder: null,
    warnings: [],
  };
}

/** Classify one raw message. Never throws. */
export function classifyMessage(_raw: string | Uint8Array): BounceResult {
  return emptyResult();
}

/** Split an mbox (or a single message) into messages. */
export function splitMailbox(raw: string): string[] {
  return [raw];
}

/** Classify every message of a file (one message, or mbox). Never throws. */
export function classifyMailbox(raw: string | Uint8Array): BounceResult[] {
  const text = typeof raw === 'string' ? raw : new TextDecoder('latin1').decode(raw);
  return splitMailbox(text).map((m) => classifyMessage(m));
}
