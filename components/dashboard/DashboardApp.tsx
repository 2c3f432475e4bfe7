/** The dashboard: a full tab over every bounce in the history, and the import that fills it. */
import { Blocks } from './Blocks';
import { Breakdowns } from './Breakdowns';
import { FilterBar } from './FilterBar';
import { ImportPanel } from './ImportPanel';
import { Summary } from './Summary';
import './dashboard.css';

export function DashboardApp() {
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
