/**
 * Light or dark: Gmail's themes are not exposed as a flag, so read the effective background
 * colour behind an element and decide by its luminance.
 */

/** Parse "rgb(r, g, b)" / "rgba(r, g, b, a)"; null when unparsable or fully transparent. */
export function parseRgb(css: string): [number, number, number] | null {
  const m = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)/.exec(css);
  if (!m) return null;
  if (m[4] !== undefined) {
    const a = m[4].endsWith('%') ? Number(m[4].slice(0, -1)) / 100 : Number(m[4]);
    if (a < 0.5) return null;
  }
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** WCAG relative luminance of an sRGB colour (0 black … 1 white). */
export function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** The theme behind `el`: walks up to the first opaque background. */
export function themeBehind(el: Element): 'light' | 'dark' {
  const view = el.ownerDocument.defaultView;
  if (!view) return 'light';
  for (let cur: Element | null = el; cur; cur = cur.parentElement) {
    const rgb = parseRgb(view.getComputedStyle(cur).backgroundColor);
    if (rgb) return luminance(rgb) < 0.2 ? 'dark' : 'light';
  }
  return view.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
