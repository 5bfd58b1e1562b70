// The policy's fields as the page shows them: shares as percentages, the gap in seconds, each with
// its label and hint; and the conversion to and from the API's units.
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { FieldProblem, invalidAttrs } from '../../lib/problems.js';

/** A share 0.15 ⇄ "15" (percent), milliseconds 1500 ⇄ "1.5" (seconds), integers as they are. */
const UNITS = {
  percent: { toText: (v) => String(Math.round(v * 10_000) / 100), toValue: (n) => n / 100 },
  seconds: { toText: (v) => String(v / 1000), toValue: (n) => Math.round(n * 1000) },
  count: { toText: (v) => String(v), toValue: (n) => n },
};

export const POLICY_FIELDS = [
  { key: 'ceremonialMaxShare', group: 'ceremonial', unit: 'policy.unit.percent', kind: 'percent', min: 0.1, max: 100, step: 0.1 },
  { key: 'ceremonialPlanShare', group: 'ceremonial', unit: 'policy.unit.percent', kind: 'percent', min: 0.1, max: 100, step: 0.1 },
  { key: 'maxPlaysPerItemPerDay', group: 'planning', unit: 'policy.unit.plays', kind: 'count', min: 1, max: 50, step: 1 },
  { key: 'minRepeatGapMinutes', group: 'planning', unit: 'policy.unit.minutes', kind: 'count', min: 0, max: 1440, step: 1 },
  { key: 'gapBetweenItemsMs', group: 'planning', unit: 'policy.unit.seconds', kind: 'seconds', min: 0, max: 60, step: 0.1 },
  { key: 'horizonDays', group: 'planning', unit: 'policy.unit.days', kind: 'count', min: 1, max: 62, step: 1 },
];

/** The API's policy as the texts of the form's fields. */
export function textsOf(policy) {
  const texts = { openingJingle: policy.openingJingle ?? '', closingJingle: policy.closingJingle ?? '' };
  for (const f of POLICY_FIELDS) texts[f.key] = policy[f.key] === undefined || policy[f.key] === null ? '' : UNITS[f.kind].toText(policy[f.key]);
  return texts;
}

/**
 * The form's texts in the API's units. An empty or unreadable number goes as null, so the API
 * names the field ("must be a number") rather than the page guessing a value.
 */
export function valuesOf(texts) {
  const body = { openingJingle: texts.openingJingle || null, closingJingle: texts.closingJingle || null };
  for (const f of POLICY_FIELDS) {
    const n = texts[f.key].trim() === '' ? NaN : Number(texts[f.key].replace(',', '.'));
    body[f.key] = Number.isFinite(n) ? UNITS[f.kind].toValue(n) : null;
  }
  return body;
}

export function NumberField({ f, formId, value, problems, onInput }) {
  const id = `${formId}-${f.key}`;
  return html`<div class="field policy-field">
    <label for=${id}>${t(`policy.${f.key}.label`)}</label>
    <span class="policy-input">
      <input id=${id} type="number" inputmode="decimal" min=${f.min} max=${f.max} step=${f.step} value=${value}
        ...${invalidAttrs(problems, formId, f.key, `${id}-hint`)} onInput=${(e) => onInput(e.currentTarget.value)} />
      <span aria-hidden="true">${t(f.unit)}</span>
    </span>
    <small id=${`${id}-hint`}>${t(`policy.${f.key}.hint`)}</small>
    <${FieldProblem} problems=${problems} formId=${formId} field=${f.key} />
  </div>`;
}

/** An opening or closing jingle: one of the approved «nhạc hiệu» items, or none. */
export function JingleField({ field, formId, value, jingles, problems, onChange }) {
  const id = `${formId}-${field}`;
  // A jingle set earlier may no longer be approved: keep it listed so the form does not drop it silently.
  const known = jingles.some((j) => j.id === value);
  return html`<div class="field">
    <label for=${id}>${t(`policy.${field}.label`)}</label>
    <select id=${id} ...${invalidAttrs(problems, formId, field, `${id}-hint`)} onChange=${(e) => onChange(e.currentTarget.value)}>
      <option value="" selected=${!value}>${t('policy.jingle.none')}</option>
      ${jingles.map((j) => html`<option value=${j.id} selected=${j.id === value}>${j.title}</option>`)}
      ${value && !known ? html`<option value=${value} selected>${t('policy.jingle.unlisted', { id: value })}</option>` : null}
    </select>
    <small id=${`${id}-hint`}>${t(`policy.${field}.hint`)}</small>
    <${FieldProblem} problems=${problems} formId=${formId} field=${field} />
  </div>`;
}
