/**
 * Vitest globalSetup for the end-to-end suite: build the Chrome extension once if it is missing or
 * older than the sources, then hand every test file a private copy of it (a concurrent build cannot
 * change it under a running browser).
 */
import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildExtension, snapshotExtension } from './extension';

declare module 'vitest' {
  export interface ProvidedContext {
    extensionDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  buildExtension({ quiet: false });
  const dir = snapshotExtension();
  process.env.BT_EXTENSION_DIR = dir;
  project.provide('extensionDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
