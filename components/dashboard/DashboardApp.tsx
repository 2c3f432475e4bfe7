/** The dashboard: a full tab over every bounce in the history, and the import that fills it. */
import { useEffect } from 'react';
import { Blocks } from './Blocks';
import { Breakdowns } from './Breakdowns';
import { FilterBar } from './FilterBar';
import { ImportPanel } from './ImportPanel';
import { Summary } from './Summary';
import { watchFiltered } from './filtered';
import './dashboard.css';

export function DashboardApp() {
  // Breakdowns and distinct addresses under a filter are counted from the records it matches.
  useEffect(() => watchFiltered(), []);
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
