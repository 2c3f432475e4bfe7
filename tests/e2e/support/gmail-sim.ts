/**
 * A Gmail simulator for end-to-end tests and demos (Node side).
 *
 * Turns .eml files into Gmail-like conversation pages that follow the structure of
 * tests/fixtures/gmail-dom/ (header row with span.gD[email], h2.hP subject,
 * div.adn[data-message-id="#msg-f:<decimal>"][data-legacy-message-id=<hex>], body in div.a3s,
 * collapsed messages as div.kv without a body), and serves both the pages and the raw sources at
 * Gmail's raw-message URLs (?view=att&permmsgid=msg-f:<decimal>&attid=0&disp=comp&safe=1&zw, and
 * the "Show original" page ?view=om&permmsgid=… with the source inside pre#raw_message_text).
 *
 * Serving is browser-agnostic: `await sim.respond({ url, method, headers })` answers any request to
 * https://mail.google.com/ (or the simulated redirect target) with `{ status, headers, body }`
 * (headers in lower case, body a Buffer). Any interception layer can call it: `sim.install(context)`
 * is the thin Playwright adapter (context.route → respond → route.fulfill); a puppeteer-core page
 * with request interception does the same with `request.respond({ status, headers, body })`.
 * `GmailSim.ORIGINS` lists the origins to intercept.
 *
 * The page is a tiny single-page app, like Gmail: it renders the conversation named by the hash
 * (#inbox/<thread hex>) a moment after load or after a hash change, so a content script sees the
 * message body appear. It records when each body appeared and when the extension's card host
 * (<bounce-triage-card data-bt-state="visible|enriched">) changed, in window.__sim, for timing.
 *
 * Email content is untrusted: the HTML part is sanitized by an allow-list (no scripts, no event
 * handlers, no styles that fetch, no images), the text part is escaped.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import PostalMime, { type Address, type Email } from 'postal-mime';
import { Window } from 'happy-dom';
import type { BrowserContext, Route } from 'playwright-core';

// ---------------------------------------------------------------------------------------------
// Escaping and sanitizing

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Render a text/plain body the way Gmail does: escaped, one <br> per line break. */
export function textToGmailHtml(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
  return `<div dir="ltr">${lines.map((l) => escapeHtml(l)).join('<br>')}</div>`;
}

const DROP_WITH_CONTENT = new Set([
  'script',
  'style',
  'head',
  'title',
  'iframe',
  'object',
  'embed',
  'frame',
  'frameset',
  'noscript',
  'template',
  'svg',
  'math',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'link',
  'meta',
  'base',
  'img',
  'video',
  'audio',
  'source',
  'picture',
  'canvas',
]);
const KEEP_TAGS = new Set([
  'a',
  'b',
  'blockquote',
  'br',
  'caption',
  'center',
  'code',
  'col',
  'colgroup',
  'dd',
  'div',
  'dl',
  'dt',
  'em',
  'font',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'li',
  'ol',
  'p',
  'pre',
  's',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'tt',
  'u',
  'ul',
]);
const KEEP_ATTRS = new Set([
  'align',
  'valign',
  'colspan',
  'rowspan',
  'dir',
  'width',
  'height',
  'color',
  'face',
  'size',
  'bgcolor',
  'border',
  'cellpadding',
  'cellspacing',
]);

let sanitizerWindow: Window | null = null;

/**
 * Allow-list sanitizer for an HTML part, in the spirit of what Gmail does to mail HTML.
 * Unknown elements are unwrapped (their text kept), dangerous ones removed with their content.
 */
