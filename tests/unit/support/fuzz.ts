/**
 * fast-check settings shared by the engine's property tests.
 *
 * Locally every run draws a fresh seed, so repeated runs explore new inputs; a failure prints the
 * seed and the shrunk counterexample. Under CI (CI=true) the seed is fixed, so a submission's result
 * does not depend on luck; set BT_FUZZ_SEED to replay or vary it, BT_FUZZ_RUNS to fuzz longer:
 *
 *   BT_FUZZ_RUNS=5000 npx vitest run tests/unit/engine-robustness.test.ts
 *   BT_FUZZ_SEED=-195894253 npx vitest run tests/unit/engine-robustness.test.ts
 */
import fc from 'fast-check';

/** Base number of runs per property (each test scales it). */
export const RUNS = Number(process.env.BT_FUZZ_RUNS ?? 150);

const seed = process.env.BT_FUZZ_SEED ?? (process.env.CI === 'true' ? '20261123' : undefined);
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) });
