/**
 * The shape of one reason's module: everything the engine and the card know about one reason id.
 */
import type { ActionId, CategoryId, ReasonId } from '../types';

/** A lower-case substring, or a regular expression where a substring cannot say it. */
export type Phrase = string | RegExp;

export interface ReasonModule {
  id: ReasonId;
  /** A few words for the card's cause line. */
  title: string;
  /** One plain sentence. */
  definition: string;
  /** The product category (the corpus README's table; ids are stored in histories). */
  category: CategoryId;
  /** Default hardness: the address itself is bad. The engine may override it (a 4xx notaccept is soft). */
  hard: boolean;
  /** What to do when the address is not hard-bounced (a hard bounce is always remove-address). */
  action: ActionId;
  /** "subject.detail" of the enhanced status codes that name this reason on their own (class 4 or 5). */
  statusCodes: readonly string[];
  /** Named sets of wording; each set has one position in ./precedence.ts. */
  phrases: Readonly<Record<string, readonly Phrase[]>>;
  /** A set that applies only when the enhanced status code matches. */
  when?: Readonly<Record<string, RegExp>>;
  /**
   * Messages that show this reason: `corpus:` paths are under the shared corpus, others under
   * tests/fixtures/. The registry test classifies each and expects this reason.
   */
  fixtures: readonly string[];
}
