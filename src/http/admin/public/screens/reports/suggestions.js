// Difficulties Loa suggests from the month's data (targets missed and why, failed plays, zones that
// aired nothing, the ceremonial share…): each one is taken into the draft, where it can be edited,
// or dropped. Either way it is not offered again once the draft is saved.
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';

export function Suggestions({ pending, handledCount, onTake, onDrop }) {
  return html`<section class="suggestions" aria-labelledby="draft-suggestions-title">
    <h3 id="draft-suggestions-title">${t('reports.suggest.title')}</h3>
    ${pending.length === 0
      ? html`<p class="muted">${handledCount > 0 ? t('reports.suggest.allHandled') : t('reports.suggest.none')}</p>`
      : html`<ul class="suggestion-list">${pending.map((s, i) => html`<li key=${s.key}>
          <p id=${`suggestion-${i}`}>${s.text}</p>
          <div class="actions">
            <button type="button" onClick=${() => onTake(s)} aria-describedby=${`suggestion-${i}`}>${t('reports.suggest.take')}</button>
            <button type="button" class="link" onClick=${() => onDrop(s)} aria-describedby=${`suggestion-${i}`}>${t('reports.suggest.drop')}</button>
          </div>
        </li>`)}</ul>`}
  </section>`;
}
