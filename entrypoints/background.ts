/**
 * The background service worker owns the bounce history (IndexedDB in the extension's origin).
 * Gmail tabs report what they saw with "bounce-seen" / "page-status"; extension pages (the popup)
 * ask with "history-*" requests. Nobody else opens the database.
 */
import { browser, type Browser } from 'wxt/browser';
import type { ConnectionStatsMessage } from '@/lib/messages';
import { ConnectionRecorder } from '@/lib/history/connection';
import { CARD_REQUESTS, isHistoryRequest, type HistoryRequest } from '@/lib/history/protocol';
import { HistoryService, type KeyValueStore } from '@/lib/history/service';
import { HistoryStore } from '@/lib/history/store';
import { SentStore, handleImportRequest } from '@/lib/history/sent';
import { isImportRequest, type ViewFilterChanged } from '@/lib/import/protocol';
import { ViewFilter } from '@/lib/history/view-filter';
import { uniqueRecipients } from '@/lib/history/unique';
import { keepAliveWhile } from '@/lib/history/keep-alive';

/** A key-value store over one of the browser's storage areas. */
function kvOf(area: 'local' | 'session'): KeyValueStore {
  return {
    async get(key) {
      return (await browser.storage[area].get(key))[key];
    },
    async set(key, value) {
      await browser.storage[area].set({ [key]: value });
    },
  };
}

const localKv = kvOf('local');
/** Session storage: kept across the worker's stops, cleared when the browser closes. */
const sessionKv = kvOf('session');

function fromExtensionPage(sender: Browser.runtime.MessageSender): boolean {
  return typeof sender.url === 'string' && sender.url.startsWith(browser.runtime.getURL('/'));
}

function fromGmail(sender: Browser.runtime.MessageSender): boolean {
  return typeof sender.url === 'string' && sender.url.startsWith('https://mail.google.com/');
}

export default defineBackground(() => {
  const store = new HistoryStore();
  const service = new HistoryService(store, localKv);
  void service.start();
  // A schema upgrade of a large history takes minutes (about 3.5 at a million records). Chrome
  // stops a worker that has made no extension call for 30 s, which aborts the upgrade (it starts
  // over next time; seen with a million records, no page open): while the database opens, make a
  // harmless call now and then.
  keepAliveWhile(
    () => store.opening,
    () => browser.runtime.getPlatformInfo(),
  );
  const connection = new ConnectionRecorder(localKv);
  const sent = new SentStore();
  // The filter the popup and the dashboard share.
  const viewFilter = new ViewFilter(sessionKv);

  // Tell open extension pages (the popup) that the history changed, at most twice a second.
  let notifyTimer: ReturnType<typeof setTimeout> | null = null;
  const notifyChanged = () => {
    notifyTimer ??= setTimeout(() => {
      notifyTimer = null;
      browser.runtime.sendMessage({ type: 'history-changed' }).catch(() => undefined);
    }, 500);
  };

  // Deletions, undo and retention change what an open popup shows as well.
  store.onChange = notifyChanged;
  service.corrections.onChange = notifyChanged;

  browser.runtime.onMessage.addListener((message: unknown, sender: Browser.runtime.MessageSender) => {
    if (sender.id !== browser.runtime.id) return undefined;
    const type = (message as { type?: unknown } | null)?.type;
    // Reports come from Gmail tabs; extension pages may send them too (the popup's paste box does not,
    // but tests and the benchmark drive the store this way). Every message is checked in the service.
    if (type === 'bounce-seen' && (fromGmail(sender) || fromExtensionPage(sender))) {
      return service.onBounceSeen(message);
    }
    if (type === 'page-status' && fromGmail(sender)) return service.onPageStatus(message);
    // The card's corrections (checked in the service like every request).
    if (fromGmail(sender) && CARD_REQUESTS.includes(type as HistoryRequest['type']))
      return service.handle(message);
    // The dashboard's imports: sent-mail counts and resume points.
    if (isImportRequest(message) && fromExtensionPage(sender))
      return handleImportRequest(sent, message, {
        uniqueRecipients: () => uniqueRecipients(store.db),
        viewFilter: {
          get: () => viewFilter.get(),
          async set(filter) {
            const stored = await viewFilter.set(filter);
            const changed: ViewFilterChanged = { type: 'view-filter-changed', filter: stored };
            browser.runtime.sendMessage(changed).catch(() => undefined);
            return stored;
          },
        },
      });
    if (fromExtensionPage(sender) && type !== 'history-changed') {
      // Anything else from an extension page is a request; a malformed one is refused and counted.
      if (isHistoryRequest(message) || typeof type !== 'string') return service.handle(message);
    }
    if (type === 'connection-stats' && fromGmail(sender)) {
      // Counts only; the recorder keeps well-formed fields and drops the rest.
      return connection.record(message as ConnectionStatsMessage).then(
        () => ({ ok: true }),
        () => ({ ok: false }),
      );
    }
    return undefined;
  });
});
