/**
 * The shape of one provider's module: how to recognise it, its own wording and what it means,
 * its own use of status-code numbers, and its pages.
 */
import type { Link } from '../links';
import type { ProviderId, ReasonId } from '../types';

/** A provider's own wording for a reply, and the reason it means. */
export interface Wording {
  /** Lower-case distinctive substring (curly apostrophes read as straight ones). */
  phrase: string;
  reason: ReasonId;
  /** Other providers whose servers send the very same wording (Yahoo and AOL share theirs). */
  also?: readonly ProviderId[];
  /** The enhanced status it comes with, for reference. */
  status?: string;
  /** The basic reply code it comes with, for reference. */
  replyCode?: string;
  link?: string;
  /** Too plain to trust unless the provider is known to be this one. */
  strict?: boolean;
}

/**
 * A number the provider uses with a meaning of its own: `subject` and the detail range `from`–`to`
 * (inclusive) of class.subject.detail; `cls` limits it to one class. With `reason`, the code names
 * that reason on its own for this provider.
 */
export interface ProviderCode {
  subject: number;
  from: number;
  to?: number;
  cls?: '4' | '5';
  meaning: string;
  reason?: ReasonId;
  also?: readonly ProviderId[];
}

export interface ProviderModule {
  /** Stored in histories: never rename. */
  id: ProviderId;
  name: string;
  /** Mailbox provider, filtering gateway in front of other domains, or sending service. */
  kind: 'mailbox' | 'gateway' | 'sending';
  /** Host-name suffixes of its servers ("google.com" matches "mx.google.com"). */
  hosts: readonly string[];
  /** Recipient domains it hosts; "hotmail.*" stands for hotmail.<any country ending>. */
  domains: readonly string[];
  links: readonly Link[];
  wording: readonly Wording[];
  /**
   * Bounces this provider answered (`corpus:` paths under the corpus, others under tests/fixtures/):
   * the registry test expects the engine to name this provider for each.
   */
  fixtures: readonly string[];
  codes: readonly ProviderCode[];
  /**
   * What an "unknown user" answer to DATA means from this provider's servers, when it is not a
   * missing mailbox (the recipient's sender filter answering with those words).
   */
  userUnknownAtData?: ReasonId;
}
