import type { BounceResult, VisibleMessage } from './types';
import { emptyResult } from './pipeline';

/** Classify what Gmail shows of an open message. Never throws. */
export function classifyVisible(_msg: VisibleMessage): BounceResult {
  return emptyResult();
}
