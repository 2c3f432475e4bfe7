/**
 * The Gmail side of the card: watches the open conversation, gates and classifies each expanded
 * message once, enriches it from the raw source, and asks a renderer to show, update or remove
 * cards. Knows nothing about React; the content script passes the renderer in.
 *
 * Cost model: one MutationObserver on the conversation pane (re-attached when the location
 * changes), one scan per mutation batch that added elements, each message id gated once.
 */
import type { BounceResult, VisibleMessage } from '../engine/types';
import type { BounceSeenMessage, PageStatusMessage, RuntimeMessage } from '../messages';
import { WEAK_GATE_REASONS, gate, type GateReason } from './gate';
import { accountOf, isConversationHash } from './ids';
import { RawSourceLoader, type Fetcher } from './raw';
import {
  readGateInput,
  readVisibleMessage,
  scanConversation,
  type ConversationScan,
  type FoundMessage,
} from './scan';
import { CARD_TAG, SELECTORS, queryFirst } from './selectors';
import { themeBehind } from './theme';

export interface CardView {
  messageId: string;
  threadId: string | null;
  result: BounceResult;
  /** Where `result` came from; "raw" once the original source was read. */
  source: 'visible' | 'raw';
  /** True once the raw source was read (even when it did not change the verdict). */
  enriched: boolean;
  theme: 'light' | 'dark';
}

export interface CardHandle {
  readonly host: Element;
  update(view: CardView): void;
  remove(): void;
}

export interface CardRenderer {
  /** Insert a card at the top of the message body (before `body`). */
  mount(body: Element, view: CardView, events: { onDismiss(): void }): Promise<CardHandle>;
}

/** The parts of WXT's ContentScriptContext the controller uses. */
export interface ContextLike {
  signal: AbortSignal;
  isInvalid: boolean;
  setTimeout(handler: () => void, ms: number): number;
  addEventListener(target: EventTarget, type: string, handler: (ev: Event) => void): void;
}

export interface Engine {
  classifyVisible(msg: VisibleMessage): BounceResult;
  classifyMessage(raw: string | Uint8Array): BounceResult;
}

export interface ControllerOptions {
  ctx: ContextLike;
  doc: Document;
  engine: Engine;
  renderer: CardRenderer;
  send: (msg: RuntimeMessage) => void;
  fetch?: Fetcher;
  /** How long a conversation URL may show no recognisable message before page-status says so. */
  unrecognisedAfterMs?: number;
}

interface Entry {
  gate: GateReason;
  result: BounceResult | null;
  source: 'visible' | 'raw';
  enriched: boolean;
  version: number;
  threadId: string | null;
}

interface Mounted {
  body: Element;
  handle: CardHandle | null;
  version: number;
  /** The theme the card was last drawn in. */
  theme: 'light' | 'dark';
}

/** Kinds that get a card (the harmless ones as a neutral note). */
export function showsCard(r: BounceResult | null): r is BounceResult {
  return !!r && r.kind !== 'not-bounce';
}

/** Kinds reported to the history store. */
function isReportable(r: BounceResult): boolean {
  return r.kind === 'failed' || r.kind === 'delayed' || r.kind === 'complaint';
}

export class GmailController {
  private entries = new Map<string, Entry>();
  private mounted = new Map<string, Mounted>();
  private dismissed = new Set<string>();
  private observer: MutationObserver | null = null;
  private themeObserver: MutationObserver | null = null;
  private rethemeQueued = false;
  private observed: Element | null = null;
  private lastHref = '';
  private statusSent: boolean | null = null;
  private statusTimer: number | null = null;
  private scanQueued = false;
  readonly raw: RawSourceLoader;

  constructor(private opts: ControllerOptions) {
    const view = opts.doc.defaultView;
    this.raw = new RawSourceLoader({
      pathname: () => view?.location.pathname ?? '/mail/u/0/',
      fetch: opts.fetch,
      signal: opts.ctx.signal,
    });
  }

  /** Start watching. Call once. */
  start(): void {
    const { ctx, doc } = this.opts;
    const win = doc.defaultView;
    if (!win) return;
    const onLocation = () => this.onLocationChange();
    // Gmail navigates by hash: hashchange and popstate are events, no polling. WXT's
    // wxt:locationchange also catches pushState, but falls back to polling every second where the
    // Navigation API is missing (older Firefox), so it is only used where that API exists.
    if (typeof (win as unknown as { navigation?: unknown }).navigation === 'object') {
      ctx.addEventListener(win, 'wxt:locationchange', onLocation);
    }
    ctx.addEventListener(win, 'hashchange', onLocation);
    ctx.addEventListener(win, 'popstate', onLocation);
    ctx.signal.addEventListener('abort', () => this.stop(), { once: true });
    this.watchTheme();
    this.onLocationChange();
  }

