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
  fetch?: Fetcher;
  signal?: AbortSignal;
}

/**
 * Throttled, cached raw-source loader.
 *
 *   const raw = new RawSourceLoader({ pathname: () => location.pathname });
 *   const bytes = await raw.load('1803528081934081569'); // null when Gmail would not give it
 */
export class RawSourceLoader {
  private cache = new Map<string, Promise<Uint8Array | null>>();
  private tail: Promise<unknown> = Promise.resolve();
  /** Number of network requests made (for tests and benchmarks). */
  requests = 0;

  constructor(private opts: RawFetcherOptions) {}

  /** The raw bytes of a message, or null when both URLs failed. Never rejects. */
  load(messageId: string): Promise<Uint8Array | null> {
    let p = this.cache.get(messageId);
    if (!p) {
      const path = this.opts.pathname();
      p = this.tail.then(() => this.fetchBoth(path, messageId)).catch(() => null);
      this.tail = p;
      this.cache.set(messageId, p);
    }
    return p;
  }

  private async fetchBoth(pathname: string, messageId: string): Promise<Uint8Array | null> {
    if (this.opts.signal?.aborted) return null;
    const f = this.opts.fetch ?? pageFetch;
    const init: RequestInit = { credentials: 'same-origin', signal: this.opts.signal };
    try {
      this.requests++;
      const res = await f(rawSourceUrl(pathname, messageId), init);
      if (res.ok) {
        const bytes = await ownBytes(res);
        if (bytes.length > 0 && looksLikeMessage(bytes)) return bytes;
      }
    } catch {
      // fall through to the "Show original" page
    }
    if (this.opts.signal?.aborted) return null;
    try {
      this.requests++;
      const res = await f(showOriginalUrl(pathname, messageId), init);
      if (!res.ok) return null;
      const text = sourceFromShowOriginal(await res.text());
      return text ? new TextEncoder().encode(text) : null;
    } catch {
      return null;
    }
  }
}
