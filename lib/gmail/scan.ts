/**
 * Reading the open conversation: which messages are expanded, and what each one shows.
 * Pure DOM reads; nothing here writes to the page.
 */
import type { VisibleMessage } from '../engine/types';
import { textPrefix, type GateInput } from './gate';
import { messageIdOf, permIdOf, threadIdOf } from './ids';
import { SELECTORS, queryAll, queryFirst, type SelectorSet } from './selectors';

export interface FoundMessage {
  el: Element;
  /** Decimal Gmail message id (or "msg-a:r…" for a message just sent, see ids.ts). */
  id: string;
  /** The id raw-source URLs take ("msg-f:<decimal>" or "msg-a:r…"), or null. */
  permId: string | null;
  /**
   * The visible, non-empty body element (div.a3s); null while the message is collapsed, hidden,
   * or its body is not rendered yet.
   */
  body: Element | null;
  /**
   * A visible body with no text, when there is no other: Gmail may not have filled it yet, or the
   * message really shows nothing but attachments. The controller waits a moment before using it.
   */
  emptyBody: Element | null;
}

/**
 * True when `el` is rendered: not inside a display:none ancestor, not `hidden`. Uses the
 * browser's checkVisibility() where it exists (Chrome 105, Firefox 106), else walks up.
 */
export function isShown(el: Element): boolean {
  const check = (el as Element & { checkVisibility?: () => boolean }).checkVisibility;
  if (typeof check === 'function') return check.call(el);
  const view = el.ownerDocument.defaultView;
  for (let cur: Element | null = el; cur; cur = cur.parentElement) {
    if (cur.hasAttribute('hidden')) return false;
    const inline = (cur as HTMLElement).style?.display;
    if (inline === 'none') return false;
    if (view && view.getComputedStyle(cur).display === 'none') return false;
  }
  return true;
}

/** True when `el` holds some non-blank text (stops at the first one; bodies can be long). */
function hasText(el: Element): boolean {
  const doc = el.ownerDocument;
  const walker = doc.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (/\S/.test(n.nodeValue ?? '')) return true;
  }
  return false;
}

/**
 * The body to read and to put the card on: the first match of the newest matching candidate that
 * is visible, has text and is not Gmail's placeholder (class "undefined"); null when none is yet.
 * `empty` is the first visible, non-placeholder match without text, for when no body has text.
 */
export function visibleBody(
  msg: Element,
  s: SelectorSet = SELECTORS.body,
): { body: Element | null; empty: Element | null } {
  let empty: Element | null = null;
  for (const el of queryAll(msg, s)) {
    if (el.classList.contains('undefined') || !isShown(el)) continue;
    if (hasText(el)) return { body: el, empty: null };
    empty ??= el;
  }
  return { body: null, empty };
}

/** True when the message sits in a row Gmail collapsed (its old body may still be in the page). */
export function isCollapsed(msg: Element): boolean {
  for (const c of SELECTORS.collapsedRow.candidates) if (msg.closest(c.css)) return true;
  return false;
}

export interface ConversationScan {
  pane: Element | null;
  messages: FoundMessage[];
  threadId: string | null;
  subject: string | null;
  /** Name of the first required selector that found nothing, or null. */
  failedSelector: string | null;
}

/** Find the conversation pane and its messages. */
export function scanConversation(doc: Document): ConversationScan {
  const pane = queryFirst(doc, SELECTORS.conversationPane);
  if (!pane)
    return {
      pane: null,
      messages: [],
      threadId: null,
      subject: null,
      failedSelector: SELECTORS.conversationPane.name,
    };
  const messages: FoundMessage[] = [];
  for (const el of queryAll(pane, SELECTORS.message)) {
    const id = messageIdOf(el);
    if (!id) continue;
    const { body, empty } = isCollapsed(el) ? { body: null, empty: null } : visibleBody(el);
    messages.push({ el, id, permId: permIdOf(el), body, emptyBody: empty });
  }
  const subjectEl = queryFirst(pane, SELECTORS.subject);
  return {
    pane,
    messages,
    threadId: threadIdOf(subjectEl),
    subject: subjectEl?.textContent?.trim() ?? null,
    failedSelector: messages.length === 0 ? SELECTORS.message.name : null,
  };
}

/** What the gate needs: attributes, the subject, attachment types and a bounded body prefix. */
export function readGateInput(msg: FoundMessage, subject: string | null): GateInput {
  const sender = queryFirst(msg.el, SELECTORS.sender);
  const attachmentTypes: string[] = [];
  for (const chip of queryAll(msg.el, SELECTORS.attachment)) {
    const url = chip.getAttribute('download_url') ?? '';
    const type = url.slice(0, url.indexOf(':'));
    if (type) attachmentTypes.push(type.toLowerCase());
  }
  return {
    fromAddress: sender?.getAttribute('email') ?? null,
    fromName: sender?.getAttribute('name') ?? sender?.textContent ?? null,
    subject,
    attachmentTypes,
    bodyStart: msg.body ? textPrefix(msg.body, 2000) : '',
  };
}

/**
 * What the engine's visible-text classifier reads. innerText keeps Gmail's line breaks (table
 * cells, <br>), which the engine's line-based rules need; it is only called for gated messages.
 */
export function readVisibleMessage(msg: FoundMessage, gateInput: GateInput): VisibleMessage {
  const body = msg.body as HTMLElement | null;
  let text = '';
  if (body)
    text = typeof body.innerText === 'string' && body.innerText ? body.innerText : (body.textContent ?? '');
  return {
    fromAddress: gateInput.fromAddress,
    fromName: gateInput.fromName,
    subject: gateInput.subject,
    text,
  };
}
