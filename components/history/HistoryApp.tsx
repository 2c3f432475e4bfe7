/** The popup: the bounce history a sender cleans their list with. */
import { useEffect } from 'react';
import { browser } from 'wxt/browser';
import { ClassifyBox } from './ClassifyBox';
import { ConnectionStatus } from './ConnectionStatus';
import { CorrectDialog } from './Corrections';
import { Banners, ExportBar, FilterBar, HeaderCounts, SettingsPanel, Toast } from './Controls';
import { HistoryList } from './HistoryList';
import { useHistory } from './state';
import { loadSharedFilter, onSharedFilter } from './shared-filter';
import { OpenDashboard } from '@/components/dashboard/OpenDashboard';
import './history.css';

// Ask for the first page before React renders anything: it is the popup's critical path. The
// filter shared with the dashboard is asked for beside it and, when there is one, replaces it.
if (typeof window !== 'undefined') {
  void loadSharedFilter().then((f) => f && useHistory.getState().applySharedFilter(f));
  useHistory.getState().refresh();
}

export function HistoryApp() {
  useEffect(() => {
    const s = useHistory.getState();
    // The first page was asked for when this module loaded (see below); the rest can follow.
    if (s.gen === 0) s.refresh();
    void s.loadFacets();
    // The background says when reports changed the history while the popup is open.
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onMessage = (m: unknown) => {
      if (
        typeof m === 'object' &&
        m !== null &&
        (m as { type?: string }).type === 'history-changed' &&
        !timer
      ) {
        timer = setTimeout(() => {
          timer = null;
          useHistory.getState().refresh();
        }, 300);
      }
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    const stopSharing = onSharedFilter((f) => useHistory.getState().applySharedFilter(f));
    return () => {
      browser.runtime.onMessage.removeListener(onMessage);
      stopSharing();
    };
  }, []);

  return (
    <main className="bt-app">
      <header className="bt-header">
        <h1>Bounce history</h1>
        <HeaderCounts />
        <OpenDashboard />
      </header>
      <Banners />
      <FilterBar />
      <ExportBar />
      <HistoryList />
      <Toast />
      <CorrectDialog />
      <footer className="bt-footer">
        <ClassifyBox />
        <SettingsPanel />
        <ConnectionStatus />
      </footer>
    </main>
  );
}