  /**
   * Gmail switches theme without touching the conversation: it swaps style sheets in the head and
   * classes or styles on the root elements, or follows the system's colour scheme. Each of these
   * re-checks the background behind the cards (a sheet that loads later is caught by the second,
   * delayed check).
   */
  private watchTheme(): void {
    const { ctx, doc } = this.opts;
    const win = doc.defaultView;
    const MO = win?.MutationObserver ?? MutationObserver;
    const onChange = () => this.queueRetheme();
    this.themeObserver = new MO(onChange);
    if (doc.head) this.themeObserver.observe(doc.head, { childList: true });
    const rootAttrs = { attributes: true, attributeFilter: ['class', 'style'] };
    this.themeObserver.observe(doc.documentElement, rootAttrs);
    if (doc.body) this.themeObserver.observe(doc.body, rootAttrs);
    const scheme = win?.matchMedia?.('(prefers-color-scheme: dark)');
    if (scheme && typeof scheme.addEventListener === 'function')
      ctx.addEventListener(scheme, 'change', onChange);
  }

  private queueRetheme(): void {
    if (this.rethemeQueued || this.mounted.size === 0) return;
    this.rethemeQueued = true;
    this.opts.ctx.setTimeout(() => {
      this.rethemeQueued = false;
      this.retheme();
      this.opts.ctx.setTimeout(() => this.retheme(), 400);
    }, 0);
  }

  /** Redraw the cards whose background turned from light to dark or back. Public for tests. */
  retheme(): void {
    if (this.opts.ctx.isInvalid) return;
    for (const [id, m] of this.mounted) {
      const entry = this.entries.get(id);
      if (!m.handle || !entry?.result || !m.body.isConnected) continue;
      if (themeBehind(m.body) === m.theme) continue;
      m.handle.update(this.view(id, entry, m.body));
    }
  }

  /** Disconnect and remove every card (also runs when the extension context goes away). */
  stop(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.themeObserver?.disconnect();
    this.themeObserver = null;
    for (const m of this.mounted.values()) m.handle?.remove();
    this.mounted.clear();
  }

  private onLocationChange(): void {
    const href = this.opts.doc.defaultView?.location.href ?? '';
    if (href === this.lastHref) return;
    this.lastHref = href;
    this.statusSent = null;
    if (this.statusTimer !== null) clearTimeout(this.statusTimer);
    this.statusTimer = null;
    const hash = this.opts.doc.defaultView?.location.hash ?? '';
    if (isConversationHash(hash)) {
      this.statusTimer = this.opts.ctx.setTimeout(
        () => this.reportUnrecognised(),
        this.opts.unrecognisedAfterMs ?? 3000,
      );
    }
    this.attach();
    this.scan();
  }

  /** Observe the conversation pane, or the document until the pane exists. */
  private attach(): void {
    const { doc } = this.opts;
    const pane = queryFirst(doc, SELECTORS.conversationPane);
    const target = pane ?? doc.body ?? doc.documentElement;
    if (this.observer && this.observed === target) return;
    this.observer?.disconnect();
    const MO = doc.defaultView?.MutationObserver ?? MutationObserver;
    this.observer = new MO((records) => this.onMutations(records));
    this.observer.observe(target, { childList: true, subtree: true });
    // The same observer also watches the pane's parent, shallowly: if Gmail swaps the pane
    // element without a URL change, the next scan re-targets.
    if (pane?.parentElement) this.observer.observe(pane.parentElement, { childList: true });
    this.observed = target;
  }

  private onMutations(records: MutationRecord[]): void {
    if (this.opts.ctx.isInvalid) return this.stop();
    let relevant = false;
    for (const r of records) {
      for (const n of Array.from(r.addedNodes)) {
        if (n.nodeType === 1 && (n as Element).localName !== CARD_TAG) {
          relevant = true;
          break;
        }
      }
      if (relevant) break;
    }
    if (!relevant) return;
    // scan() re-targets the observer when the pane appeared or changed.
    this.queueScan();
  }

  private queueScan(): void {
    if (this.scanQueued) return;
    this.scanQueued = true;
    queueMicrotask(() => {
      this.scanQueued = false;
      this.scan();
    });
  }

  /** One pass over the open conversation. Public for tests. */
  scan(): void {
    if (this.opts.ctx.isInvalid) return;
    const { doc } = this.opts;
    this.sweep();
    const found = scanConversation(doc);
    if (found.pane && this.observed !== found.pane) this.attach();
    if (found.messages.length > 0 && this.statusSent !== true) this.reportRecognised();
    const measuring = doc.documentElement.hasAttribute('data-bt-measure');
    for (const msg of found.messages) {
      if (!msg.body) continue;
      try {
        let entry = this.entries.get(msg.id);
        if (!entry) {
          const t0 = measuring ? performance.now() : 0;
          entry = this.classify(msg, found);
          if (measuring) msg.el.setAttribute('data-bt-ms', String(performance.now() - t0));
        }
        this.render(msg, entry);
      } catch {
        // One odd message must not stop the others; it simply gets no card.
      }
    }
  }

