/**
 * Fetching a message's original source from Gmail (same origin, the user's own session), one
 * request at a time, each message at most once per page life.
 */
import { rawSourceUrl, showOriginalUrl } from './ids';

export type Fetcher = (url: string, init?: RequestInit) => Promise<Response>;

/** True when `bytes` starts like an RFC 5322 message (a header line), not like an HTML page. */
export function looksLikeMessage(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512)).trimStart();
  if (/^<(?:!doctype|html|head|body)/i.test(head)) return false;
  return /^[!-9;-~]+:[ \t]?\S?/.test(head) || /^From [^\n]*\n[!-9;-~]+:/.test(head);
}

/** Extract the source from a "Show original" page (pre#raw_message_text), or null. */
export function sourceFromShowOriginal(html: string): string | null {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const pre = doc.querySelector('pre#raw_message_text, #raw_message_text');
  const text = pre?.textContent ?? null;
  return text && text.trim() ? text : null;
}

/**
 * Fetch as the page does. In a Manifest V3 content script both Chrome and Firefox send the
 * request as the page's own: same origin, with Gmail's cookies and the page as referrer (checked in
 * Firefox ESR 153, which has no `content.fetch` in MV3 content scripts).
 */
const pageFetch: Fetcher = (url, init) =>
  fetch(new URL(url, globalThis.location?.href ?? 'https://mail.google.com/').href, init);

/**
 * A response body as bytes this script owns. In a Firefox content script the buffer behind a
 * fetched body belongs to the page: a view on it reads by index, but subarray() and slice() throw
 * "Permission denied to access property "constructor"". A copy is an ordinary array.
 */
export async function ownBytes(res: Response): Promise<Uint8Array> {
  const view = new Uint8Array(await res.arrayBuffer());
  const bytes = new Uint8Array(view.length);
  bytes.set(view);
  return bytes;
}

export interface RawFetcherOptions {
  /** Page path, e.g. location.pathname, to build the account's URLs from. */
  pathname: () => string;
  /** Gmail's account key `ik` (ik.ts); asked before each message until it gives one. */
  accountKey?: () => string | null;
  fetch?: Fetcher;
  signal?: AbortSignal;
}

/** The two ways to Gmail's original source, in the order they are tried. */
export type RawStep = 'show-original' | 'download';

export type RawOutcome =
  | { ok: true; bytes: Uint8Array; via: RawStep }
  | {
      ok: false;
      /** The last step tried, and why it gave nothing (a short code, never content). */
      step: RawStep;
      why: string;
      /** False when Gmail's account key was not found in the page (Show original then fails). */
      key: boolean;
    };

/**
 * Throttled, cached raw-source loader. "Show original" with the account key first (what Gmail's
 * own menu opens); the download form (?view=att) second: Gmail has been seen answering that one
 * with a redirect to another origin (googleusercontent), which a content script may not read.
 *
 *   const raw = new RawSourceLoader({ pathname: () => location.pathname, accountKey });
 *   const got = await raw.load('1803528081934081569'); // { ok, bytes } or { ok: false, step, why }
 */
export class RawSourceLoader {
  private cache = new Map<string, Promise<RawOutcome>>();
  private tail: Promise<unknown> = Promise.resolve();
  private key: string | null = null;
  /** Number of network requests made (for tests and benchmarks). */
  requests = 0;

  constructor(private opts: RawFetcherOptions) {}

  /** The raw source of a message (decimal id or perm id). Never rejects; each id once per page life. */
  load(messageId: string): Promise<RawOutcome> {
    let p = this.cache.get(messageId);
    if (!p) {
      const path = this.opts.pathname();
      p = this.tail
        .then(() => this.fetchBoth(path, messageId))
        .catch((): RawOutcome => ({ ok: false, step: 'download', why: 'error', key: this.key !== null }));
      this.tail = p;
      this.cache.set(messageId, p);
    }
    return p;
  }

  private accountKey(): string | null {
    if (this.key === null) {
      try {
        this.key = this.opts.accountKey?.() ?? null;
      } catch {
        this.key = null;
      }
    }
    return this.key;
  }

  private async fetchBoth(pathname: string, messageId: string): Promise<RawOutcome> {
    const key = this.accountKey();
    const aborted = (): RawOutcome => ({
      ok: false,
      step: 'show-original',
      why: 'stopped',
      key: key !== null,
    });
    if (this.opts.signal?.aborted) return aborted();
    const f = this.opts.fetch ?? pageFetch;
    const init: RequestInit = { credentials: 'same-origin', signal: this.opts.signal };
    // Each step answers bytes or a reason (a string). Tell them apart by `typeof`, never by
    // `instanceof Uint8Array`: in a Firefox content script, TextEncoder belongs to the page, so its
    // arrays are not instances of the script's own Uint8Array (every Show original read was
    // thrown away that way in Firefox).
    if (key) {
      const got = await this.showOriginal(f, init, showOriginalUrl(pathname, messageId, key));
      if (typeof got !== 'string') return { ok: true, bytes: got, via: 'show-original' };
    }
    if (this.opts.signal?.aborted) return aborted();
    const download = await this.download(f, init, rawSourceUrl(pathname, messageId));
    if (typeof download !== 'string') return { ok: true, bytes: download, via: 'download' };
    if (key) return { ok: false, step: 'download', why: download, key: true };
    // No key in the page: Show original without one is the last try (older Gmail answered it).
    if (this.opts.signal?.aborted) return aborted();
    const got = await this.showOriginal(f, init, showOriginalUrl(pathname, messageId, null));
    if (typeof got !== 'string') return { ok: true, bytes: got, via: 'show-original' };
    return { ok: false, step: 'show-original', why: got, key: false };
  }

  private async showOriginal(f: Fetcher, init: RequestInit, url: string): Promise<Uint8Array | string> {
    try {
      this.requests++;
      const res = await f(url, init);
      if (!res.ok) return `HTTP ${res.status}`;
      const text = sourceFromShowOriginal(await res.text());
      return text ? new TextEncoder().encode(text) : 'no source in the page';
    } catch {
      return 'network';
    }
  }

  private async download(f: Fetcher, init: RequestInit, url: string): Promise<Uint8Array | string> {
    try {
      this.requests++;
      const res = await f(url, init);
      if (!res.ok) return `HTTP ${res.status}`;
      const bytes = await ownBytes(res);
      return bytes.length > 0 && looksLikeMessage(bytes) ? bytes : 'not a message';
    } catch {
      // A redirect to another origin without CORS headers lands here too.
      return 'network';
    }
  }
}
