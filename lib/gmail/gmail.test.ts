// @vitest-environment happy-dom
/**
 * The Gmail adapter on the project's Gmail-like pages (tests/fixtures/gmail-dom): selectors,
 * ids, the gate, the raw loader and the controller with a recording renderer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyMessage, classifyVisible } from '../engine';
import type { RuntimeMessage } from '../messages';
import { GmailController, type CardRenderer, type CardView, type ContextLike } from './controller';
import { gate, textPrefix, type GateInput } from './gate';
import {
  accountOf,
  hexToDecimal,
  permIdOf,
  threadIdOf,
  isConversationHash,
  messageIdOf,
  rawSourceUrl,
  showOriginalUrl,
} from './ids';
import { keyFromScriptText, readAccountKey } from './ik';
import { RawSourceLoader, looksLikeMessage, sourceFromShowOriginal } from './raw';
import { readGateInput, scanConversation, visibleBody } from './scan';
import { SELECTORS, queryAll, queryFirst } from './selectors';
import { luminance, parseRgb } from './theme';
import { CORPUS_BSD, GMAIL_PAGES as FIXTURES } from '../../tests/corpus/paths';

const PAGES = {
  bounce: 'gmail-thread-gmail-bounce.synthetic.html',
  conversation: 'gmail-conversation-with-bounce.synthetic.html',
  outlook: 'gmail-thread-outlook-ndr.synthetic.html',
} as const;

const windows: Window[] = [];
afterEach(async () => {
  for (const w of windows.splice(0)) await w.happyDOM.close();
});

function load(
  page: keyof typeof PAGES,
  url = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmbXpTsnQlqfBhxHVmzq',
): Window {
  const win = new Window({
    url,
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
    },
  });
  windows.push(win);
  win.document.write(readFileSync(join(FIXTURES, PAGES[page]), 'utf8'));
  return win;
}

const doc = (w: Window) => w.document as unknown as Document;

describe('ids', () => {
  it('converts legacy hex ids to the decimal of data-message-id', () => {
    expect(hexToDecimal('19076b3c2a1f5e21')).toBe('1803528081934081569');
    expect(hexToDecimal('not-hex')).toBeNull();
  });

  it.each([
    ['/mail/u/0/', 'u/0'],
    ['/mail/u/1/', 'u/1'],
    ['/mail/b/1234567890/u/0/', 'b/1234567890/u/0'],
    ['/mail/', 'u/0'],
    ['/mail/u/3', 'u/3'],
  ])('account of %s is %s', (path, account) => {
    expect(accountOf(path)).toBe(account);
  });

  it('builds raw URLs from the page path', () => {
    expect(rawSourceUrl('/mail/u/1/', '42')).toBe(
      '/mail/u/1/?view=att&permmsgid=msg-f:42&attid=0&disp=comp&safe=1&zw',
    );
    expect(showOriginalUrl('/mail/b/9/u/0/', '42')).toBe('/mail/b/9/u/0/?view=om&permmsgid=msg-f:42');
  });

  it.each([
    ['#inbox/FMfcgzQXJWDsKmbXpTsnQlqfBhxHVmzq', true],
    ['#label/Work/19076b2f10aa0c01', true],
    ['#search/bounce/FMfcgzQXJWDsKmbXpTsnQlqfBhxHVmzq', true],
    ['#inbox', false],
    ['#inbox/p2', false],
    ['', false],
  ])('%s is a conversation: %s', (hash, yes) => {
    expect(isConversationHash(hash)).toBe(yes);
  });
});

describe('selectors and scanning on the fixture pages', () => {
  it('finds the Gmail bounce with its ids, sender, body and thread', () => {
    const w = load('bounce');
    const scan = scanConversation(doc(w));
    expect(scan.failedSelector).toBeNull();
    expect(scan.messages.map((m) => m.id)).toEqual(['1803528081934081569']);
    expect(scan.messages[0]!.body?.classList.contains('a3s')).toBe(true);
    expect(scan.threadId).toBe('1803528081934081569');
    expect(scan.subject).toBe('Delivery Status Notification (Failure)');
    const gi = readGateInput(scan.messages[0]!, scan.subject);
    expect(gi.fromAddress).toBe('mailer-daemon@googlemail.com');
    expect(gi.fromName).toBe('Mail Delivery Subsystem');
    expect(gi.bodyStart).toContain('Address not found');
  });

  it('in a conversation, sees only the expanded messages (the collapsed original has no body)', () => {
    const w = load('conversation');
    const scan = scanConversation(doc(w));
    expect(scan.messages.map((m) => m.id)).toEqual(['1803528106204703239', '1803528934489030288']);
    expect(scan.messages.every((m) => m.body)).toBe(true);
    expect(scan.subject).toBe('Quarterly report');
    expect(scan.threadId).toBe('1803528025672387585');
  });

  it('reads attachment chip types on the Outlook report', () => {
    const w = load('outlook');
    const scan = scanConversation(doc(w));
    const gi = readGateInput(scan.messages[0]!, scan.subject);
    expect(gi.attachmentTypes).toEqual(['text/plain', 'message/rfc822']);
    expect(gi.fromName).toBe('Microsoft Outlook');
  });

  it('falls back to older candidates and reports which required selector failed', () => {
    const w = load('bounce');
    const d = doc(w);
    // Gmail drops the adn class but keeps the data attribute: the second candidate still matches.
    for (const el of Array.from(d.querySelectorAll('div.adn'))) el.classList.remove('adn');
    expect(queryAll(d, SELECTORS.message)).toHaveLength(1);
    expect(messageIdOf(queryAll(d, SELECTORS.message)[0]!)).toBe('1803528081934081569');
    // Gmail drops the message ids altogether: nothing found, and the scan names the selector.
    for (const el of Array.from(d.querySelectorAll('[data-message-id],[data-legacy-message-id]'))) {
      el.removeAttribute('data-message-id');
      el.removeAttribute('data-legacy-message-id');
    }
    expect(scanConversation(d).failedSelector).toBe('message');
    d.querySelector('[role="main"]')!.removeAttribute('role');
    d.querySelector('div.bkK')!.classList.remove('bkK');
    expect(scanConversation(d).failedSelector).toBe('conversationPane');
    expect(queryFirst(d, SELECTORS.conversationPane)).toBeNull();
  });
});

describe('the cheap gate', () => {
  const base: GateInput = {
    fromAddress: 'alice@example.net',
    fromName: 'Alice',
    subject: 'Lunch',
    attachmentTypes: [],
    bodyStart: 'Hi there',
  };

  it('lets report writers through by address or display name', () => {
    for (const fromAddress of [
      'MAILER-DAEMON@mx.example.org',
      'postmaster@outlook.com',
      'mailer_daemon@x.jp',
      'Mail.Delivery.Subsystem@example.com',
    ]) {
      expect(gate({ ...base, fromAddress }), fromAddress).toBe('sender');
    }
    for (const fromName of [
      'Mail Delivery Subsystem',
      'Mail Delivery System',
      'Microsoft Outlook',
      'Mail Administrator',
    ]) {
      expect(gate({ ...base, fromName }), fromName).toBe('sender-name');
    }
  });

  it.each([
    'Undeliverable: Quarterly report',
    'Delivery Status Notification (Failure)',
    'Returned mail: see transcript for details',
    'Mail delivery failed: returning message to sender',
    'Non remis : Rapport',
    'Unzustellbar: Bericht',
    'No se puede entregar: Informe',
    'Non recapitabile: Rapporto',
    '配信エラー',
    'Onbestelbaar: rapport',
    'Automatic reply: Quarterly report',
    'Warning: message 1abc delayed 4 hours',
  ])('lets the subject "%s" through', (subject) => {
    expect(gate({ ...base, subject })).not.toBeNull();
  });

  it('lets report parts and report wording through', () => {
    expect(gate({ ...base, attachmentTypes: ['message/delivery-status'] })).toBe('structure');
    expect(
      gate({ ...base, bodyStart: 'Reporting-MTA: dns; mx.example.org\nFinal-Recipient: rfc822; x@y' }),
    ).toBe('body');
    expect(gate({ ...base, bodyStart: "I'm currently away until Monday" })).toBe('auto-reply-text');
  });

  it.each([
    'Lunch on Friday?',
    'Re: Quarterly report',
    'July newsletter',
    'Invoice 2024-113',
    'Your delivery from the bakery',
  ])('keeps ordinary mail out: "%s"', (subject) => {
    expect(gate({ ...base, subject })).toBeNull();
  });

  it('reads only a bounded prefix of a long body', () => {
    const w = new Window();
    windows.push(w);
    const div = w.document.createElement('div');
    for (let i = 0; i < 2000; i++)
      div.appendChild(w.document.createTextNode(`paragraph ${i} of a very long newsletter. `));
    expect(textPrefix(div as unknown as Node, 500).length).toBeLessThanOrEqual(500);
  });
});

describe('theme', () => {
  it('parses computed colours and tells dark from light', () => {
    expect(parseRgb('rgb(255, 255, 255)')).toEqual([255, 255, 255]);
    expect(parseRgb('rgba(0, 0, 0, 0)')).toBeNull();
    expect(luminance([31, 31, 31])).toBeLessThan(0.2);
    expect(luminance([246, 248, 252])).toBeGreaterThan(0.8);
  });
});

const RAW = 'From: MAILER-DAEMON@example.org\r\nSubject: Undelivered Mail\r\n\r\nbody\r\n';

describe('raw source loader', () => {
  it('fetches one message at a time, each id once, from the account path', async () => {
    let active = 0;
    let maxActive = 0;
    const urls: string[] = [];
    const loader = new RawSourceLoader({
      pathname: () => '/mail/u/1/',
      fetch: async (url) => {
        urls.push(url);
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise((r) => setTimeout(r, 5));
        active--;
        return new Response(RAW, { status: 200 });
      },
    });
    const results = await Promise.all([
      loader.load('1'),
      loader.load('2'),
      loader.load('1'),
      loader.load('3'),
    ]);
    expect(results.every((r) => r.ok && new TextDecoder().decode(r.bytes) === RAW)).toBe(true);
    expect(maxActive).toBe(1);
    expect(urls).toEqual(['1', '2', '3'].map((id) => rawSourceUrl('/mail/u/1/', id)));
  });

  const page = `<html><body><pre id="raw_message_text" class="raw_message_text">${RAW.replace(/</g, '&lt;')}</pre></body></html>`;

  it('asks Show original with the account key first, and the download form only when it fails', async () => {
    const urls: string[] = [];
    const loader = new RawSourceLoader({
      pathname: () => '/mail/u/0/',
      accountKey: () => '1a2b3c4d5e',
      fetch: async (url) => {
        urls.push(url);
        return url.includes('ik=1a2b3c4d5e') && url.includes('msg-f:7')
          ? new Response(page, { status: 200 })
          : url.includes('view=att')
            ? new Response(RAW, { status: 200 })
            : new Response('<html>error</html>', { status: 400 });
      },
    });
    const first = await loader.load('7');
    expect(first.ok && first.via).toBe('show-original');
    expect(urls).toEqual(['/mail/u/0/?ik=1a2b3c4d5e&view=om&permmsgid=msg-f:7']);
    const second = await loader.load('msg-f:8');
    expect(second.ok && second.via).toBe('download');
    expect(urls.slice(1)).toEqual([
      '/mail/u/0/?ik=1a2b3c4d5e&view=om&permmsgid=msg-f:8',
      '/mail/u/0/?view=att&permmsgid=msg-f:8&attid=0&disp=comp&safe=1&zw',
    ]);
  });

  it('without a key, tries the download form then Show original, and names the step that failed', async () => {
    const loader = new RawSourceLoader({
      pathname: () => '/mail/u/0/',
      fetch: async (url) =>
        url.includes('view=att')
          ? new Response('<!doctype html><html>login</html>', { status: 200 })
          : new Response(page, { status: 200 }),
    });
    const got = await loader.load('7');
    expect(got.ok && new TextDecoder().decode(got.bytes)).toBe(RAW);
    const failing = new RawSourceLoader({
      pathname: () => '/mail/u/0/',
      accountKey: () => 'abcdef1234',
      fetch: async () => new Response('oops', { status: 500 }),
    });
    expect(await failing.load('7')).toEqual({ ok: false, step: 'download', why: 'HTTP 500', key: true });
    const throwing = new RawSourceLoader({
      pathname: () => '/mail/u/0/',
      fetch: async () => Promise.reject(new TypeError('Failed to fetch')),
    });
    expect(await throwing.load('7')).toEqual({
      ok: false,
      step: 'show-original',
      why: 'network',
      key: false,
    });
  });

  it('tells a message from an HTML page', () => {
    expect(looksLikeMessage(new TextEncoder().encode(RAW))).toBe(true);
    expect(looksLikeMessage(new TextEncoder().encode('<!DOCTYPE html><html>'))).toBe(false);
    expect(sourceFromShowOriginal('<html><body>nothing</body></html>')).toBeNull();
  });
});

function fakeCtx(): ContextLike & { abort(): void } {
  const ac = new AbortController();
  return {
    signal: ac.signal,
    get isInvalid() {
      return ac.signal.aborted;
    },
    setTimeout: (h, ms) => setTimeout(h, ms) as unknown as number,
    addEventListener: (t, type, h) => t.addEventListener(type, h, { signal: ac.signal }),
    abort: () => ac.abort(),
  };
}

function recordingRenderer() {
  const mounts: CardView[] = [];
  const updates: CardView[] = [];
  let removed = 0;
  const renderer: CardRenderer = {
    async mount(body, view) {
      mounts.push(view);
      const host = body.ownerDocument.createElement('bounce-triage-card');
      body.before(host);
      return {
        host,
        update: (v) => updates.push(v),
        remove: () => {
          removed++;
          host.remove();
        },
      };
    },
  };
  return { renderer, mounts, updates, removed: () => removed };
}

const settle = () => new Promise((r) => setTimeout(r, 30));

/** A started controller on `d` with the real engine; `over` replaces any option. */
function startController(
  d: Document,
  ctx: ContextLike,
  renderer: CardRenderer,
  over: Partial<ConstructorParameters<typeof GmailController>[0]> = {},
): GmailController {
  const c = new GmailController({
    ctx,
    doc: d,
    engine: { classifyMessage, classifyVisible },
    renderer,
    send: () => undefined,
    ...over,
  });
  c.start();
  return c;
}

