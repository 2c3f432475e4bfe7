/** A storage error in the shape the pages show (see {@link StorageErrorInfo}). */
import type { StorageErrorInfo } from './protocol';

export function errorInfo(err: unknown, operation: string, at: number): StorageErrorInfo {
  let name = 'Error';
  let message = String(err);
  if (err && typeof err === 'object') {
    const e = err as { name?: unknown; message?: unknown; inner?: { name?: unknown } };
    // Dexie wraps the DOMException; the inner name is the one worth showing (QuotaExceededError…).
    if (typeof e.inner?.name === 'string' && e.inner.name !== 'Error') name = e.inner.name;
    else if (typeof e.name === 'string') name = e.name;
    // Dexie repeats the inner error on a second line.
    if (typeof e.message === 'string') message = e.message.split('\n')[0]!.trim();
  }
  return { name, message: message.slice(0, 300), operation, at };
}
