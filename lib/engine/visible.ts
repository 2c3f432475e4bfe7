/**
 * The Gmail-text path: what Gmail shows of an open message (sender, subject, visible body),
 * without headers or the delivery-status attachment. It runs the same stages as the raw path on
 * a view built from the page, so the card can show a verdict before the raw source arrives.
 */
import { HeaderList, parseHeaders } from './message/mime';
import { normaliseNewlines } from './message/text';
import { cutOriginal, dsnSlice, type ReportView } from './report/view';
import { looksLikeDsnText, parseDeliveryStatus } from './report/dsn';
import { readSesNotification } from './report/amazon-ses';
import { emptyResult, resultFromView } from './pipeline';
import type { BounceResult, VisibleMessage } from './types';

const VISIBLE_LIMIT = 512 * 1024;

/**
 * Classify what Gmail shows of an open message. Never throws.
 *
 * @example
 * classifyVisible({ fromAddress: 'mailer-daemon@googlemail.com', subject: 'Delivery Status Notification (Failure)',
 *   text: "Address not found\nYour message wasn't delivered to kijitora@example.jp …" }).records[0].recipient
 * // 'kijitora@example.jp'
 */
export function classifyVisible(msg: VisibleMessage): BounceResult {
  try {
    let text = normaliseNewlines(String(msg.text ?? ''));
    if (text.length > VISIBLE_LIMIT) text = text.slice(0, VISIBLE_LIMIT);
    const str = (v: unknown) => (typeof v === 'string' ? v : v == null ? '' : String(v));
    const fromName = str(msg.fromName);
    const fromAddress = str(msg.fromAddress);
    const from = [fromName ? `"${fromName}"` : '', fromAddress ? `<${fromAddress}>` : '']
      .filter(Boolean)
      .join(' ');
    const headers = new HeaderList([
      { name: 'from', value: from },
      { name: 'subject', value: str(msg.subject) },
    ]);
    const cut = cutOriginal(text);
    // Amazon SES notifications are JSON in the visible text.
    const ses = readSesNotification(text);
    const view: ReportView = {
      headers,
      dsn: ses?.dsn ? [ses.dsn] : looksLikeDsnText(text) ? [parseDeliveryStatus(dsnSlice(text))] : [],
      hasDsnPart: false,
      text: cut.text,
      original: cut.originalHead ? parseHeaders(cut.originalHead) : null,
      fullText: text,
      topType: 'text/plain',
      reportType: null,
      feedback: ses?.feedback ?? null,
      warnings: [],
      visibleOnly: true,
    };
    const r = resultFromView(view);
    r.decoder = r.decoder ? `visible:${r.decoder}` : 'visible';
    return r;
  } catch {
    const r = emptyResult();
    r.warnings.push('the visible text could not be read');
    return r;
  }
}
