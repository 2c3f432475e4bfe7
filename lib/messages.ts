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
  /** One-to-one or bulk, from the returned original (mailbox imports read it; Gmail tabs do not). */
  emailType?: 'one-to-one' | 'bulk' | null;
}

/** Sent by the content script when it looked at a Gmail page: whether its selectors matched. */
export interface PageStatusMessage {
  type: 'page-status';
  recognised: boolean;
  /** Which required selector failed, when not recognised (never page content). */
  failedSelector: string | null;
  at: number;
}

/**
 * Sent by the content script now and then: how well it reads Gmail's page (counts since the last
 * such message, never content). The background adds them to the "Gmail connection" counters.
 */
export interface ConnectionStatsMessage {
  type: 'connection-stats';
  counts: ConnectionCounts;
  /** The raw-source read that failed last in this batch: the step and a short reason code. */
  lastFailure: RawFailure | null;
  /** Selector set name → the candidate that matched (selector text only). */
  selectors: Record<string, string>;
  at: number;
}

export interface ConnectionCounts {
  /** Gmail pages (navigations to a conversation) whose messages were found. */
  recognised: number;
  /** Conversation pages where no message could be found. */
  unrecognised: number;
  /** Cards shown (each message once per page life). */
  cards: number;
  /** Raw-source reads that gave the original message. */
  rawOk: number;
  /** Raw-source reads that gave nothing. */
  rawFailed: number;
}

export interface RawFailure {
  /** "show-original" or "download". */
  step: string;
  /** A short code: "HTTP 404", "network", "no source in the page", "not a message". */
  why: string;
  /** Whether Gmail's account key was found in the page. */
  key: boolean;
  at: number;
}

export type RuntimeMessage = BounceSeenMessage | PageStatusMessage | ConnectionStatsMessage;
