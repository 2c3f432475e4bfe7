/**
 * The Gmail side of the card: watches the open conversation, gates and classifies each expanded
 * message once, enriches it from the raw source, and asks a renderer to show, update or remove
 * cards. Knows nothing about React; the content script passes the renderer in.
 *
 * Cost model: one MutationObserver on the container of Gmail's views (the parent of the element
 * carrying role="main"; Gmail shows and hides sibling views by style and moves role="main" between
 * them, so the observer also watches the style, role and hidden attributes, and class changes of
 * message rows), one scan per mutation batch, each message id gated once. After each navigation a
 * few spaced re-scans run until the conversation appears (Gmail renders it asynchronously); a page
 * found unrecognised is looked at again later.
 */
import type { BounceResult, VisibleMessage } from '../engine/types';
import type {
  BounceSeenMessage,
  ConnectionCounts,
  ConnectionStatsMessage,
  PageStatusMessage,
  RawFailure,
  RuntimeMessage,
} from '../messages';
import { WEAK_GATE_REASONS, gate, type GateReason } from './gate';
import { accountOf, isConversationHash } from './ids';
import { readAccountKey } from './ik';
import { RawSourceLoader, type Fetcher } from './raw';
import {
  isCollapsed,
  isShown,
  readGateInput,
  readVisibleMessage,
  scanConversation,
  type ConversationScan,
  type FoundMessage,
} from './scan';
import { CARD_TAG, SELECTORS, matchedCandidates, queryFirst } from './selectors';
import { themeBehind } from './theme';

export interface CardView {
  messageId: string;
  threadId: string | null;
  result: BounceResult;
  /** Where `result` came from; "raw" once the original source was read. */
  source: 'visible' | 'raw';
  /** True once the raw source was read (even when it did not change the verdict). */
  enriched: boolean;
  /** True when Gmail did not give the raw source: the card shows the first view only. */
  rawFailed: boolean;
  theme: 'light' | 'dark';
}

/** Test and benchmark timing hooks (only the measuring build passes them; see measure.ts). */
export interface MeasureHooks {
  /** Script time spent gating and classifying a message the first time it was seen. */
  decided(messageEl: Element, ms: number): void;
  /** Progress of the raw-source step of a message (by perm id, "msg-f:<decimal>"). */
  raw(permId: string, state: 'pending' | 'done' | 'failed'): void;
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
  /** Receives the "Gmail connection" counters now and then (see ConnectionStatsMessage). */
  sendStats?: (msg: ConnectionStatsMessage) => void;
  fetch?: Fetcher;
  /** Only in the measuring build. */
  measure?: MeasureHooks;
  /** How long a conversation URL may show no recognisable message before page-status says so. */
  unrecognisedAfterMs?: number;
  /** Delays of the re-scans after a navigation, until the conversation appears (ms). */
  rescanDelaysMs?: readonly number[];
  /** Delays of the later looks at a page found unrecognised (ms). */
  lookAgainDelaysMs?: readonly number[];
}

const RESCAN_DELAYS_MS = [60, 150, 300, 600, 1200, 2500, 5000];
const LOOK_AGAIN_DELAYS_MS = [5000, 15000, 45000];
/** Attributes by which Gmail shows, hides and moves views and collapses messages. */
const WATCHED_ATTRIBUTES = ['style', 'role', 'hidden', 'class'];
const STATS_FLUSH_MS = 1000;

interface Entry {
  gate: GateReason;
  result: BounceResult | null;
  source: 'visible' | 'raw';
  enriched: boolean;
  rawFailed: boolean;
  version: number;
  threadId: string | null;
  /** Classified while the body showed no text (read again once it does, if nothing was found). */
  fromEmptyBody?: boolean;
}

interface Mounted {
  body: Element;
  /** The message element the body belongs to (to notice it being collapsed). */
  message: Element;
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
  private carded = new Set<string>();
  /** Raw reads already counted in the connection stats (a message may be classified twice). */
  private rawCounted = new Set<string>();

