/**
 * Gmail ids and URLs. A message id exists in two spellings of the same 64-bit number:
 * data-message-id="#msg-f:<decimal>" and data-legacy-message-id="<hex>".
 */

/** Hex (legacy) id to decimal; null when it is not a hex number. */
export function hexToDecimal(hex: string): string | null {
  if (!/^[0-9a-f]{1,16}$/i.test(hex)) return null;
  return BigInt(`0x${hex}`).toString(10);
}

/** The decimal Gmail message id of a message element, or null. */
export function messageIdOf(el: Element): string | null {
  const perm = el.getAttribute('data-message-id');
  const m = perm ? /msg-[fa]:(\d+)/.exec(perm) : null;
  if (m?.[1]) return m[1];
  const legacy = el.getAttribute('data-legacy-message-id');
  return legacy ? hexToDecimal(legacy) : null;
}

/** The decimal thread id from the subject heading, or null. */
export function threadIdOf(subject: Element | null): string | null {
  if (!subject) return null;
  const perm = subject.getAttribute('data-thread-perm-id');
  const m = perm ? /thread-[fa]:(\d+)/.exec(perm) : null;
  if (m?.[1]) return m[1];
  const legacy = subject.getAttribute('data-legacy-thread-id');
  return legacy ? hexToDecimal(legacy) : null;
}

/**
 * The account segment of a Gmail path: "u/0", "u/1", or delegated "b/<id>/u/0".
 * Falls back to "u/0" for a bare /mail/ path.
 */
export function accountOf(pathname: string): string {
  const m = /^\/mail\/((?:b\/[^/]+\/)?u\/\d+)(?:\/|$)/.exec(pathname);
  return m?.[1] ?? 'u/0';
}

/** Same-origin URL of a message's raw source (the "download original" form). */
export function rawSourceUrl(pathname: string, messageId: string): string {
  return `/mail/${accountOf(pathname)}/?view=att&permmsgid=msg-f:${messageId}&attid=0&disp=comp&safe=1&zw`;
}

/** Same-origin URL of the "Show original" page (source inside pre#raw_message_text). */
export function showOriginalUrl(pathname: string, messageId: string): string {
  return `/mail/${accountOf(pathname)}/?view=om&permmsgid=msg-f:${messageId}`;
}

/**
 * True when the hash names an open conversation (Gmail navigates by hash):
 * #inbox/<id>, #label/Work/<id>, #search/foo/<id>, #all/<id> …
 */
export function isConversationHash(hash: string): boolean {
  const parts = hash.replace(/^#/, '').split('/');
  if (parts.length < 2) return false;
  const last = parts[parts.length - 1] ?? '';
  return /^[A-Za-z0-9_-]{16,}$/.test(last);
}
