/**
 * The Gmail simulator itself: pages follow the fixtures' structure, raw sources are served at
 * Gmail's URLs for every account path, failures can be simulated.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BSD } from './support/corpus';
import { launchExtension, type LaunchedExtension } from './support/extension';
import { GmailSim } from './support/gmail-sim';

const CORPUS = `${BSD}/`;
let ext: LaunchedExtension;

beforeAll(async () => {
  ext = await launchExtension({ extensionPath: inject('extensionDir') });
});
afterAll(async () => {
  await ext?.close();
});

describe('Gmail simulator', () => {
  it('renders a conversation with Gmail hooks, attachment chips and collapsed rows', async () => {
    const sim = new GmailSim();
    const conv = await sim.add([
      { path: `${CORPUS}rfc3464-01.eml`, expanded: false },
      `${CORPUS}lhost-postfix-01.eml`,
    ]);
    const page = await ext.context.newPage();
    await sim.install(page.context());
    await page.goto(sim.url(conv));
    await page.waitForSelector('div.adn[data-message-id]');
    const shape = await page.evaluate(() => ({
      expanded: [...document.querySelectorAll('div.adn')].map((e) => e.getAttribute('data-message-id')),
      collapsed: document.querySelectorAll('.kv').length,
      subject: document.querySelector('h2.hP')?.textContent,
      sender: document.querySelector('div.adn span.gD')?.getAttribute('email'),
      chips: [...document.querySelectorAll('div.adn .hq span.aZo')].map(
        (e) => e.getAttribute('download_url')?.split(':')[0],
      ),
      bodyHasDsnFields: /Reporting-MTA|Final-Recipient/i.test(
        document.querySelector('div.adn div.a3s')?.textContent ?? '',
      ),
    }));
    expect(shape.expanded).toEqual([`#msg-f:${conv.messages[1]!.decimal}`]);
    expect(shape.collapsed).toBe(1);
    expect(shape.subject).toBe(conv.subject);
    expect(shape.sender?.toLowerCase()).toMatch(/^mailer-daemon@/);
    expect(shape.chips).toContain('message/delivery-status');
    expect(shape.bodyHasDsnFields).toBe(false);
    await page.click('.kv');
    expect(await page.locator('div.adn').count()).toBe(2);
    await page.close();
  });

  it('serves the raw source at both Gmail raw URLs, for /u/1/ and delegated accounts, and can fail', async () => {
    const sim = new GmailSim({ layout: 'simple' });
    const conv = await sim.add([`${CORPUS}lhost-gmail-01.eml`]);
    const msg = conv.messages[0]!;
    const page = await ext.context.newPage();
    await sim.install(page.context());
    await page.goto(sim.url(conv, 'b/123456/u/0'));
    const got = await page.evaluate(async (id) => {
      const att = await fetch(
        `/mail/b/123456/u/0/?view=att&permmsgid=msg-f:${id}&attid=0&disp=comp&safe=1&zw`,
      );
      const om = await fetch(`/mail/u/1/?ik=abc&view=om&permmsgid=msg-f:${id}`);
      const doc = new DOMParser().parseFromString(await om.text(), 'text/html');
      return { att: await att.text(), om: doc.querySelector('pre#raw_message_text')?.textContent ?? '' };
    }, msg.decimal);
    expect(got.att).toBe(msg.raw.toString('latin1'));
    expect(got.om).toBe(msg.raw.toString('latin1'));
    sim.options.rawStatus = 500;
    const status = await page.evaluate(
      async (id) => (await fetch(`/mail/u/0/?view=att&permmsgid=msg-f:${id}&attid=0`)).status,
      msg.decimal,
    );
    expect(status).toBe(500);
    await page.close();
  });

  it('answers requests without a browser (the function any interception layer calls)', async () => {
    const sim = new GmailSim();
    const conv = await sim.add([`${CORPUS}lhost-gmail-01.eml`]);
    const msg = conv.messages[0]!;
    const page = await sim.respond({ url: sim.url(conv), method: 'GET', headers: {} });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body.toString('utf8')).toContain('<html');
    // Show original answers only with the account key of the page.
    const om = (ik: string) =>
      sim.respond({
        url: `https://mail.google.com/mail/u/0/?ik=${ik}&view=om&permmsgid=msg-f:${msg.decimal}`,
        method: 'GET',
        headers: {},
      });
    expect(page.body.toString('utf8')).toContain(`"${sim.options.ik}"`);
    expect((await om(sim.options.ik)).body.toString('utf8')).toContain('raw_message_text');
    expect((await om('0000000000')).status).toBe(400);
    // The download form redirects to another origin, which sends no CORS headers.
    const att = await sim.respond({ url: sim.rawUrl(msg), method: 'GET', headers: {} });
    expect(att.status).toBe(302);
    const target = new URL(att.headers.location!);
    expect(target.origin).not.toBe('https://mail.google.com');
    const raw = await sim.respond({ url: target.href, method: 'GET', headers: {} });
    expect(raw.status).toBe(200);
    expect(raw.body.equals(msg.raw)).toBe(true);
    expect(raw.headers).not.toHaveProperty('access-control-allow-origin');
    const elsewhere = await sim.respond({
      url: 'https://mail.google.com/favicon.ico',
      method: 'GET',
      headers: {},
    });
    expect(elsewhere.status).toBe(404);
  });

  it('never renders scripts or event handlers from an HTML part', async () => {
    const sim = new GmailSim();
    const raw = [
      'From: Someone <someone@example.org>',
      'To: me@example.com',
      'Subject: hello',
      'MIME-Version: 1.0',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p onclick="window.__pwned=1">Hi <b>there</b></p><script>window.__pwned=2</script><img src=x onerror="window.__pwned=3"><a href="javascript:alert(1)">x</a>',
    ].join('\r\n');
    const conv = await sim.add([{ raw }]);
    const page = await ext.context.newPage();
    await sim.install(page.context());
    await page.goto(sim.url(conv));
    const BODY = 'div.a3s:not(.undefined):not(:empty)';
    await page.waitForSelector(BODY);
    const html = await page.evaluate((sel) => document.querySelector(sel)!.innerHTML, BODY);
    expect(html).toContain('<b>there</b>');
    expect(html).not.toMatch(/onclick|onerror|<script|javascript:|<img/i);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
  });
});
