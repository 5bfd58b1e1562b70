// Shortfalls in the API's own plain sentences, in the page's language.
import { html } from '../../lib/html.js';
import { currentLang } from '../../lib/i18n.js';

/** The shortfall's sentence in the page's language (the API sends both). */
export const shortfallText = (s) => s.message?.[currentLang()] ?? s.message?.vi ?? '';

/** A list of shortfall sentences; nothing when there are none. */
export function ShortfallList({ shortfalls }) {
  if (!shortfalls.length) return null;
  return html`<ul class="sched-shortfalls">
    ${shortfalls.map((s) => html`<li>${shortfallText(s)}</li>`)}
  </ul>`;
}
