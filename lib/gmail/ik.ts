/**
 * Gmail's account key `ik`, which the "Show original" page requires
 * (`/mail/u/0/?ik=<key>&view=om&permmsgid=msg-f:<decimal>`).
 *
 * Gmail's page sets it in an inline script as the tenth element of a global array
 * (`var GLOBALS=[…, "<key>", …]`, index 9, as InboxSDK reads it, 2016–2026). The script is part of
 * the DOM, so its text can be read without running anything in the page's world: this module
 * walks the array literal's top-level elements as text. Gmail's own links that carry `ik=` are
 * the fallback.
 */
import { SELECTORS, queryAll } from './selectors';

/** Index of the key in GLOBALS. */
const KEY_INDEX = 9;
/** What a key looks like (10 hex digits today; a little wider to survive a change of length). */
const KEY_SHAPE = /^[A-Za-z0-9_-]{4,64}$/;

/**
 * The element at `index` of the array literal that starts at `text[start]` ("["), when it is a
 * string literal; null otherwise. Strings may hold brackets, commas and escapes; holes (",,") count.
 */
export function stringElementAt(text: string, start: number, index: number): string | null {
  if (text[start] !== '[') return null;
  let depth = 0;
  let element = 0;
  let elementStart = -1;
  for (let i = start; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"' || ch === "'") {
      const quote = ch;
      let value = '';
      let j = i + 1;
      for (; j < text.length && text[j] !== quote; j++) {
        if (text[j] === '\\') {
          j++;
          value += text[j] ?? '';
        } else value += text[j];
      }
      if (depth === 1 && elementStart === -1) {
        if (element === index) return value;
        elementStart = i;
      }
      i = j;
      continue;
    }
    if (ch === '[' || ch === '{' || ch === '(') {
      depth++;
      if (depth === 1) {
        elementStart = -1;
        continue;
      }
    } else if (ch === ']' || ch === '}' || ch === ')') {
      depth--;
      if (depth === 0) return null;
    } else if (ch === ',' && depth === 1) {
      element++;
      if (element > index) return null;
      elementStart = -1;
      continue;
    }
    if (depth === 1 && elementStart === -1 && !/\s/.test(ch)) elementStart = i;
  }
  return null;
}

/** The key from the text of an inline script that assigns GLOBALS, or null. */
export function keyFromScriptText(text: string): string | null {
  const re = /\bGLOBALS\s*=\s*\[/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const key = stringElementAt(text, m.index + m[0].length - 1, KEY_INDEX);
    if (key && KEY_SHAPE.test(key)) return key;
  }
  return null;
}

/** The key from a URL's query, or null. */
function keyFromHref(href: string): string | null {
  try {
    const key = new URL(href, 'https://mail.google.com/').searchParams.get('ik');
    return key && KEY_SHAPE.test(key) ? key : null;
  } catch {
    return null;
  }
}

export type KeySource = 'globals' | 'link';

/** Gmail's account key from the page, and where it was found; null when the page shows none. */
export function readAccountKey(doc: Document): { key: string; from: KeySource } | null {
  for (const script of Array.from(doc.querySelectorAll('script:not([src])'))) {
    const text = script.textContent ?? '';
    if (!text.includes('GLOBALS')) continue;
    const key = keyFromScriptText(text);
    if (key) return { key, from: 'globals' };
  }
  for (const a of queryAll(doc, SELECTORS.keyLink)) {
    const key = keyFromHref(a.getAttribute('href') ?? '');
    if (key) return { key, from: 'link' };
  }
  return null;
}
