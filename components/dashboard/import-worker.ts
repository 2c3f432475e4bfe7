/** Worker entry (bundled by Vite for the dashboard page). */
import { runImportWorker } from '@/lib/import/worker';

runImportWorker(self as unknown as Parameters<typeof runImportWorker>[0]);
