/**
 * "Gmail connection" in the popup: whether the extension still reads Gmail's page (counts over the
 * last 7 days, never content) and the raw-source step that failed last; "Copy diagnostics" puts
 * versions, matched selectors and those counts on the clipboard for a bug report.
 */
import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import {
  CONNECTION_DAYS,
  CONNECTION_KEY,
  diagnosticsText,
  loadConnection,
  totals,
  type ConnectionState,
} from '@/lib/history/connection';

const localKv = {
  async get(key: string) {
    return (await browser.storage.local.get(key))[key];
  },
  async set(key: string, value: unknown) {
    await browser.storage.local.set({ [key]: value });
  },
};

/** "Firefox 153.0" / "Chrome 156.0.7400.1" from the browser itself, or its user agent. */
async function browserVersion(): Promise<string> {
  const info = (
    browser.runtime as unknown as { getBrowserInfo?: () => Promise<{ name: string; version: string }> }
  ).getBrowserInfo;
  if (typeof info === 'function') {
    try {
      const b = await info();
      return `${b.name} ${b.version}`;
    } catch {
      // fall back to the user agent
    }
  }
  const ua = navigator.userAgent;
  const m = /(Firefox|Edg|Chromium|Chrome)\/([\d.]+)/.exec(ua);
  return m ? `${m[1] === 'Edg' ? 'Edge' : m[1]} ${m[2]}` : ua;
}

function stepName(step: string): string {
  return step === 'show-original' ? 'Show original' : step === 'download' ? 'download' : step;
}

export function ConnectionStatus() {
  const [state, setState] = useState<ConnectionState | null>(null);
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);
  const load = useCallback(() => {
    void loadConnection(localKv).then(setState);
  }, []);
  useEffect(() => {
    load();
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && CONNECTION_KEY in changes) load();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, [load]);

  const copy = async () => {
    if (!state) return;
    const text = diagnosticsText(state, {
      extensionVersion: browser.runtime.getManifest().version,
      browser: await browserVersion(),
    });
    try {
      await navigator.clipboard.writeText(text);
      setCopied('ok');
    } catch {
      setCopied('failed');
    }
    setTimeout(() => setCopied(null), 2000);
  };

  const t = state ? totals(state) : null;
  const failing = !!t && t.rawFailed > 0 && t.rawFailed >= t.rawOk;
  const lost = !!t && t.unrecognised > 0 && t.recognised === 0;
  const summary = !t
    ? ''
    : lost
      ? 'page not recognised'
      : failing
        ? 'original messages unreadable'
        : t.recognised > 0
          ? 'working'
          : 'no Gmail page seen yet';
  return (
    <details className="bt-settings" data-testid="gmail-connection">
      <summary>Gmail connection{summary && <span data-field="connectionSummary">: {summary}</span>}</summary>
      {t && state && (
        <div className="bt-settings-body">
          <p>
            Last {CONNECTION_DAYS} days: <span data-count="recognised">{t.recognised}</span> pages recognised
            {t.unrecognised > 0 && (
              <>
                , <span data-count="unrecognised">{t.unrecognised}</span> not recognised
              </>
            )}
            , <span data-count="cards">{t.cards}</span> cards shown, <span data-count="rawOk">{t.rawOk}</span>{' '}
            original messages read, <span data-count="rawFailed">{t.rawFailed}</span> not readable.
          </p>
          {state.lastFailure && (
            <p data-field="lastFailure">
              Last failure: the {stepName(state.lastFailure.step)} step ({state.lastFailure.why}
              {state.lastFailure.key ? '' : '; Gmail’s account key was not found'}),{' '}
              {new Date(state.lastFailure.at).toLocaleString()}.
            </p>
          )}
          <button type="button" onClick={() => void copy()}>
            Copy diagnostics
          </button>
          <span role="status">
            {copied === 'ok' ? 'Copied.' : copied === 'failed' ? 'Could not copy.' : ''}
          </span>
        </div>
      )}
    </details>
  );
}
