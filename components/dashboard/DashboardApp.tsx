/** The dashboard: a full tab over every bounce in the history, and the import that fills it. */
import { useEffect } from 'react';
import { Blocks } from './Blocks';
import { Breakdowns } from './Breakdowns';
import { FilterBar } from './FilterBar';
import { ImportPanel } from './ImportPanel';
import { Summary } from './Summary';
import { watchFiltered } from './filtered';
import { useFilter } from './filter';
import { loadSharedFilter, onSharedFilter } from '@/components/history/shared-filter';
import type { HistoryFilter } from '@/lib/history/query';
import './dashboard.css';

export function DashboardApp() {
  // Breakdowns and distinct addresses under a filter are counted from the records it matches.
  useEffect(() => watchFiltered(), []);
  // The filter is the popup's too: take the one set there, and follow its changes.
  useEffect(() => {
    const apply = (f: HistoryFilter) => useFilter.getState().applyShared(f);
    void loadSharedFilter().then((f) => f && apply(f));
    return onSharedFilter(apply);
  }, []);
  return (
    <main className="bt-dash">
      <header className="bt-dash-header">
        <h1>Bounce dashboard</h1>
      </header>
      <FilterBar />
      <Summary />
      <ImportPanel />
      <Blocks />
      <Breakdowns />
    </main>
  );
}
