/**
 * Renders a raw message to what Gmail shows of it when opened: the sender, the subject and the
 * body text. Gmail shows the readable parts of the top-level message (the plain part, or the
 * HTML part as text) and lists the delivery-status part, header parts and attached originals as
 * attachments, so those are not part of the visible text.
 */
import { parseMessage, leafParts, partText, htmlToText, type MimePart } from '../../lib/engine/message/mime';
import { toByteString } from '../../lib/engine/message/text';
import { firstAddress } from '../../lib/engine/pipeline';
import type { VisibleMessage } from '../../lib/engine/types';

function isAttachment(p: MimePart): boolean {
  const d = p.headers.get('content-disposition') ?? '';
  return /^\s*attachment/i.test(d);
}

export function renderVisible(raw: string | Uint8Array): VisibleMessage {
  const msg = parseMessage(toByteString(raw));
  const plain: string[] = [];
  const html: string[] = [];
  for (const p of leafParts(msg.root)) {
    if (isAttachment(p)) continue;
    if (p.type === 'text/plain') plain.push(partText(p));
    else if (p.type === 'text/html') html.push(htmlToText(partText(p)));
  }
  const text = (html.length && !plain.length ? html : plain).join('\n');
  const from = msg.headers.get('from') ?? '';
  const name = /^\s*"?([^"<]*?)"?\s*</.exec(from)?.[1] ?? null;
  return {
    fromAddress: firstAddress(from),
    fromName: name || null,
    subject: msg.headers.get('subject'),
    text,
  };
}
