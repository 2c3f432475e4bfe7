/**
 * Keeps a service worker running while long work goes on that Chrome does not see: it stops a
 * worker that has made no extension call for 30 s, whatever IndexedDB is doing meanwhile. `call`
 * is a harmless extension call, made every `everyMs` while `busy()` says so; the timer ends itself
 * at the first check that finds the work done.
 */
export function keepAliveWhile(
  busy: () => boolean,
  call: () => Promise<unknown>,
  everyMs = 20_000,
): () => void {
  const timer = setInterval(() => {
    if (busy()) void call().catch(() => undefined);
    else clearInterval(timer);
  }, everyMs);
  return () => clearInterval(timer);
}
