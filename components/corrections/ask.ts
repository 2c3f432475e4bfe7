/** How the card and the popup reach the background with a request (each passes its own). */
import type { Answer, HistoryAnswers, HistoryRequest } from '../../lib/history/protocol';

export type Ask = <R extends HistoryRequest>(req: R) => Promise<Answer<HistoryAnswers[R['type']]>>;
