/** The popup's typed channel to the background's history service. */
import { browser } from 'wxt/browser';
import { errorInfo } from '@/lib/history/errors';
import type { Answer, HistoryAnswers, HistoryRequest } from '@/lib/history/protocol';
import { IMPORTED_ACCOUNT, isImportedAccount } from '@/lib/import/protocol';

/** Requests that only read: asking again after a lost answer changes nothing. */
const READS: ReadonlySet<HistoryRequest['type']> = new Set<HistoryRequest['type']>([
  'history-query',
  'history-facets',
  'history-status',
  'history-breakdown',
  'history-counters',
  'history-corrections',
  'history-corrections-lookup',
]);

/**
 * What Chrome says when a message meets a service worker that is stopping or not started yet (it
 * stops an idle one after 30 s, and a popup opened at that moment meets it on its way out).
 */
const WORKER_GONE =
  /Receiving end does not exist|message port closed|message channel closed|Could not establish connection/i;

/** Pauses before asking again after a lost read: about five seconds in all, for a worker that is
 * slow to stop and start again on a busy machine. */
const RETRY_PAUSES_MS = [50, 100, 200, 400, 800, 1600, 2000];

/**
 * Ask the background. A read whose message was lost on a stopping worker is sent again after each
 * of {@link RETRY_PAUSES_MS}; a change is never sent twice (its answer may be what was lost).
 */
export async function ask<R extends HistoryRequest>(req: R): Promise<Answer<HistoryAnswers[R['type']]>> {
  for (let attempt = 0; ; attempt++) {
    const answer = await askOnce(req);
    const lost = !answer.ok && (answer.error.name === 'NoAnswer' || WORKER_GONE.test(answer.error.message));
    if (!lost || !READS.has(req.type) || attempt >= RETRY_PAUSES_MS.length) return answer;
    await new Promise((r) => setTimeout(r, RETRY_PAUSES_MS[attempt]));
  }
}

async function askOnce<R extends HistoryRequest>(req: R): Promise<Answer<HistoryAnswers[R['type']]>> {
  try {
    const answer = (await browser.runtime.sendMessage(req)) as Answer<HistoryAnswers[R['type']]> | undefined;
    if (!answer || typeof answer !== 'object') {
      return {
        ok: false,
        error: {
          name: 'NoAnswer',
          message: 'The background did not answer.',
          operation: req.type,
          at: Date.now(),
        },
      };
    }
    return answer;
  } catch (err) {
    return { ok: false, error: errorInfo(err, req.type, Date.now()) };
  }
}

/**
 * Gmail link to one record: the hex form of the decimal message id, in the account it was seen in.
 * An imported record (account "takeout:<address>") has no Gmail message id, only its thread's
 * (Takeout's X-GM-THRID, the decimal form of the thread id in Gmail's addresses): it links to the
 * thread, in the account named by the address. Without the thread id or the address there is no
 * telling which message or account it is: no link.
 */
export function gmailLink(account: string, messageId: string, threadId: string | null = null): string | null {
  const decimal = /^[0-9]{1,24}$/;
  if (isImportedAccount(account)) {
    const address = account.slice(IMPORTED_ACCOUNT.length);
    if (!threadId || !decimal.test(threadId) || !/^[^\s@/?#]+@[^\s@/?#]+$/.test(address)) return null;
    return `https://mail.google.com/mail/?authuser=${encodeURIComponent(address)}#all/${BigInt(threadId).toString(16)}`;
  }
  if (!decimal.test(messageId)) return null;
  const acct = /^(b\/\d{1,25}\/)?u\/\d{1,3}$/.test(account) ? account : 'u/0';
  return `https://mail.google.com/mail/${acct}/#all/${BigInt(messageId).toString(16)}`;
}

/** Human words for a storage error name. */
export function describeStorageError(name: string): string {
  switch (name) {
    case 'QuotaExceededError':
      return 'The browser has no room left for the bounce history (storage quota exceeded). Export and clear old records, or free disk space.';
    case 'DatabaseClosedError':
    case 'InvalidStateError':
    case 'VersionError':
    case 'NotFoundError':
      return 'The bounce history database was closed or changed underneath the extension (for example by another version of it). Reload the extension; export what you can first.';
    case 'DatabaseBlocked':
    case 'BlockedError':
      return 'The bounce history database is blocked by another open copy of the extension. Close other extension windows and reload.';
    case 'UnknownError':
    case 'OpenFailedError':
      return 'The browser could not open the bounce history database (disk or profile problem).';
    case 'NoAnswer':
      return 'The extension’s background did not answer. Reload the extension.';
    default:
      return 'The bounce history could not be read or written.';
  }
}
