/**
 * Messages between the content script, the popup and the background.
 * The background owns the history database; everyone else talks to it through these.
 */
import type { BounceResult } from './engine/types';

/** Sent by the Gmail content script for every classified bounce (and again when the raw source enriches it). */
export interface BounceSeenMessage {
  type: 'bounce-seen';
  /** Gmail account path segment, e.g. "u/0" or "b/123/u/0". */
  account: string;
  /** Gmail message id, decimal, as in data-message-id="#msg-f:<decimal>" (without the prefix). */
  messageId: string;
  /** Gmail thread id when known (decimal, from #thread-f:<decimal>). */
  threadId: string | null;
  /** "visible" for the first view from the page text, "raw" after the original source was read. */
  source: 'visible' | 'raw';
  result: BounceResult;
  /** Epoch milliseconds. */
  seenAt: number;
}

/** Sent by the content script when it looked at a Gmail page: whether its selectors matched. */
export interface PageStatusMessage {
  type: 'page-status';
  recognised: boolean;
  /** Which required selector failed, when not recognised (never page content). */
  failedSelector: string | null;
  at: number;
}

export type RuntimeMessage = BounceSeenMessage | PageStatusMessage;