export function sanitizeHtml(html: string): string {
  sanitizerWindow ??= new Window({
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
    },
  });
  const doc = sanitizerWindow.document;
  const holder = doc.createElement('div');
  holder.innerHTML = html;
  const out: string[] = [];
  const walk = (node: (typeof holder.childNodes)[number]): void => {
    if (node.nodeType === 3) {
      out.push(escapeHtml(node.textContent ?? ''));
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as unknown as typeof holder;
    const tag = el.localName.toLowerCase();
    if (DROP_WITH_CONTENT.has(tag)) return;
    const keep = KEEP_TAGS.has(tag);
    if (keep) {
      let attrs = '';
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase();
        const value = attr.value ?? '';
        if (KEEP_ATTRS.has(name) && /^[\w#%., -]*$/.test(value)) attrs += ` ${name}="${escapeHtml(value)}"`;
        else if (name === 'style' && !/url\s*\(|expression|@import|behavior|javascript:/i.test(value)) {
          attrs += ` style="${escapeHtml(value)}"`;
        } else if (name === 'href' && tag === 'a' && /^(https?:|mailto:)/i.test(value.trim())) {
          attrs += ` href="${escapeHtml(value.trim())}" target="_blank" rel="noreferrer"`;
        }
      }
      out.push(`<${tag}${attrs}>`);
    }
    for (const child of Array.from(el.childNodes)) walk(child);
    if (keep && !['br', 'hr', 'col'].includes(tag)) out.push(`</${tag}>`);
  };
  for (const child of Array.from(holder.childNodes)) walk(child);
  return out.join('');
}

// ---------------------------------------------------------------------------------------------
// Parsing

export interface SimAttachment {
  mimeType: string;
  filename: string;
  size: number;
}

export interface SimMessage {
  /** Gmail message id as decimal string (data-message-id="#msg-f:<decimal>"). */
  decimal: string;
  /** The same number in hex (data-legacy-message-id). */
  hex: string;
  raw: Buffer;
  fromAddress: string;
  fromName: string;
  toAddress: string;
  subject: string;
  date: string;
  /** Body as Gmail shows it (sanitized HTML or escaped text). */
  bodyHtml: string;
  attachments: SimAttachment[];
  /** A short plain-text snippet for collapsed rows and the inbox list. */
  snippet: string;
  expanded: boolean;
  /** File name the message came from, when known. */
  source: string | null;
  /**
   * Sent from this account a moment ago: Gmail marks it data-message-id="#msg-a:r-…" and gives it
   * no data-legacy-message-id yet.
   */
  sent?: boolean;
}

export interface SimConversation {
  /** Thread id in hex = first message's hex id; also the URL hash id. */
  threadHex: string;
  threadDecimal: string;
  subject: string;
  messages: SimMessage[];
  /** Render the page without Gmail's hooks, as a future Gmail that our selectors no longer match. */
  unrecognised?: boolean;
  /** Opaque hash token naming the thread in the realistic layout (#inbox/<token>). */
  token: string;
  /** data-thread-perm-id="undefined" (Gmail since Nov 2025, now and then): only the legacy id is right. */
  threadPermUndefined?: boolean;
}

function firstMailbox(a: Address | Address[] | undefined): { address: string; name: string } {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  for (const item of list) {
    if (item.address) return { address: item.address, name: item.name };
    if (item.group?.[0]) return { address: item.group[0].address, name: item.group[0].name };
  }
  return { address: '', name: '' };
}

function attachmentSize(content: ArrayBuffer | Uint8Array | string): number {
  if (typeof content === 'string') return content.length;
  return content.byteLength;
}

function defaultName(mimeType: string, i: number): string {
  if (mimeType === 'message/delivery-status') return 'details.txt';
  if (mimeType === 'message/rfc822') return 'Untitled attachment.eml';
  if (mimeType === 'text/rfc822-headers') return 'headers.txt';
  if (mimeType === 'message/feedback-report') return 'feedback-report.txt';
  if (mimeType === 'text/plain') return `noname-${i + 1}.txt`;
  return `noname-${i + 1}`;
}

let idCounter = 0n;
/** A fresh 64-bit Gmail-like message id. */
export function nextMessageId(): { decimal: string; hex: string } {
  idCounter += 1n;
  const n = 0x19076b2f10aa0c01n + idCounter * 0x1_0000_3a5n;
  return { decimal: n.toString(10), hex: n.toString(16) };
}

/** Parse one .eml into what the simulator shows. Never throws on odd input: falls back to text. */
export async function parseEml(
  raw: Buffer | string,
  opts: { expanded?: boolean; source?: string | null } = {},
): Promise<SimMessage> {
  const buf = typeof raw === 'string' ? Buffer.from(raw, 'binary') : raw;
  const ids = nextMessageId();
  let email: Email;
  try {
    email = await PostalMime.parse(buf, { forceRfc822Attachments: true, attachmentEncoding: 'arraybuffer' });
  } catch {
    email = { headers: [], headerLines: [], attachments: [], text: buf.toString('latin1') };
  }
  const from = firstMailbox(email.from);
  const to = firstMailbox(email.to);
  const htmlBody =
    email.html && email.html.replace(/<[^>]*>/g, '').trim().length > 0 ? sanitizeHtml(email.html) : null;
  const bodyHtml = htmlBody ?? textToGmailHtml(email.text ?? '');
  const textForSnippet = (email.text ?? email.html?.replace(/<[^>]*>/g, ' ') ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  return {
    ...ids,
    raw: buf,
    fromAddress: from.address,
    fromName: from.name,
    toAddress: to.address,
    subject: email.subject ?? '(no subject)',
    date: email.date ?? '',
    bodyHtml,
    attachments: email.attachments
      .filter((a) => !a.related)
      .map((a, i) => ({
        mimeType: a.mimeType,
        filename: a.filename ?? defaultName(a.mimeType, i),
        size: attachmentSize(a.content),
      })),
    snippet: textForSnippet.slice(0, 120),
    expanded: opts.expanded ?? true,
    source: opts.source ?? null,
  };
}

/** Build a conversation from .eml paths or buffers; the thread subject is the first message's. */
export async function conversationFrom(
  items: Array<string | { path?: string; raw?: Buffer | string; expanded?: boolean; sent?: boolean }>,
  opts: { unrecognised?: boolean; threadPermUndefined?: boolean } = {},
): Promise<SimConversation> {
  const messages: SimMessage[] = [];
  for (const item of items) {
    const spec = typeof item === 'string' ? { path: item } : item;
    const raw = spec.raw ?? (spec.path ? readFileSync(spec.path) : Buffer.alloc(0));
    const m = await parseEml(raw, {
      expanded: spec.expanded,
      source: spec.path ? basename(spec.path) : null,
    });
    if (spec.sent) m.sent = true;
    messages.push(m);
  }
  const first = messages[0];
  if (!first) throw new Error('a conversation needs at least one message');
  return {
    threadHex: first.hex,
    threadDecimal: first.decimal,
    subject: first.subject,
    messages,
    unrecognised: opts.unrecognised,
    token: threadToken(first.decimal),
    threadPermUndefined: opts.threadPermUndefined,
  };
}

const TOKEN_LETTERS = 'BCDFGHJKLMNPQRSTVWXZbcdfghjklmnpqrstvwxz';
/**
 * An opaque thread token like Gmail's hash ids (#inbox/FMfcgz…): derived from the thread id but
 * not readable as it, so nothing can map hash to page ids.
 */
export function threadToken(decimal: string): string {
  let n = BigInt(decimal) * 0x9e3779b97f4a7c15n + 0x632be59bd9b4e019n;
  let out = 'FMfcgz';
  while (out.length < 32) {
    out += TOKEN_LETTERS[Number(n % BigInt(TOKEN_LETTERS.length))];
    n = n / BigInt(TOKEN_LETTERS.length) + (n % 7919n) * 104729n;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rendering

function displayDate(date: string): string {
  const d = new Date(date);
  if (Number.isNaN(d.getTime())) return escapeHtml(date);
  return escapeHtml(d.toUTCString().replace(/:\d\d GMT$/, ''));
}

function humanSize(n: number): string {
  return n < 1024 ? `${n} B` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

function attachmentChips(m: SimMessage, account: string): string {
  if (m.attachments.length === 0) return '';
  const chips = m.attachments
    .map((a, i) => {
      const url = `https://mail.google.com/mail/${account}/?ui=2&ik=1a2b3c4d5e&attid=0.${i + 1}&permmsgid=msg-f:${m.decimal}&th=${m.hex}&view=att&disp=safe&zw`;
      const name = escapeHtml(a.filename);
      return `<span class="aZo N5jrZb" download_url="${escapeHtml(`${a.mimeType}:${a.filename}:${url}`)}" draggable="true"><a class="aQy e" role="link" href="#"><span class="a3I">Preview attachment ${name}</span><div class="aYy"><span class="aV3 a6U">${name}</span><span class="SaH2Ve">${humanSize(a.size)}</span></div></a></span>`;
    })
    .join('');
  return `<div class="hq gt"><div class="aQH">${chips}</div></div>`;
}

function senderSpan(m: SimMessage): string {
  const email = escapeHtml(m.fromAddress);
  const name = escapeHtml(m.fromName || m.fromAddress);
  return `<span email="${email}" name="${name}" data-hovercard-id="${email}" class="gD"><span>${name}</span></span>`;
}

/** The expanded message block, as in the fixtures (div.h7 … div.adn.ads … div.a3s). */
export function renderExpanded(
  m: SimMessage,
  account: string,
  threadDecimal: string,
  bodyArea?: string,
): string {
  const email = escapeHtml(m.fromAddress);
  const ids = m.sent
    ? `data-message-id="#msg-a:r-${m.decimal}"`
    : `data-message-id="#msg-f:${m.decimal}" data-legacy-message-id="${m.hex}"`;
  const jslog = `20277; u014N:xr6bB; 1:${Buffer.from(`["#thread-f:${threadDecimal}"]`).toString('base64')}; 4:${Buffer.from(`["#msg-f:${m.decimal}"]`).toString('base64')}`;
  return `<div class="h7 ie nH oy8Mbf" role="listitem" aria-expanded="true" tabindex="-1" data-sim-id="${m.decimal}"><div class="Bk"><div class="G3 G2"><div><div>
<div class="adn ads" ${ids}>
 <div class="aju"><div class="aCi"><div class="ajn sim-avatar" aria-hidden="true">${escapeHtml((m.fromName || m.fromAddress || '?').charAt(0).toUpperCase())}</div></div></div>
 <div class="gs">
  <div class="gE iv gt"><table cellpadding="0" class="cf gJ"><tbody>
   <tr class="acZ"><td class="gF gK"><table cellpadding="0" class="cf ix"><tbody><tr><td>
    <h3 class="iw gFxsud"><span class="qu" tabindex="-1">${senderSpan(m)} <span class="go"><span aria-hidden="true">&lt;</span>${email}<span aria-hidden="true">&gt;</span></span></span></h3>
   </td></tr></tbody></table></td>
   <td class="gH bAk"><div class="gK"><span class="g3" role="gridcell" tabindex="-1">${displayDate(m.date)}</span></div></td></tr>
   <tr class="acZ xD"><td colspan="3"><table cellpadding="0" class="cf adz"><tbody><tr><td class="ady">
    <div class="iw ajw"><span class="hb">to <span dir="ltr" email="${escapeHtml(m.toAddress)}" name="me" class="g2">me</span></span></div>
   </td></tr></tbody></table></td></tr>
  </tbody></table></div>
  <div class="qQVYZb"></div><div class="utdU2e"></div><div class="btm"></div>
  <div class="">
   <div class="aHl"></div><div tabindex="-1"></div>
   ${bodyArea ?? `<div class="ii gt" jslog="${jslog}"><div class="a3s aiL ">${m.bodyHtml}<div class="yj6qo"></div><div class="adL"></div></div></div>`}
   ${attachmentChips(m, account)}
   <div class="hi"></div>
  </div>
 </div>
</div></div></div></div></div></div>`;
}

/** A collapsed message row (div.kv): header and snippet, no body in the page. */
export function renderCollapsed(m: SimMessage): string {
  return `<div class="kv" role="listitem" aria-expanded="false" tabindex="-1" data-sim-id="${m.decimal}"><div class="Bk"><div class="G3 G2"><div><div>
<div class="adf ads" data-legacy-message-id="${m.hex}">
 <div class="aju"><div class="aCi"><div class="ajn sim-avatar" aria-hidden="true">${escapeHtml((m.fromName || m.fromAddress || '?').charAt(0).toUpperCase())}</div></div></div>
 <div class="gs"><div class="gE hI"><table cellpadding="0" class="cf gJ"><tbody><tr class="acZ">
  <td class="gF gK"><h3 class="iw">${senderSpan(m)}</h3></td>
  <td class="gH"><div class="gK"><span class="g3">${displayDate(m.date)}</span></div></td>
 </tr></tbody></table><div class="iA g6"><span>${escapeHtml(m.snippet)}</span></div></div></div>
</div></div></div></div></div></div>`;
}

/** A conversation as a future Gmail might render it: none of today's hooks. */
function renderUnrecognised(c: SimConversation): string {
  return `<div class="zz-thread"><h1 class="zz-subject">${escapeHtml(c.subject)}</h1>${c.messages
    .map(
      (m) =>
        `<article class="zz-msg" data-sim-id="${m.decimal}"><header class="zz-from" title="${escapeHtml(m.fromAddress)}">${escapeHtml(m.fromName || m.fromAddress)}</header><section class="zz-body">${m.bodyHtml}</section></article>`,
    )
    .join('')}</div>`;
}

interface RenderedConversation {
  subject: string;
  threadDecimal: string;
  threadHex: string;
  /** Pane HTML with every message in its initial (expanded or collapsed) state. */
  html: string;
  /** Expanded HTML per message decimal id, used when a collapsed row is clicked. */
  expanded: Record<string, string>;
  /** Message ids that are expanded initially. */
  bodies: string[];
  snippet: string;
  from: string;
}

function renderConversation(c: SimConversation, account: string): RenderedConversation {
  const expanded: Record<string, string> = {};
  for (const m of c.messages) expanded[m.decimal] = renderExpanded(m, account, c.threadDecimal);
  const last = c.messages[c.messages.length - 1];
  const html = c.unrecognised
    ? renderUnrecognised(c)
    : `<div class="nH"><div class="ha"><h2 class="hP" tabindex="-1" data-thread-perm-id="thread-f:${c.threadDecimal}" data-legacy-thread-id="${c.threadHex}">${escapeHtml(c.subject)}</h2></div></div>
<div class="nH"><div class="nH aHU"><div class="nH hx"><div class="nH" role="list">${c.messages
        .map((m) => (m.expanded ? expanded[m.decimal] : renderCollapsed(m)))
        .join('')}</div></div></div></div>`;
  return {
    subject: c.subject,
    threadDecimal: c.threadDecimal,
    threadHex: c.threadHex,
    html,
    expanded,
    bodies: c.messages.filter((m) => m.expanded).map((m) => m.decimal),
    snippet: last?.snippet ?? '',
    from: last?.fromName || last?.fromAddress || '',
  };
}

export interface SimPageOptions {
  /** Account path segment: "u/0", "u/1", "b/123456/u/0". */
  account: string;
  theme: 'light' | 'dark';
  /** Delay before the first render after load, in ms (Gmail renders after its scripts load). */
  renderDelayMs: number;
  measure: boolean;
  /** Gmail's split view: the list stays on the left, the conversation opens beside it. */
  splitPane: boolean;
}

/**
 * Page script that records when the extension's card host changes state into window.__sim
 * (installed before any body is inserted).
 */
const CARD_TIMING = `  const note = (el, now) => {
    const id = el.getAttribute('data-bt-message-id');
    const state = el.getAttribute('data-bt-state');
    if (!id || !state) return;
    if (!(id in sim.cardAt)) sim.cardAt[id] = now;
    if (state === 'enriched' && !(id in sim.enrichedAt)) sim.enrichedAt[id] = now;
  };
  new MutationObserver((records) => {
    const now = performance.now();
    for (const r of records) {
      if (r.type === 'attributes') {
        if (r.target.getAttribute) note(r.target, now);
        continue;
      }
      // A card host may be inserted already in its final state (no attribute change to see).
      for (const n of r.addedNodes) {
        if (!n.getAttribute) continue;
        note(n, now);
        for (const el of n.querySelectorAll('[data-bt-state]')) note(el, now);
      }
    }
  }).observe(document.documentElement, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-bt-state'],
  });`;

/** Layout CSS both page layouts share. */
const BASE_CSS = `*{box-sizing:border-box}
body{margin:0;font:14px/20px Roboto,Arial,Helvetica,sans-serif}
header.gb_{height:56px;display:flex;align-items:center;padding:0 20px;font-size:20px;gap:12px}
.sim-layout{display:flex}
.aeN{width:220px;padding:8px 12px}
.aeN a{display:block;padding:4px 12px;border-radius:16px;color:inherit;text-decoration:none;font-weight:600}
.sim-pane{flex:1;margin:0 16px 16px 0;border-radius:16px;min-height:calc(100vh - 72px);padding:12px 24px}
h2.hP{font-size:22px;line-height:28px;font-weight:400;margin:12px 0 16px 56px}
.h7,.kv{padding:8px 0}
.kv{cursor:pointer}
.adn,.adf{display:flex;gap:12px}
.aju{width:40px;flex:none}
.sim-avatar{width:40px;height:40px;border-radius:50%;background:#7b1fa2;color:#fff;display:flex;align-items:center;justify-content:center;font-size:18px}
.gs{flex:1;min-width:0}
table.cf{border-collapse:collapse;width:100%}
h3.iw{margin:0;font-size:14px;font-weight:400}
span.gD{font-weight:700}
.g3{font-size:12px;white-space:nowrap}
.gH{text-align:right}
.ii{margin-top:12px;overflow-x:auto}
.hq{display:flex;gap:8px;margin-top:16px}
.aZo{display:inline-block;border:1px solid #8884;border-radius:8px;padding:8px 12px;min-width:160px}
.aZo a{color:inherit;text-decoration:none}
.a3I{display:none}
.aV3{display:block;font-weight:500}
.SaH2Ve{font-size:12px;opacity:.7}
.sim-list{width:100%;border-collapse:collapse}
.sim-row td{padding:10px 8px;cursor:pointer}
.sim-row a{color:inherit;text-decoration:none}`;

const LIGHT_CSS = `body{background:#f6f8fc;color:#1f1f1f}.sim-pane{background:#fff}.g2,.go{color:#5e5e5e}.iA{color:#5e5e5e}.sim-row:hover{background:#f2f6fc}.sim-row{border-bottom:1px solid #eceff1}`;
const DARK_CSS = `body{background:#111111;color:#e3e3e3}.sim-pane{background:#1f1f1f}.g2,.go{color:#a8a8a8}.iA{color:#a8a8a8}.a3s{color:#e3e3e3}.sim-row:hover{background:#2a2a2a}.sim-row{border-bottom:1px solid #333}a{color:#a8c7fa}`;

function shellPage(conversations: RenderedConversation[], opts: SimPageOptions): string {
  const data = JSON.stringify({
    account: opts.account,
    renderDelayMs: opts.renderDelayMs,
    splitPane: opts.splitPane,
    conversations: Object.fromEntries(conversations.map((c) => [c.threadHex, c])),
  }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"${opts.measure ? ' data-bt-measure=""' : ''}><head><meta charset="utf-8"><title>Inbox - me@example.com - Gmail (simulated)</title>
<style>
${BASE_CSS}
header .sim-logo{font-weight:500}
.a3s{font-size:14px}
.sim-split{display:flex;gap:16px}.sim-split-list{width:38%;flex:none;overflow:hidden}.sim-split-list td:first-child{width:110px!important}.sim-split-conv{flex:1;min-width:0}
${opts.theme === 'dark' ? DARK_CSS : LIGHT_CSS}
</style></head>
<body>
<div class="nH"><div class="nH">
 <header class="gb_" role="banner"><span class="sim-logo">Gmail</span><span style="font-size:13px;opacity:.7">simulated for Bounce Triage tests</span></header>
 <div class="nH bkL sim-layout">
  <div class="aeN" role="navigation"><div class="TK"><a href="#inbox" title="Inbox">Inbox</a></div></div>
  <div class="nH bkK sim-pane"><div class="nH" role="main"><div class="nH g id"><div class="nH a98 iY" id="sim-conversation"></div></div></div></div>
 </div>
</div></div>
<script type="application/json" id="sim-data">${data}</script>
<script>
(() => {
  const DATA = JSON.parse(document.getElementById('sim-data').textContent);
  const sim = (window.__sim = { bodyAt: {}, cardAt: {}, enrichedAt: {}, renders: 0, rendered: null });
${CARD_TIMING}
  const pane = document.getElementById('sim-conversation');
  function escapeText(s) { const d = document.createElement('div'); d.textContent = s; return d.innerHTML; }
  function currentThread() {
    const parts = location.hash.replace(/^#/, '').split('/');
    const last = parts[parts.length - 1];
    return parts.length > 1 && DATA.conversations[last] ? last : null;
  }
  function render() {
    const id = currentThread();
    sim.renders++;
    sim.rendered = id;
    const rows = Object.values(DATA.conversations).map((c) =>
      '<tr class="sim-row zA" data-thread="' + c.threadHex + '"><td style="width:200px;font-weight:700">' + escapeText(c.from) +
      '</td><td><a href="#inbox/' + c.threadHex + '"><b>' + escapeText(c.subject) + '</b> - ' + escapeText(c.snippet) + '</a></td></tr>').join('');
    const list = '<table class="sim-list F cf zt"><tbody>' + rows + '</tbody></table>';
    if (!id) {
      pane.innerHTML = DATA.splitPane ? '<div class="sim-split"><div class="sim-split-list">' + list + '</div><div class="sim-split-conv" id="sim-split-conv"></div></div>' : list;
      return;
    }
    const conv = DATA.conversations[id];
    let target = pane;
    if (DATA.splitPane) {
      // Split view: the list stays, the conversation renders beside it (same pane, like Gmail).
      if (!document.getElementById('sim-split-conv')) {
        pane.innerHTML = '<div class="sim-split"><div class="sim-split-list">' + list + '</div><div class="sim-split-conv" id="sim-split-conv"></div></div>';
      }
      target = document.getElementById('sim-split-conv');
    }
    const t = performance.now();
    target.innerHTML = conv.html;
    for (const m of conv.bodies) sim.bodyAt[m] = t;
  }
  pane.addEventListener('click', (ev) => {
    const row = ev.target.closest && ev.target.closest('.kv');
    if (!row) return;
    const conv = DATA.conversations[currentThread()];
    const id = row.getAttribute('data-sim-id');
    const tpl = document.createElement('template');
    tpl.innerHTML = conv.expanded[id];
    const t = performance.now();
    row.replaceWith(tpl.content);
    sim.bodyAt[id] = t;
  });
  window.addEventListener('hashchange', () => setTimeout(render, 30));
  window.addEventListener('load', () => setTimeout(render, DATA.renderDelayMs));
})();
</script>
</body></html>`;
}

// ---------------------------------------------------------------------------------------------
// The realistic layout: Gmail as maintained integrations describe it (2025-26)

/** One conversation as the realistic page's script needs it. */
interface RealisticConversation {
  token: string;
  threadHex: string;
  subject: string;
  snippet: string;
  from: string;
  /** Subject header (h2.hP with the thread ids). */
  header: string;
  /** Whole-view HTML for a page our selectors must not recognise, or null. */
  unrecognised: string | null;
  messages: Array<{
    id: string;
    expanded: boolean;
    /** The message with an empty real body (filled later by the page, like Gmail). */
    shell: string;
    /** The collapsed row shown before the message was ever opened. */
    collapsed: string;
    /** Body HTML (sanitized) filled into the real body. */
    body: string;
  }>;
}

function realisticConversation(
  c: SimConversation,
  account: string,
  hiddenBody: 'first' | 'last' | 'alternate',
): RealisticConversation {
  const last = c.messages[c.messages.length - 1];
  const perm = c.threadPermUndefined ? 'undefined' : `thread-f:${c.threadDecimal}`;
  return {
    token: c.token,
    threadHex: c.threadHex,
    subject: c.subject,
    snippet: last?.snippet ?? '',
    from: last?.fromName || last?.fromAddress || '',
    header: `<div class="nH"><div class="ha"><h2 class="hP" tabindex="-1" data-thread-perm-id="${perm}" data-legacy-thread-id="${c.threadHex}">${escapeHtml(c.subject)}</h2></div></div>`,
    unrecognised: c.unrecognised ? renderUnrecognised(c) : null,
    messages: c.messages.map((m, i) => {
      // Gmail's hidden, empty body copy: sometimes before the real body, sometimes after.
      const hidden = `<div class="ii gt" style="display:none"><div class="a3s aiL undefined"></div></div>`;
      const real = `<div class="ii gt sim-real"><div class="a3s aiL " data-sim-body="${m.decimal}"></div></div>`;
      const first =
        hiddenBody === 'alternate' ? (BigInt(m.decimal) + BigInt(i)) % 2n === 0n : hiddenBody === 'first';
      const area = first ? hidden + real : real + hidden;
      return {
        id: m.decimal,
        expanded: m.expanded,
        shell: renderExpanded(m, account, c.threadDecimal, area),
        collapsed: renderCollapsed(m),
        body: `${m.bodyHtml}<div class="yj6qo"></div><div class="adL"></div>`,
      };
    }),
  };
}

/** A GLOBALS array as Gmail's inline script sets it: the account key at index 9. */
function globalsScript(ik: string): string {
  const globals = [
    null,
    null,
    1733400000,
    'me@example.com',
    ['en', 'US'],
    'https://mail.google.com/mail/u/0/',
    [1, [2, 'x,y]']],
    0,
    '',
    ik,
    'sim',
  ];
  return `<script nonce="sim">var GM_START=Date.now();var GLOBALS=${JSON.stringify(globals)};</script>`;
}

function realisticShellPage(
  conversations: RealisticConversation[],
  opts: SimPageOptions & { ik: string; globals: boolean; keyLinks: boolean },
): string {
  const data = JSON.stringify({
    renderDelayMs: opts.renderDelayMs,
    conversations: Object.fromEntries(conversations.map((c) => [c.token, c])),
  }).replace(/</g, '\\u003c');
  const keyLink = opts.keyLinks
    ? `<a class="sim-help" href="/mail/${opts.account}/?ik=${opts.ik}&view=pt&search=inbox">Print all</a>`
    : '';
  return `<!doctype html>
<html lang="en"${opts.measure ? ' data-bt-measure=""' : ''}><head><meta charset="utf-8"><title>Inbox - me@example.com - Gmail (simulated)</title>
<style id="sim-base">
${BASE_CSS}
.gE{cursor:pointer}
</style>
<style id="sim-theme">${opts.theme === 'dark' ? DARK_CSS : LIGHT_CSS}</style>
${opts.globals ? globalsScript(opts.ik) : ''}
</head>
<body>
<div class="nH"><div class="nH">
 <header class="gb_" role="banner"><span class="sim-logo">Gmail</span><span style="font-size:13px;opacity:.7">simulated for Bounce Triage tests</span></header>
 <div class="nH bkL sim-layout">
  <div class="aeN" role="navigation"><div class="TK"><a href="#inbox" title="Inbox">Inbox</a>${keyLink}</div></div>
  <div class="nH bkK sim-pane"><div class="nH aeF" id="sim-views"><div class="nH" id="sim-list-view" role="main"></div></div></div>
 </div>
</div></div>
<script type="application/json" id="sim-data">${data}</script>
<script>
(() => {
  const DATA = JSON.parse(document.getElementById('sim-data').textContent);
  const THEMES = ${JSON.stringify({ light: LIGHT_CSS, dark: DARK_CSS })};
  const sim = (window.__sim = { bodyAt: {}, cardAt: {}, enrichedAt: {}, renders: 0, rendered: null, views: 0 });
${CARD_TIMING}
  // Gmail switches theme by rewriting the text of its style elements.
  sim.setTheme = (name) => { document.getElementById('sim-theme').textContent = THEMES[name]; };
  const views = document.getElementById('sim-views');
  const listView = document.getElementById('sim-list-view');
  let navigation = 0;
  function escapeText(s) { const d = document.createElement('div'); d.textContent = s; return d.innerHTML; }
  function tokenOf() {
    const parts = location.hash.replace(/^#/, '').split('/');
    const last = parts[parts.length - 1];
    return parts.length > 1 && DATA.conversations[last] ? last : null;
  }
  // Only one view is shown at a time (by style) and carries role="main".
  function show(view) {
    for (const v of Array.from(views.children)) {
      if (v === view) { v.style.display = ''; v.setAttribute('role', 'main'); }
      else { v.style.display = 'none'; v.removeAttribute('role'); }
    }
  }
  function fillBody(el, conv, id) {
    const m = conv.messages.find((x) => x.id === id);
    const body = el.querySelector('[data-sim-body="' + id + '"]');
    if (!m || !body) return;
    body.innerHTML = m.body;
  }
  function renderList() {
    listView.innerHTML = '<table class="sim-list F cf zt"><tbody>' + Object.values(DATA.conversations).map((c) =>
      '<tr class="sim-row zA" data-thread="' + c.token + '"><td style="width:200px;font-weight:700">' + escapeText(c.from) +
      '</td><td><a href="#inbox/' + c.token + '"><b>' + escapeText(c.subject) + '</b> - ' + escapeText(c.snippet) + '</a></td></tr>').join('') +
      '</tbody></table>';
  }
  function openThread(token, nav) {
    const conv = DATA.conversations[token];
    // The thread left last stays in the page, hidden: opening it again only shows it (style and
    // role change, nothing is added). Views left earlier go away.
    const kept = Array.from(views.children).find(
      (v) => v.getAttribute('data-sim-thread') === token && v.hasAttribute('data-sim-rendered'),
    );
    for (const v of Array.from(views.children))
      if (v !== listView && v !== kept && v.style.display === 'none') v.remove();
    if (kept) {
      setTimeout(() => { if (nav === navigation) show(kept); }, 15);
      return;
    }
    const view = document.createElement('div');
    view.className = 'nH';
    view.style.display = 'none';
    view.setAttribute('data-sim-thread', token);
    views.appendChild(view);
    sim.views++;
    // The view is shown empty first; the conversation renders a moment later, each body after it.
    setTimeout(() => {
      if (nav !== navigation) return;
      show(view);
      setTimeout(() => {
        if (nav !== navigation) return;
        sim.renders++;
        sim.rendered = token;
        view.setAttribute('data-sim-rendered', '');
        if (conv.unrecognised) { view.innerHTML = conv.unrecognised; return; }
        const t = performance.now();
        view.innerHTML = conv.header + '<div class="nH"><div class="nH aHU"><div class="nH hx"><div class="nH" role="list">' +
          conv.messages.map((m) => (m.expanded ? m.shell : m.collapsed)).join('') + '</div></div></div></div>';
        // Timed from the body element appearing (Gmail fills it a moment later).
        for (const m of conv.messages) if (m.expanded) sim.bodyAt[m.id] = t;
        setTimeout(() => {
          if (nav !== navigation) return;
          for (const m of conv.messages) if (m.expanded) fillBody(view, conv, m.id);
        }, 20);
      }, 40);
    }, 15);
  }
  function route() {
    const nav = ++navigation;
    const token = tokenOf();
    if (token) openThread(token, nav);
    else setTimeout(() => { if (nav === navigation) show(listView); }, 15);
  }
  views.addEventListener('click', (ev) => {
    const target = ev.target;
    if (!target.closest) return;
    const view = target.closest('[data-sim-thread]');
    const conv = view && DATA.conversations[view.getAttribute('data-sim-thread')];
    if (!conv) return;
    const row = target.closest('[role="listitem"]');
    if (!row) return;
    const id = row.getAttribute('data-sim-id');
    if (row.classList.contains('kv')) {
      const kept = row.querySelector('.sim-real');
      if (kept) {
        // Expanded before: Gmail shows the kept body again.
        row.classList.replace('kv', 'h7');
        row.setAttribute('aria-expanded', 'true');
        const t = performance.now();
        kept.style.display = '';
        sim.bodyAt[id] = t;
        return;
      }
      const m = conv.messages.find((x) => x.id === id);
      const tpl = document.createElement('template');
      tpl.innerHTML = m.shell;
      const el = tpl.content.firstElementChild;
      const t = performance.now();
      row.replaceWith(el);
      sim.bodyAt[id] = t;
      setTimeout(() => fillBody(el, conv, id), 20);
      return;
    }
    if (row.classList.contains('h7') && target.closest('.gE')) {
      // Collapsing keeps the old body in the page, hidden.
      row.classList.replace('h7', 'kv');
      row.setAttribute('aria-expanded', 'false');
      const real = row.querySelector('.sim-real');
      if (real) real.style.display = 'none';
    }
  });
  renderList();
  window.addEventListener('hashchange', route);
  window.addEventListener('load', () => setTimeout(route, DATA.renderDelayMs));
})();
</script>
</body></html>`;
}

function rawMessagePage(m: SimMessage): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Original Message</title></head><body>
<div class="raw_message"><pre class="raw_message_text" id="raw_message_text">${escapeHtml(m.raw.toString('latin1'))}</pre></div></body></html>`;
}

// ---------------------------------------------------------------------------------------------
// Serving

export interface GmailSimOptions {
  theme?: 'light' | 'dark';
  renderDelayMs?: number;
  /** HTTP status for raw-source requests (e.g. 500 to simulate a failed fetch); 200 by default. */
  rawStatus?: number;
  /** Delay before answering raw-source requests, in ms. */
  rawDelayMs?: number;
  /** Ask the extension to mark processed messages (data-bt-ms, data-bt-raw) for tests and timing. */
  measure?: boolean;
  /** Render Gmail's split view (list and conversation side by side; simple layout only). */
  splitPane?: boolean;
  /**
   * "realistic" (default): Gmail as maintained integrations describe it in 2025-26 (one page life,
   * opaque hash tokens, views shown and hidden by style with role="main" moving, asynchronous
   * rendering, hidden empty body copies, the account key in an inline GLOBALS script, Show
   * original only with that key, the download form redirected to another origin without CORS
   * headers, theme switches by rewriting style text: sim.setTheme in the page).
   * "simple": one pane re-rendered per hash (#inbox/<thread hex>), raw sources at both URLs.
   */
  layout?: 'realistic' | 'simple';
  /** The account key `ik` of the realistic layout. */
  ik?: string;
  /** Realistic layout: the inline GLOBALS script carries the key (default true). */
  globals?: boolean;
  /** Realistic layout: a Gmail link carries ik= (default false). */
  keyLinks?: boolean;
  /** Realistic layout: where the hidden, empty body copy sits (default: alternating). */
  hiddenBody?: 'first' | 'last' | 'alternate';
}

const ATTACHMENT_ORIGIN = 'https://mail-attachment.googleusercontent.com';

/** A request to the simulated https://mail.google.com/, as any browser driver sees it. */
export interface SimRequest {
  url: string;
  method: string;
  /** Request headers, names in lower case. */
  headers: Record<string, string>;
}

/** The simulator's answer: status, headers (names in lower case) and body. */
export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

function textResponse(status: number, contentType: string, body: string): SimResponse {
  return { status, headers: { 'content-type': contentType }, body: Buffer.from(body, 'utf8') };
}

export interface RawRequest {
  url: string;
  view: string | null;
  messageId: string | null;
  account: string | null;
}

/**
 * Serves simulated Gmail at https://mail.google.com/ for one browser context.
 *
 *   const sim = new GmailSim();
 *   const conv = await sim.add(['/path/bounce.eml']);
 *   await sim.install(ext.context);
 *   await page.goto(sim.url(conv));
 */
export class GmailSim {
  /** Origins the simulator answers for: Gmail, and where Gmail redirects attachment downloads. */
  static readonly ORIGINS = [
    'https://mail.google.com',
    'https://mail-attachment.googleusercontent.com',
  ] as const;
  readonly conversations: SimConversation[] = [];
  readonly rawRequests: RawRequest[] = [];
  /** Number of times the Gmail page itself was served (one page life: 1). */
  pageLoads = 0;
  options: Required<GmailSimOptions>;
  private messages = new Map<string, SimMessage>();
  private rendered = new Map<string, RenderedConversation>();

  constructor(opts: GmailSimOptions = {}) {
    this.options = {
      theme: 'light',
      renderDelayMs: 150,
      rawStatus: 200,
      rawDelayMs: 0,
      measure: true,
      splitPane: false,
      layout: 'realistic',
      ik: '4f1d2e9a7c',
      globals: true,
      keyLinks: false,
      hiddenBody: 'alternate',
      ...opts,
    };
  }

  get realistic(): boolean {
    return this.options.layout === 'realistic';
  }

  /** Add a conversation built from .eml paths (or buffers). */
  async add(
    items: Parameters<typeof conversationFrom>[0],
    opts: Parameters<typeof conversationFrom>[1] = {},
  ): Promise<SimConversation> {
    const conv = await conversationFrom(items, opts);
    this.addConversation(conv);
    return conv;
  }

  addConversation(conv: SimConversation): void {
    this.conversations.push(conv);
    for (const m of conv.messages) {
      this.messages.set(`msg-f:${m.decimal}`, m);
      if (m.sent) this.messages.set(`msg-a:r-${m.decimal}`, m);
    }
    this.rendered.clear();
  }

  /** URL of a conversation (or the inbox) for an account path such as "u/0" or "b/123/u/0". */
  url(conv?: SimConversation, account = 'u/0'): string {
    return `https://mail.google.com/mail/${account}/${conv ? this.hash(conv) : '#inbox'}`;
  }

  /** The hash that opens a conversation: an opaque token (realistic) or the thread hex (simple). */
  hash(conv: SimConversation): string {
    return `#inbox/${this.realistic ? conv.token : conv.threadHex}`;
  }

  /** Raw-source URL Gmail serves for a message (the "download original" form). */
  rawUrl(m: SimMessage, account = 'u/0'): string {
    return `https://mail.google.com/mail/${account}/?view=att&permmsgid=msg-f:${m.decimal}&attid=0&disp=comp&safe=1&zw`;
  }

  private renderedFor(account: string): RenderedConversation[] {
    return this.conversations.map((c) => {
      const key = `${account}|${c.threadHex}`;
      let r = this.rendered.get(key);
      if (!r) {
        r = renderConversation(c, account);
        this.rendered.set(key, r);
      }
      return r;
    });
  }

  /** The simulated Gmail page (all conversations, opened by hash) for an account path. */
  page(account = 'u/0'): string {
    if (this.realistic) {
      return realisticShellPage(
        this.conversations.map((c) => realisticConversation(c, account, this.options.hiddenBody)),
        {
          account,
          theme: this.options.theme,
          renderDelayMs: this.options.renderDelayMs,
          measure: this.options.measure,
          splitPane: false,
          ik: this.options.ik,
          globals: this.options.globals,
          keyLinks: this.options.keyLinks,
        },
      );
    }
    return shellPage(this.renderedFor(account), {
      account,
      theme: this.options.theme,
      renderDelayMs: this.options.renderDelayMs,
      measure: this.options.measure,
      splitPane: this.options.splitPane,
    });
  }

  /**
   * Answer one request to https://mail.google.com/ (browser-agnostic: any interception layer can
   * call it). The raw-source delay (rawDelayMs) is awaited here.
   */
  async respond(req: SimRequest): Promise<SimResponse> {
    const url = new URL(req.url);
    if (url.origin === ATTACHMENT_ORIGIN) return this.respondAttachment(url);
    if (url.origin !== 'https://mail.google.com') return textResponse(404, 'text/plain', 'not found');
    const m = /^\/mail\/((?:b\/[^/]+\/)?u\/\d+)\/?$/.exec(url.pathname);
    if (!m) return textResponse(404, 'text/plain', 'not found');
    const account = m[1] ?? 'u/0';
    const view = url.searchParams.get('view');
    if (view === 'att' || view === 'om') {
      const perm = url.searchParams.get('permmsgid') ?? '';
      const id = /^msg-[fa]:r?-?(\d+)$/.exec(perm)?.[1] ?? null;
      this.rawRequests.push({ url: url.href, view, messageId: id, account });
      if (this.options.rawDelayMs > 0) await new Promise((r) => setTimeout(r, this.options.rawDelayMs));
      const msg = this.messages.get(perm);
      if (this.options.rawStatus !== 200) {
        return textResponse(this.options.rawStatus, 'text/html', '<html><body>Temporary Error</body></html>');
      }
      if (!msg) return textResponse(404, 'text/html', '<html><body>Not found</body></html>');
      if (view === 'att') {
        if (!this.realistic) return { status: 200, headers: { 'content-type': 'text/plain' }, body: msg.raw };
        // Gmail sends the download elsewhere; that origin sends no CORS headers.
        const target = new URL(`${ATTACHMENT_ORIGIN}/attachment/${account}/`);
        target.search = url.search;
        target.searchParams.set('sadnir', '1');
        return {
          status: 302,
          headers: { location: target.href, 'content-type': 'text/html' },
          body: Buffer.alloc(0),
        };
      }
      if (this.realistic && url.searchParams.get('ik') !== this.options.ik) {
        return textResponse(400, 'text/html; charset=utf-8', '<html><body>Bad Request</body></html>');
      }
      return textResponse(200, 'text/html; charset=utf-8', rawMessagePage(msg));
    }
    this.pageLoads++;
    return textResponse(200, 'text/html; charset=utf-8', this.page(account));
  }

  /** The redirect target of the download form: the bytes, without Access-Control-Allow-Origin. */
  private respondAttachment(url: URL): SimResponse {
    const perm = url.searchParams.get('permmsgid') ?? '';
    this.rawRequests.push({
      url: url.href,
      view: 'att-redirected',
      messageId: /(\d+)$/.exec(perm)?.[1] ?? null,
      account: null,
    });
    const msg = this.messages.get(perm);
    if (!msg) return textResponse(404, 'text/plain', 'not found');
    return { status: 200, headers: { 'content-type': 'message/rfc822' }, body: msg.raw };
  }

  /** Playwright adapter: the handler behind context.route('https://mail.google.com/**'). */
  async handle(route: Route): Promise<void> {
    const request = route.request();
    const res = await this.respond({
      url: request.url(),
      method: request.method(),
      headers: request.headers(),
    });
    await route.fulfill({ status: res.status, headers: res.headers, body: res.body });
  }

  private installed: { context: BrowserContext; handler: (route: Route) => Promise<void> } | null = null;

  /** Route every request of `context` to the simulator's origins here (replacing a previous one). */
  async install(context: BrowserContext): Promise<void> {
    const handler = (route: Route) => this.handle(route);
    for (const origin of GmailSim.ORIGINS) {
      await context.unroute(`${origin}/**`);
      await context.route(`${origin}/**`, handler);
    }
    this.installed = { context, handler };
  }

  async uninstall(): Promise<void> {
    if (!this.installed) return;
    for (const origin of GmailSim.ORIGINS) {
      await this.installed.context.unroute(`${origin}/**`, this.installed.handler);
    }
    this.installed = null;
  }
}
