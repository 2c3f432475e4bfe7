/**
 * Bounce Triage engine: pure TypeScript, no DOM and no extension APIs.
 *
 * Public entry points:
 * - {@link classifyMessage}: one raw RFC 5322 message (string or bytes).
 * - {@link classifyMailbox}: a file that may hold several messages (mbox).
 * - {@link classifyVisible}: what Gmail shows of an open message (text, sender, subject).
 */
export * from './types';
export { classifyMessage, classifyMailbox, splitMailbox } from './pipeline';
export { classifyVisible } from './visible';
