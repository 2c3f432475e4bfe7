import { HistoryApp } from '@/components/history/HistoryApp';

export function App() {
  return <HistoryApp />;
}