  private observer: MutationObserver | null = null;
  private themeObserver: MutationObserver | null = null;
  private rethemeQueued = false;
  private observed: Element | null = null;
  private observedPane: Element | null = null;
  private lastHref = '';
  /** Bumped on every navigation: timers of an older navigation see it changed and stop. */
  private navigation = 0;
  private found = false;
  private statusSent: boolean | null = null;
  private statusTimer: number | null = null;
  private scanQueued = false;
  private counts: ConnectionCounts = emptyCounts();
  private lastFailure: RawFailure | null = null;
  private statsTimer: number | null = null;
  readonly raw: RawSourceLoader;

  constructor(private opts: ControllerOptions) {
    const view = opts.doc.defaultView;
    this.raw = new RawSourceLoader({
      pathname: () => view?.location.pathname ?? '/mail/u/0/',
      accountKey: () => readAccountKey(opts.doc)?.key ?? null,
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
    // Counters still waiting for their batch go out when the tab is hidden or closed.
    ctx.addEventListener(win, 'pagehide', () => this.flushStats());
    ctx.addEventListener(doc, 'visibilitychange', () => {
      if (doc.visibilityState === 'hidden') this.flushStats();
    });
    ctx.signal.addEventListener('abort', () => this.stop(), { once: true });
    this.watchTheme();
    this.onLocationChange();
  }

  /**
   * Gmail switches theme without touching the conversation: it rewrites the text of its <style>
   * elements (2025-26), swaps style sheets in the head, sets classes or styles on the root
   * elements, or follows the system's colour scheme. Each of these re-checks the background
   * behind the cards (a sheet that loads later is caught by the second, delayed check).
   */
  private watchTheme(): void {
    const { ctx, doc } = this.opts;
    const win = doc.defaultView;
    const MO = win?.MutationObserver ?? MutationObserver;
    const onChange = () => this.queueRetheme();
    this.themeObserver = new MO(onChange);
    if (doc.head)
      this.themeObserver.observe(doc.head, { childList: true, subtree: true, characterData: true });
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
    this.navigation++;
    this.found = false;
    this.statusSent = null;
    if (this.statusTimer !== null) clearTimeout(this.statusTimer);
    this.statusTimer = null;
    const hash = this.opts.doc.defaultView?.location.hash ?? '';
    if (isConversationHash(hash)) {
      this.statusTimer = this.opts.ctx.setTimeout(
        () => this.reportUnrecognised(),
        this.opts.unrecognisedAfterMs ?? 3000,
      );
      // Gmail renders the conversation some time after the hash changed, maybe in a view that
      // already exists (shown by style): look again a few times until it is there.
      this.scanLater(this.opts.rescanDelaysMs ?? RESCAN_DELAYS_MS, () => this.found);
    }
    this.attach();
    this.scan();
  }

  /** Scan after each of `delays` (spaced, from now) for this navigation, until `done()`. */
  private scanLater(delays: readonly number[], done: () => boolean): void {
    const nav = this.navigation;
    let i = 0;
    const next = () => {
      const delay = delays[i++];
      if (delay === undefined) return;
      this.opts.ctx.setTimeout(() => {
        if (this.navigation !== nav || this.opts.ctx.isInvalid || done()) return;
        this.attach();
        this.scan();
        if (!done()) next();
      }, delay);
    };
    next();
  }

  /**
   * Observe the container of Gmail's views (the pane's parent: role="main" moves between its
   * children), or the document until the pane exists.
   */
  private attach(): void {
    const { doc } = this.opts;
    const pane = queryFirst(doc, SELECTORS.conversationPane);
    const target = pane?.parentElement ?? pane ?? doc.body ?? doc.documentElement;
    this.observedPane = pane;
    if (this.observer && this.observed === target) return;
    this.observer?.disconnect();
    const MO = doc.defaultView?.MutationObserver ?? MutationObserver;
    this.observer = new MO((records) => this.onMutations(records));
    this.observer.observe(target, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: WATCHED_ATTRIBUTES,
    });
    // The same observer also watches the container's parent, shallowly: if Gmail swaps the whole
    // container without a URL change, the next scan re-targets.
    if (pane && target.parentElement) this.observer.observe(target.parentElement, { childList: true });
    this.observed = target;
  }

  private onMutations(records: MutationRecord[]): void {
    if (this.opts.ctx.isInvalid) return this.stop();
    if (records.some((r) => this.isRelevant(r))) this.queueScan();
  }

  /** Whether a mutation may have shown, hidden, added or removed a view, a message or a body. */
  private isRelevant(r: MutationRecord): boolean {
    const isCard = (n: Node) => n.nodeType === 1 && (n as Element).localName === CARD_TAG;
    if (r.type === 'childList') {
      for (const n of Array.from(r.addedNodes)) if (n.nodeType === 1 && !isCard(n)) return true;
      for (const n of Array.from(r.removedNodes)) if (n.nodeType === 1 && !isCard(n)) return true;
      return false;
    }
    if (r.type !== 'attributes' || isCard(r.target)) return false;
    // Gmail changes classes all the time (hover, focus); only a message row's class says that the
    // message was collapsed or expanded.
    if (r.attributeName === 'class') return isMessageRow(r.target as Element);
    return true;
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
    if (found.pane && this.observedPane !== found.pane) this.attach();
    if (found.messages.length > 0) {
      this.found = true;
      if (this.statusSent !== true) this.reportRecognised();
    }
    const measure = this.opts.measure;
    for (const msg of found.messages) {
      // A visible body without text is read at once (a message may show only attachments), and
      // read again if Gmail fills it in before anything was found in it.
      const filled = msg.body !== null;
      msg.body ??= msg.emptyBody;
      if (!msg.body) continue;
      try {
        let entry = this.entries.get(msg.id);
        let before = 0;
        if (entry?.fromEmptyBody && filled) {
          entry.fromEmptyBody = false;
          // Nothing from the raw source yet: the text Gmail now shows is the better first view.
          if (!entry.enriched) {
            before = entry.version + 1;
            this.entries.delete(msg.id);
            entry = undefined;
          }
        }
        if (!entry) {
          const t0 = measure ? performance.now() : 0;
          entry = this.classify(msg, found, filled);
          entry.version += before;
          entry.fromEmptyBody = !filled;
          measure?.decided(msg.el, performance.now() - t0);
        }
        this.render(msg, entry);
      } catch {
        // One odd message must not stop the others; it simply gets no card.
      }
    }
  }

  /**
   * Gate a message and give it its first view. `textShown` is false while its body shows no text:
   * then nothing is read from the (empty) page text, which would only give a verdict without
   * recipient or codes; the raw source is asked for, and the text once Gmail fills the body in.
   * (A message whose body stays empty and whose source cannot be read gets no card.)
   */
  private classify(msg: FoundMessage, scan: ConversationScan, textShown = true): Entry {
    const gateInput = readGateInput(msg, scan.subject);
    const reason = gate(gateInput);
    const entry: Entry = {
      gate: reason,
      result: null,
      source: 'visible',
      enriched: false,
      rawFailed: false,
      version: 0,
      threadId: scan.threadId,
    };
    this.entries.set(msg.id, entry);
    if (!reason) return entry;
    if (!textShown) {
      if (msg.permId) void this.enrich(msg.id, msg.permId, entry);
      return entry;
    }
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
    // text already reads as a report. The card never waits for it.
    if (msg.permId && (!WEAK_GATE_REASONS.has(reason) || showsCard(visible)))
      void this.enrich(msg.id, msg.permId, entry);
    return entry;
  }

  private async enrich(id: string, permId: string, entry: Entry): Promise<void> {
    const measure = this.opts.measure;
    measure?.raw(permId, 'pending');
    const got = await this.raw.load(permId);
    measure?.raw(permId, got.ok ? 'done' : 'failed');
    if (this.opts.ctx.isInvalid || this.entries.get(id) !== entry) return;
    const count = !this.rawCounted.has(permId);
    this.rawCounted.add(permId);
    if (!got.ok) {
      if (count) {
        this.counts.rawFailed++;
        this.lastFailure = { step: got.step, why: got.why, key: got.key, at: Date.now() };
        this.statsChanged();
      }
      entry.rawFailed = true;
      entry.version++;
      this.queueScan();
      return;
    }
    if (count) {
      this.counts.rawOk++;
      this.statsChanged();
    }
    let result: BounceResult | null = null;
    try {
      result = this.opts.engine.classifyMessage(got.bytes);
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
    const slot: Mounted = { body, message: msg.el, handle: null, version: entry.version, theme: 'light' };
    this.mounted.set(msg.id, slot);
    this.opts.renderer
      .mount(body, this.view(msg.id, entry, body), { onDismiss: () => this.dismiss(msg.id) })
      .then((handle) => {
        if (this.mounted.get(msg.id) !== slot || !body.isConnected || this.opts.ctx.isInvalid) {
          handle.remove();
          return;
        }
        slot.handle = handle;
        if (!this.carded.has(msg.id)) {
          this.carded.add(msg.id);
          this.counts.cards++;
          this.statsChanged();
        }
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
      rawFailed: entry.rawFailed,
      theme,
    };
  }

  private dismiss(id: string): void {
    this.dismissed.add(id);
    this.mounted.get(id)?.handle?.remove();
    this.mounted.delete(id);
  }

  /**
   * Unmount cards whose message left the page or the screen: navigation, a view hidden by style,
   * a message collapsed again (its old body may stay, hidden), a Gmail re-render.
   */
  private sweep(): void {
    for (const [id, m] of this.mounted) {
      const gone = !m.body.isConnected || (m.handle && !m.handle.host.isConnected);
      if (gone || isCollapsed(m.message) || !isShown(m.body)) {
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
    this.counts.recognised++;
    this.statsChanged();
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
    this.counts.unrecognised++;
    this.statsChanged();
    const msg: PageStatusMessage = {
      type: 'page-status',
      recognised: false,
      failedSelector: scan.failedSelector ?? SELECTORS.message.name,
      at: Date.now(),
    };
    this.safeSend(msg);
    // Gmail may still be loading, or render in a way the observer does not see: look again later.
    this.scanLater(this.opts.lookAgainDelaysMs ?? LOOK_AGAIN_DELAYS_MS, () => this.found);
  }

  /** Send the connection counters within a second, in one message. */
  private statsChanged(): void {
    if (!this.opts.sendStats || this.statsTimer !== null) return;
    this.statsTimer = this.opts.ctx.setTimeout(() => this.flushStats(), STATS_FLUSH_MS);
  }

  private flushStats(): void {
    if (this.statsTimer !== null) clearTimeout(this.statsTimer);
    this.statsTimer = null;
    const c = this.counts;
    const empty = !this.lastFailure && Object.values(c).every((n) => n === 0);
    if (this.opts.ctx.isInvalid || empty) return;
    const msg: ConnectionStatsMessage = {
      type: 'connection-stats',
      counts: this.counts,
      lastFailure: this.lastFailure,
      selectors: matchedCandidates(),
      at: Date.now(),
    };
    this.counts = emptyCounts();
    this.lastFailure = null;
    try {
      this.opts.sendStats?.(msg);
    } catch {
      // best effort
    }
  }

  /** Number of message ids classified so far (for tests). */
  get classifiedCount(): number {
    return this.entries.size;
  }
}

function emptyCounts(): ConnectionCounts {
  return { recognised: 0, unrecognised: 0, cards: 0, rawOk: 0, rawFailed: 0 };
}

/** A message row of the conversation (its class changes when Gmail collapses or expands it). */
function isMessageRow(el: Element): boolean {
  if (typeof el.matches !== 'function') return false;
  return (
    el.getAttribute('role') === 'listitem' ||
    SELECTORS.collapsedRow.candidates.some((c) => el.matches(c.css)) ||
    SELECTORS.message.candidates.some((c) => el.matches(c.css))
  );
}
