/**
 * Reading the open conversation: which messages are expanded, and what each one shows.
 * Pure DOM reads; nothing here writes to the page.
 */
import type { VisibleMessage } from '../engine/types';
import { textPrefix, type GateInput } from './gate';
import { messageIdOf, threadIdOf } from './ids';
import { SELECTORS, queryAll, queryFirst } from './selectors';

export interface FoundMessage {
  el: Element;
  /** Decimal Gmail message id. */
  id: string;
  /** The body element (div.a3s); null while the message is collapsed. */
  body: Element | null;
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
    messages.push({ el, id, body: queryFirst(el, SELECTORS.body) });
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
