/**
 * Every Gmail DOM detail the extension relies on, in one place.
 *
 * Each hook is a list of candidates, NEWEST FIRST, each dated by when it was observed in Gmail's
 * page. Steady hooks (data attributes, `email` attributes, ARIA roles) come before generated class
 * names, which Gmail renames every few years and rolls out account by account. When Gmail changes,
 * add the new candidate at the top with today's date; keep the old ones until no account serves them.
 */

export interface Candidate {
  css: string;
  /** When this markup was observed (year or year-month). */
  seen: string;
  note?: string;
}

export interface SelectorSet {
  /** Stable name, reported in page-status when nothing matched (never page content). */
  name: string;
  candidates: readonly Candidate[];
}

const set = (name: string, ...candidates: Candidate[]): SelectorSet => ({ name, candidates });

export const SELECTORS = {
  /** The area that holds the open conversation (and, in split view, the list beside it). */
  conversationPane: set(
    'conversationPane',
    { css: 'div[role="main"]', seen: '2014', note: 'ARIA landmark, unchanged for a decade' },
    { css: 'div.nH.bkK', seen: '2016' },
  ),
  /** One message of the conversation, expanded or not; carries the Gmail message id. */
  message: set(
    'message',
    { css: 'div.adn[data-message-id]', seen: '2023-11', note: 'data-message-id="#msg-f:<decimal>"' },
    { css: '[data-message-id^="#msg-f:"]', seen: '2019' },
    { css: 'div.adn[data-legacy-message-id]', seen: '2016', note: 'hex id only' },
  ),
  /** The sender of a message (attribute `email`, attribute `name`). */
  sender: set(
    'sender',
    { css: 'span.gD[email]', seen: '2016' },
    { css: 'h3.iw span[email]', seen: '2016' },
    { css: 'span[email][data-hovercard-id]', seen: '2019' },
  ),
  /**
   * The rendered body of an expanded message. Collapsed messages have none, or keep their old one
   * hidden. An expanded message may also hold a hidden, empty copy (div.ii.gt style="display:none"
   * around an empty div.a3s, sometimes with the class "undefined", seen 2025-26), before or after
   * the real one: scan.ts picks the visible, non-empty match, never simply the first.
   */
  body: set(
    'body',
    { css: 'div.a3s', seen: '2012', note: 'sanitized mail HTML or text lives here' },
    { css: 'div.ii.gt > div', seen: '2012' },
  ),
  /** A message row collapsed in the conversation (its old body may stay in the page, hidden). */
  collapsedRow: set('collapsedRow', { css: '.kv', seen: '2012', note: 'gmail.js, FlowCrypt' }),
  /**
   * Gmail's own links that carry the account key `ik` (the key "Show original" needs). The first
   * source of the key is the inline GLOBALS script (see ik.ts); these are the fallback.
   */
  keyLink: set('keyLink', { css: 'a[href*="ik="]', seen: '2016' }),
  /** The thread subject (the ORIGINAL subject when a bounce is threaded into a conversation). */
  subject: set(
    'subject',
    { css: 'h2.hP', seen: '2012' },
    { css: 'h2[data-thread-perm-id]', seen: '2019' },
    { css: 'h2[data-legacy-thread-id]', seen: '2016' },
  ),
  /** Attachment chips; `download_url` starts with the part's MIME type. */
  attachment: set(
    'attachment',
    { css: 'span.aZo[download_url]', seen: '2016', note: 'gmail.js api.dom.email attachments' },
    { css: '[download_url]', seen: '2016' },
  ),
} as const;

export type SelectorName = keyof typeof SELECTORS;

/**
 * Which candidate of each set matched last in this page (set name → candidate css), for the
 * diagnostics a user can copy into a bug report. Selector text only, never page content.
 */
const matched = new Map<string, string>();

/** The candidates that matched so far, by set name. */
export function matchedCandidates(): Record<string, string> {
  return Object.fromEntries(matched);
}

function note(s: SelectorSet, c: Candidate): void {
  if (matched.get(s.name) !== c.css) matched.set(s.name, c.css);
}

/** The first element matching the newest candidate that matches anything. */
export function queryFirst(root: ParentNode, s: SelectorSet): Element | null {
  for (const c of s.candidates) {
    const el = root.querySelector(c.css);
    if (el) {
      note(s, c);
      return el;
    }
  }
  return null;
}

/** All elements for the newest candidate that matches anything (candidates are not mixed). */
export function queryAll(root: ParentNode, s: SelectorSet): Element[] {
  for (const c of s.candidates) {
    const list = root.querySelectorAll(c.css);
    if (list.length > 0) {
      note(s, c);
      return Array.from(list);
    }
  }
  return [];
}

/** Custom element name of the card host, and the attributes it carries for tests and timing. */
export const CARD_TAG = 'bounce-triage-card';