  private classify(msg: FoundMessage, scan: ConversationScan): Entry {
    const gateInput = readGateInput(msg, scan.subject);
    const reason = gate(gateInput);
    const entry: Entry = {
      gate: reason,
      result: null,
      source: 'visible',
      enriched: false,
      version: 0,
      threadId: scan.threadId,
    };
    this.entries.set(msg.id, entry);
    if (!reason) return entry;
    let visible: BounceResult | null = null;
    try {
      visible = this.opts.engine.classifyVisible(readVisibleMessage(msg, gateInput));
    } catch {
      visible = null;
    }
    if (showsCard(visible)) {
      entry.result = visible;
      entry.version++;
      this.report(msg.id, entry, 'visible');
    }
    // A subject or a holiday phrase alone is weak evidence: fetch the source only when the visible
    // text already reads as a report.
    if (!WEAK_GATE_REASONS.has(reason) || showsCard(visible)) void this.enrich(msg.id, entry);
    return entry;
  }

  /** Test and benchmark hook: mark the raw step's progress on the message element. */
  private markRaw(id: string, state: 'pending' | 'done' | 'failed'): void {
    if (!this.opts.doc.documentElement.hasAttribute('data-bt-measure')) return;
    for (const el of this.opts.doc.querySelectorAll(`[data-message-id="#msg-f:${id}"]`))
      el.setAttribute('data-bt-raw', state);
  }

  private async enrich(id: string, entry: Entry): Promise<void> {
    this.markRaw(id, 'pending');
    const bytes = await this.raw.load(id);
    this.markRaw(id, bytes ? 'done' : 'failed');
    if (!bytes || this.opts.ctx.isInvalid) return;
    let result: BounceResult | null = null;
    try {
      result = this.opts.engine.classifyMessage(bytes);
    } catch {
      result = null;
    }
    entry.enriched = true;
    if (showsCard(result)) {
      entry.result = result;
      entry.source = 'raw';
      this.report(id, entry, 'raw');
    }
    entry.version++;
    this.queueScan();
  }

  private render(msg: FoundMessage, entry: Entry): void {
    const body = msg.body;
    if (!body || !showsCard(entry.result) || this.dismissed.has(msg.id)) return;
    const existing = this.mounted.get(msg.id);
    if (existing && existing.body === body) {
      if (existing.handle && existing.version !== entry.version) {
        existing.version = entry.version;
        existing.handle.update(this.view(msg.id, entry, body));
      }
      return;
    }
    existing?.handle?.remove();
    const slot: Mounted = { body, handle: null, version: entry.version, theme: 'light' };
    this.mounted.set(msg.id, slot);
    this.opts.renderer
      .mount(body, this.view(msg.id, entry, body), { onDismiss: () => this.dismiss(msg.id) })
      .then((handle) => {
        if (this.mounted.get(msg.id) !== slot || !body.isConnected || this.opts.ctx.isInvalid) {
          handle.remove();
          return;
        }
        slot.handle = handle;
        if (slot.version !== entry.version) {
          slot.version = entry.version;
          handle.update(this.view(msg.id, entry, body));
        }
      })
      .catch(() => {
        if (this.mounted.get(msg.id) === slot) this.mounted.delete(msg.id);
      });
  }

  private view(id: string, entry: Entry, body: Element): CardView {
    const theme = themeBehind(body);
    const slot = this.mounted.get(id);
    if (slot) slot.theme = theme;
    return {
      messageId: id,
      threadId: entry.threadId,
      result: entry.result!,
      source: entry.source,
      enriched: entry.enriched,
      theme,
    };
  }

  private dismiss(id: string): void {
    this.dismissed.add(id);
    this.mounted.get(id)?.handle?.remove();
    this.mounted.delete(id);
  }

  /** Unmount cards whose message left the page (navigation, collapse, Gmail re-render). */
  private sweep(): void {
    for (const [id, m] of this.mounted) {
      if (!m.body.isConnected || (m.handle && !m.handle.host.isConnected)) {
        m.handle?.remove();
        this.mounted.delete(id);
      }
    }
  }

  private report(id: string, entry: Entry, source: 'visible' | 'raw'): void {
    if (!entry.result || !isReportable(entry.result)) return;
    const msg: BounceSeenMessage = {
      type: 'bounce-seen',
      account: accountOf(this.opts.doc.defaultView?.location.pathname ?? ''),
      messageId: id,
      threadId: entry.threadId,
      source,
      result: entry.result,
      seenAt: Date.now(),
    };
    this.safeSend(msg);
  }

  private safeSend(msg: RuntimeMessage): void {
    try {
      this.opts.send(msg);
    } catch {
      // history and page status are best effort
    }
  }

  private reportRecognised(): void {
    this.statusSent = true;
    const msg: PageStatusMessage = {
      type: 'page-status',
      recognised: true,
      failedSelector: null,
      at: Date.now(),
    };
    this.safeSend(msg);
  }

  private reportUnrecognised(): void {
    this.statusTimer = null;
    if (this.statusSent !== null) return;
    const scan = scanConversation(this.opts.doc);
    if (scan.messages.length > 0) return this.reportRecognised();
    this.statusSent = false;
    const msg: PageStatusMessage = {
      type: 'page-status',
      recognised: false,
      failedSelector: scan.failedSelector ?? SELECTORS.message.name,
      at: Date.now(),
    };
    this.safeSend(msg);
  }

  /** Number of message ids classified so far (for tests). */
  get classifiedCount(): number {
    return this.entries.size;
  }
}
