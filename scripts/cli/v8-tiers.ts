/**
 * Imported first by the command line's entry, so that it runs before any other code of the bundle.
 *
 * A run of the command line is short: on a directory of about 12,000 bounces, V8's top compiler
 * (TurboFan) spent about a quarter of the process's CPU time compiling the engine's functions, on
 * its background threads, and the code it made ran for a second at most. Maglev, the mid-tier
 * compiler, makes code almost as fast for far less compiling: without TurboFan the same run took
 * about 10% less CPU time in all (and 10–20% less on worker threads, where each thread compiles
 * again), with the same output. A large mailbox, whose time goes to native code (reads, byte
 * searches), took the same time either way.
 *
 * Node 22 and later have Maglev on by default; Node 20's V8 does not, and without TurboFan it
 * would run baseline code only, so it keeps its defaults. The flag is process-wide: the worker
 * threads, started later from the same bundle, share it.
 */
import { setFlagsFromString } from 'node:v8';
import { isMainThread } from 'node:worker_threads';

if (isMainThread && Number(process.versions.node.split('.')[0]) >= 22) setFlagsFromString('--no-turbofan');
