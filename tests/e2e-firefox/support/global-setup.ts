/**
 * Vitest globalSetup for the Firefox suite: build the Firefox MV3 extension, then hand every test
 * file a private copy of it (a concurrent build cannot change it under a running browser).
 */
import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildExtension, snapshotExtension } from '../../e2e/support/extension';
import { BUILT_FIREFOX_EXTENSION } from './firefox';

declare module 'vitest' {
  export interface ProvidedContext {
    firefoxExtensionDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  buildExtension({ firefox: true, measure: true });
  const dir = snapshotExtension(BUILT_FIREFOX_EXTENSION);
  project.provide('firefoxExtensionDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