describe('controller on the fixture pages', () => {
  it('classifies the visible bounce, then keeps it when the raw fetch fails', async () => {
    const w = load('bounce');
    const ctx = fakeCtx();
    const rec = recordingRenderer();
    const sent: RuntimeMessage[] = [];
    const c = startController(doc(w), ctx, rec.renderer, {
      send: (m) => sent.push(m),
      fetch: async () => new Response('', { status: 500 }),
    });
    await settle();
    expect(rec.mounts).toHaveLength(1);
    expect(rec.mounts[0]!.messageId).toBe('1803528081934081569');
    expect(rec.mounts[0]!.result.kind).toBe('failed');
    expect(rec.mounts[0]!.result.records[0]?.recipient).toBe('no.such.user@example.org');
    expect(rec.mounts[0]!.rawFailed).toBe(false);
    // One update: the same verdict, now saying it is the first view only.
    expect(rec.updates).toHaveLength(1);
    expect(rec.updates[0]).toMatchObject({ rawFailed: true, enriched: false, source: 'visible' });
    expect(rec.updates[0]!.result).toEqual(rec.mounts[0]!.result);
    expect(sent.find((m) => m.type === 'page-status')).toMatchObject({ recognised: true });
    expect(sent.filter((m) => m.type === 'bounce-seen')).toHaveLength(1);
    // Scanning again classifies nothing new and mounts nothing twice.
    c.scan();
    await settle();
    expect(c.classifiedCount).toBe(1);
    expect(rec.mounts).toHaveLength(1);
    ctx.abort();
    expect(rec.removed()).toBe(1);
  });

  it('in a conversation, cards the bounce only; the raw source replaces the first view', async () => {
    const w = load('conversation');
    const ctx = fakeCtx();
    const rec = recordingRenderer();
    const raw = readFileSync(join(CORPUS_BSD, 'lhost-gmail-01.eml'));
    const c = startController(doc(w), ctx, rec.renderer, {
      fetch: async () => new Response(raw, { status: 200 }),
    });
    await settle();
    expect(rec.mounts.map((m) => m.messageId)).toEqual(['1803528106204703239']);
    expect(c.raw.requests).toBe(1);
    expect(rec.updates.at(-1)).toMatchObject({ source: 'raw', enriched: true });
    ctx.abort();
  });

  it('cards the Microsoft 365 report from its visible text', async () => {
    const w = load('outlook');
    const ctx = fakeCtx();
    const rec = recordingRenderer();
    startController(doc(w), ctx, rec.renderer, {
      fetch: async () => new Response('', { status: 404 }),
    });
    await settle();
    expect(rec.mounts).toHaveLength(1);
    expect(rec.mounts[0]!.result.kind).toBe('failed');
    // (happy-dom has no layout, so innerText keeps no line breaks; the real browser is covered end to end.)
    expect(rec.mounts[0]!.result.records[0]).toMatchObject({ recipient: 'carol@contoso.example' });
    ctx.abort();
  });

  it('follows Gmail when it swaps the whole pane element without a URL change', async () => {
    const w = load('bounce');
    const d = doc(w);
    const ctx = fakeCtx();
    const rec = recordingRenderer();
    const c = startController(d, ctx, rec.renderer, { fetch: async () => new Response('', { status: 500 }) });
    await settle();
    expect(rec.mounts).toHaveLength(1);
    const oldPane = d.querySelector('[role="main"]')!;
    const fresh = oldPane.cloneNode(true) as Element;
    fresh.querySelector('bounce-triage-card')?.remove();
    oldPane.replaceWith(fresh);
    await settle();
    expect(rec.removed()).toBe(1);
    expect(rec.mounts).toHaveLength(2);
    expect(d.querySelectorAll('bounce-triage-card')).toHaveLength(1);
    // Later changes inside the new pane are seen too.
    const clone = fresh.querySelector('div.adn')!.cloneNode(true) as Element;
    clone.querySelector('bounce-triage-card')?.remove();
    fresh.querySelector('div.adn')!.replaceWith(clone);
    await settle();
    expect(rec.mounts).toHaveLength(3);
    expect(c.classifiedCount).toBe(1);
    ctx.abort();
  });

  it('survives an engine that throws and a background that is gone', async () => {
    const w = load('conversation');
    const ctx = fakeCtx();
    const rec = recordingRenderer();
    const c = new GmailController({
      ctx,
      doc: doc(w),
      engine: {
        classifyMessage: () => {
          throw new Error('engine bug');
        },
        classifyVisible: (m) => {
          if (m.fromAddress?.startsWith('mailer-daemon')) return classifyVisible(m);
          throw new Error('engine bug');
        },
      },
      renderer: rec.renderer,
      send: () => {
        throw new Error('Extension context invalidated.');
      },
      fetch: async () => new Response(RAW, { status: 200 }),
    });
    expect(() => c.start()).not.toThrow();
    await settle();
    expect(rec.mounts.map((m) => m.messageId)).toEqual(['1803528106204703239']);
    ctx.abort();
  });

  it('says "not recognised" when a conversation URL shows no message it can find, without throwing', async () => {
    const w = load('bounce');
    const d = doc(w);
    for (const el of Array.from(d.querySelectorAll('[data-message-id]'))) el.remove();
    const ctx = fakeCtx();
    const rec = recordingRenderer();
    const sent: RuntimeMessage[] = [];
    startController(d, ctx, rec.renderer, { send: (m) => sent.push(m), unrecognisedAfterMs: 10 });
    await settle();
    expect(rec.mounts).toHaveLength(0);
    expect(sent).toEqual([
      expect.objectContaining({ type: 'page-status', recognised: false, failedSelector: 'message' }),
    ]);
    ctx.abort();
  });

  it('looks again later at a page it did not recognise, and cards what appeared meanwhile', async () => {
    const w = load('bounce');
    const d = doc(w);
    // Gmail sets the ids late: an attribute the observer does not watch, so only a later look sees it.
    const ids = Array.from(d.querySelectorAll('[data-message-id]')).map((el) => {
      const id = el.getAttribute('data-message-id')!;
      el.removeAttribute('data-message-id');
      el.removeAttribute('data-legacy-message-id');
      return { el, id };
    });
    const ctx = fakeCtx();
    const rec = recordingRenderer();
    const sent: RuntimeMessage[] = [];
    startController(d, ctx, rec.renderer, {
      send: (m) => sent.push(m),
      fetch: async () => new Response('', { status: 500 }),
      unrecognisedAfterMs: 10,
      rescanDelaysMs: [],
      lookAgainDelaysMs: [60],
    });
    await new Promise((r) => setTimeout(r, 30));
    expect(sent.filter((m) => m.type === 'page-status')).toEqual([
      expect.objectContaining({ recognised: false }),
    ]);
    for (const { el, id } of ids) el.setAttribute('data-message-id', id);
    await new Promise((r) => setTimeout(r, 120));
    await settle();
    expect(rec.mounts).toHaveLength(1);
    expect(sent.filter((m) => m.type === 'page-status').at(-1)).toMatchObject({ recognised: true });
    ctx.abort();
  });
});

