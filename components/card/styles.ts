/**
 * Card styles, injected into the card's shadow root (no network fetch, no leak into Gmail).
 * Two palettes keyed by data-theme; the category colour comes in as --bt-accent.
 */
export const CARD_CSS = `
/* WXT resets the host with all:initial; spacing lives inside. The isolated element brings its own html/body. */
html, body { margin: 0; padding: 0; background: transparent; }
body { padding-bottom: 14px; }
.bt-card, .bt-note {
  --bt-bg: #ffffff; --bt-fg: #1f1f1f; --bt-muted: #5e5e5e; --bt-border: #dadce0; --bt-soft: #f1f3f4;
  --bt-link: #0b57d0; --bt-focus: #0b57d0; --bt-code-bg: #f1f3f4;
  font: 14px/1.45 "Google Sans Text", "Google Sans", Roboto, Arial, sans-serif;
  color: var(--bt-fg); background: var(--bt-bg);
  box-sizing: border-box; max-width: 760px; text-align: left;
}
.bt-card[data-theme="dark"], .bt-note[data-theme="dark"] {
  --bt-bg: #2b2b2b; --bt-fg: #e3e3e3; --bt-muted: #a8a8a8; --bt-border: #474747; --bt-soft: #363636;
  --bt-link: #a8c7fa; --bt-focus: #a8c7fa; --bt-code-bg: #3a3a3a;
}
*, *::before, *::after { box-sizing: border-box; }
.bt-card {
  border: 1px solid var(--bt-border); border-left: 4px solid var(--bt-accent, #e03131);
  border-radius: 12px; padding: 12px 16px 14px; box-shadow: 0 1px 2px rgba(0,0,0,.06);
}
.bt-head { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; min-height: 32px; }
.bt-badge {
  display: inline-flex; align-items: center; gap: 6px; font-weight: 600; font-size: 15px;
  color: var(--bt-fg); margin: 0; line-height: inherit;
}
.bt-dot { width: 10px; height: 10px; border-radius: 50%; background: var(--bt-accent, #e03131); flex: none; }
.bt-sev {
  font-size: 12px; font-weight: 600; padding: 2px 8px; border-radius: 10px; letter-spacing: .2px;
  border: 1px solid currentColor;
}
.bt-sev-hard { color: #c5221f; }
.bt-sev-soft { color: #8a5a00; }
.bt-sev-delayed { color: var(--bt-muted); }
.bt-sev-refused { color: #a1421b; }
[data-theme="dark"] .bt-sev-refused { color: #f6ae85; }
.bt-recipient-verdict { display: block; font-size: 12px; color: var(--bt-muted); }
[data-theme="dark"] .bt-sev-hard { color: #f28b82; }
[data-theme="dark"] .bt-sev-soft { color: #fdd663; }
.bt-head-recipient { color: var(--bt-muted); font-size: 13px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 280px; }
.bt-spacer { flex: 1; }
.bt-brand { font-size: 11px; color: var(--bt-muted); text-transform: uppercase; letter-spacing: .6px; }
.bt-body { margin-top: 4px; }
.bt-summary { margin: 2px 0 10px; color: var(--bt-fg); }
.bt-facts { margin: 0 0 6px; display: grid; grid-template-columns: max-content 1fr; column-gap: 16px; row-gap: 6px; }
.bt-fact, .bt-code { display: contents; }
.bt-facts dt { color: var(--bt-muted); font-size: 13px; padding-top: 1px; }
.bt-facts dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
.bt-facts code {
  font: 600 13px/1.3 "Roboto Mono", Menlo, Consolas, monospace; background: var(--bt-code-bg);
  border-radius: 4px; padding: 1px 6px; margin-right: 6px;
}
.bt-code-meaning { color: var(--bt-fg); }
.bt-recipients { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 4px; }
.bt-recipients li { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
.bt-address { font-weight: 600; overflow-wrap: anywhere; }
.bt-recipient-tag { display: inline-flex; align-items: center; gap: 5px; font-size: 12px; color: var(--bt-muted); }
.bt-tag-dot { width: 8px; height: 8px; border-radius: 50%; background: var(--bt-tag, var(--bt-muted)); }
.bt-h { font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: .5px; color: var(--bt-muted); margin: 14px 0 4px; }
.bt-definition { margin: 0; }
.bt-steps { margin: 2px 0 0; padding: 0; list-style: none; display: flex; flex-direction: column; gap: 4px; }
.bt-steps label { display: flex; gap: 8px; align-items: flex-start; cursor: pointer; }
.bt-steps input { margin: 3px 0 0; accent-color: var(--bt-accent, #0b57d0); width: 15px; height: 15px; flex: none; }
.bt-steps .bt-done span { color: var(--bt-muted); text-decoration: line-through; }
.bt-links { display: flex; flex-wrap: wrap; gap: 6px 14px; margin-top: 12px; }
.bt-links a, .bt-link-button { color: var(--bt-link); text-decoration: none; font-size: 13px; }
.bt-links a:hover, .bt-link-button:hover { text-decoration: underline; }
.bt-actions { display: flex; align-items: center; gap: 8px; margin-top: 14px; flex-wrap: wrap; }
.bt-button, .bt-small-button, .bt-icon-button, .bt-link-button {
  font: inherit; color: inherit; background: none; border: none; cursor: pointer;
}
.bt-button {
  display: inline-flex; align-items: center; gap: 6px; padding: 6px 14px; border-radius: 18px;
  border: 1px solid var(--bt-border); font-size: 13px; font-weight: 500; color: var(--bt-fg);
}
.bt-button:hover, .bt-small-button:hover, .bt-icon-button:hover { background: var(--bt-soft); }
.bt-primary { background: var(--bt-soft); }
.bt-small-button {
  display: inline-flex; align-items: center; gap: 4px; padding: 1px 8px; border-radius: 12px;
  border: 1px solid var(--bt-border); font-size: 12px; color: var(--bt-muted);
}
.bt-icon-button { width: 32px; height: 32px; border-radius: 50%; display: inline-flex; align-items: center; justify-content: center; color: var(--bt-muted); }
.bt-link-button { padding: 0 4px; }
.bt-icon { width: 18px; height: 18px; fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round; stroke-linejoin: round; flex: none; }
.bt-small-button .bt-icon, .bt-button .bt-icon { width: 15px; height: 15px; }
.bt-rot { display: inline-flex; transform: rotate(-90deg); }
.bt-live { font-size: 12px; color: var(--bt-muted); }
.bt-why { margin-top: 10px; padding: 8px 12px 10px; border-radius: 8px; background: var(--bt-soft); }
.bt-why .bt-h:first-child { margin-top: 2px; }
.bt-plain-list { margin: 0; padding-left: 18px; }
.bt-muted { color: var(--bt-muted); font-size: 12px; margin: 6px 0 0; }
.bt-diagnostic {
  margin: 4px 0 0; white-space: pre-wrap; overflow-wrap: anywhere; max-height: 180px; overflow: auto;
  font: 12px/1.4 "Roboto Mono", Menlo, Consolas, monospace; background: var(--bt-code-bg);
  padding: 6px 8px; border-radius: 6px;
}
button:focus-visible, a:focus-visible, input:focus-visible, select:focus-visible { outline: 2px solid var(--bt-focus); outline-offset: 2px; }
.bt-fix { margin-top: 4px; }
.bt-fix-note { margin: 10px 0 0; padding: 6px 10px; border-radius: 8px; background: var(--bt-soft); }
.bt-fix-offer { margin-top: 10px; padding: 6px 10px 8px; border-radius: 8px; border: 1px solid var(--bt-muted); display: flex; flex-wrap: wrap; align-items: center; gap: 8px; }
.bt-fix-offer p { margin: 0; flex-basis: 100%; }
.bt-fix-form { margin-top: 10px; padding: 8px 12px 10px; border-radius: 8px; background: var(--bt-soft); }
.bt-fix-form fieldset { border: none; margin: 0; padding: 0; }
.bt-fix-form legend { font-weight: 600; padding: 0; margin-bottom: 4px; }
.bt-fix-option { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; margin: 4px 0; }
.bt-fix-option input { margin: 0; accent-color: var(--bt-focus); }
.bt-fix-form select {
  font: inherit; font-size: 13px; color: var(--bt-fg); background: var(--bt-bg);
  border: 1px solid var(--bt-muted); border-radius: 6px; padding: 2px 6px;
}
.bt-fix-buttons { display: flex; gap: 8px; margin-top: 8px; }
.bt-note {
  border: 1px solid var(--bt-border); border-radius: 10px; padding: 4px 6px 4px 12px; color: var(--bt-muted);
}
.bt-note-row { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; min-height: 30px; }
.bt-note-title { color: var(--bt-fg); font-weight: 600; font-size: 13px; margin: 0; line-height: inherit; }
.bt-note-summary { font-size: 13px; flex: 1; min-width: 200px; }
.bt-note-details { padding: 2px 8px 8px 26px; color: var(--bt-fg); font-size: 13px; }
.bt-note-details p { margin: 6px 0; }
`;
