/**
 * Gmail ids and URLs. A message id exists in two spellings of the same 64-bit number:
 * data-message-id="#msg-f:<decimal>" and data-legacy-message-id="<hex>".
 */

/** Hex (legacy) id to decimal; null when it is not a hex number. */
export function hexToDecimal(hex: string): string | null {
  if (!/^[0-9a-f]{1,16}$/i.test(hex)) return null;
  return BigInt(`0x${hex}`).toString(10);
}

/**
 * The key of a message element: its decimal Gmail id (data-message-id="#msg-f:<decimal>", or the
 * hex data-legacy-message-id), else the perm id of a message just sent from this account
 * ("msg-a:r-123…", which has no legacy id yet), else null.
 */
export function messageIdOf(el: Element): string | null {
  const perm = el.getAttribute('data-message-id');
  const m = perm ? /msg-f:(\d+)/.exec(perm) : null;
  if (m?.[1]) return m[1];
  const legacy = el.getAttribute('data-legacy-message-id');
  const decimal = legacy ? hexToDecimal(legacy) : null;
  if (decimal) return decimal;
  return sentPermId(perm);
}

function sentPermId(perm: string | null): string | null {
  const a = perm ? /msg-a:(r-?\d+)/.exec(perm) : null;
  return a?.[1] ? `msg-a:${a[1]}` : null;
}

/**
 * The id Gmail's raw-source URLs take (`permmsgid=`): "msg-f:<decimal>" for a received message,
 * "msg-a:r…" for one sent from this account; null when the element carries neither.
 */
export function permIdOf(el: Element): string | null {
  const perm = el.getAttribute('data-message-id');
  const f = perm ? /msg-f:(\d+)/.exec(perm) : null;
  if (f?.[1]) return `msg-f:${f[1]}`;
  const sent = sentPermId(perm);
  if (sent) return sent;
  const legacy = el.getAttribute('data-legacy-message-id');
  const decimal = legacy ? hexToDecimal(legacy) : null;
  return decimal ? `msg-f:${decimal}` : null;
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

/** "msg-f:<decimal>" for a bare decimal id, the perm id itself otherwise. */
function permParam(id: string): string {
  return /^\d+$/.test(id) ? `msg-f:${id}` : id;
}

/** Same-origin URL of a message's raw source (the "download original" form). */
export function rawSourceUrl(pathname: string, id: string): string {
  return `/mail/${accountOf(pathname)}/?view=att&permmsgid=${encodeURIComponent(permParam(id))}&attid=0&disp=comp&safe=1&zw`.replace(
    /%3A/g,
    ':',
  );
}

/**
 * Same-origin URL of the "Show original" page (source inside pre#raw_message_text). Gmail answers
 * it only with the account key `ik` (see ik.ts); without one the URL is still built, as a last try.
 */
export function showOriginalUrl(pathname: string, id: string, ik: string | null = null): string {
  const perm = encodeURIComponent(permParam(id)).replace(/%3A/g, ':');
  return `/mail/${accountOf(pathname)}/?${ik ? `ik=${encodeURIComponent(ik)}&` : ''}view=om&permmsgid=${perm}`;
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