describe('real Gmail quirks', () => {
  function page(html: string): Document {
    const w = new Window({
      url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmbXpTsnQlqfBhxHVmzq',
      settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true },
    });
    windows.push(w);
    w.document.write(html);
    return w.document as unknown as Document;
  }

  it('reads the account key from the inline GLOBALS script (index 9), else from a Gmail link', () => {
    const globals = 'var GLOBALS=[null,"a]b,c",[1,[2]],{"k":[3]},0,,"x",\'y\',"",' + '"1a2b3c4d5e",7];';
    expect(keyFromScriptText(globals)).toBe('1a2b3c4d5e');
    expect(keyFromScriptText('var GLOBALS=[1,2,3];')).toBeNull();
    expect(keyFromScriptText('var GLOBALS=[0,1,2,3,4,5,6,7,8,"<script>"];')).toBeNull();
    expect(readAccountKey(page(`<script>${globals}</script><a href="?ik=ffff000011&view=pt">p</a>`))).toEqual(
      {
        key: '1a2b3c4d5e',
        from: 'globals',
      },
    );
    expect(readAccountKey(page('<a href="/mail/u/0/?ik=ffff000011&view=pt">print</a>'))).toEqual({
      key: 'ffff000011',
      from: 'link',
    });
    expect(readAccountKey(page('<p>nothing</p>'))).toBeNull();
  });

  it('picks the visible body with text, skipping a hidden empty copy and the "undefined" placeholder', () => {
    const d = page(`<div class="adn" data-message-id="#msg-f:1">
      <div class="ii gt" style="display:none"><div class="a3s undefined"></div></div>
      <div class="ii gt"><div class="a3s undefined"></div></div>
      <div class="ii gt"><div class="a3s" id="real">Delivery failed</div></div></div>
      <div class="adn" data-message-id="#msg-f:2"><div class="ii gt"><div class="a3s" id="empty"> </div></div></div>
      <div class="adn" data-message-id="#msg-f:3"><div class="ii gt" style="display:none"><div class="a3s">old</div></div></div>`);
    const [one, two, three] = Array.from(d.querySelectorAll('div.adn'));
    expect(visibleBody(one!).body?.id).toBe('real');
    expect(visibleBody(two!)).toEqual({ body: null, empty: d.getElementById('empty') });
    expect(visibleBody(three!)).toEqual({ body: null, empty: null });
  });

  it('keys a message just sent by its msg-a id, and reads a thread whose perm id is "undefined" by its legacy id', () => {
    const d =
      page(`<h2 class="hP" data-thread-perm-id="undefined" data-legacy-thread-id="19076b3c2a1f5e21">s</h2>
      <div class="adn" id="sent" data-message-id="#msg-a:r-8123456789012345678"></div>
      <div class="adn" id="recv" data-message-id="#msg-f:1803528081934081569" data-legacy-message-id="19076b3c2a1f5e21"></div>`);
    expect(threadIdOf(d.querySelector('h2.hP'))).toBe('1803528081934081569');
    expect(messageIdOf(d.getElementById('sent')!)).toBe('msg-a:r-8123456789012345678');
    expect(permIdOf(d.getElementById('sent')!)).toBe('msg-a:r-8123456789012345678');
    expect(permIdOf(d.getElementById('recv')!)).toBe('msg-f:1803528081934081569');
    expect(showOriginalUrl('/mail/u/1/', 'msg-a:r-81', 'abc123')).toBe(
      '/mail/u/1/?ik=abc123&view=om&permmsgid=msg-a:r-81',
    );
  });
});
