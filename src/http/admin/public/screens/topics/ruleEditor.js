// One frequency rule of a topic: per day or week, min and max, peak only, dates, zones — with the
// sentence it reads as, so the operator sees what the planner will be asked to do.
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { FieldProblem, groupAttrs, invalidAttrs } from '../../lib/problems.js';
import { ruleSentence } from './ruleSentence.js';

/** The rule fields the API may name in a refusal, for each rule. */
export const ruleFields = (rules) =>
  ['rules', ...rules.flatMap((_, i) => ['', '.per', '.min', '.max', '.peakOnly', '.from', '.to', '.zones'].map((f) => `rules.${i}${f}`))];

/** A number field's value: '' stays '' (the API names it), digits become a number. */
const numberOf = (text) => (text.trim() === '' ? '' : Number(text));

export function RuleFields({ index, rule, zones, formId, problems, onChange, onRemove }) {
  const base = `${formId}-r${index}`;
  const field = (name) => `rules.${index}${name ? `.${name}` : ''}`;
  const set = (patch) => onChange({ ...rule, ...patch });
  const attrs = (name, hint) => invalidAttrs(problems, formId, field(name), hint);
  const zoneName = (id) => zones.find((z) => z.id === id)?.name ?? id;
  const toggleZone = (id, on) => {
    const next = on ? [...(rule.zones ?? []), id] : (rule.zones ?? []).filter((z) => z !== id);
    set({ zones: next.length ? next : null });
  };
  const input = (name, label, props, hint) => html`<div class="field">
    <label for=${`${base}-${name}`}>${label}</label>
    <input id=${`${base}-${name}`} ...${props} ...${attrs(name, hint)} />
    <${FieldProblem} problems=${problems} formId=${formId} field=${field(name)} />
  </div>`;
  return html`<fieldset class="topics-rule" ...${groupAttrs(problems, formId, field(''))}>
    <legend>${t('topics.rule.legend', { n: index + 1 })}</legend>
    <p class="topics-sentence" aria-live="polite">${ruleSentence(rule, zoneName)}</p>
    <${FieldProblem} problems=${problems} formId=${formId} field=${field('')} />
    <div class="topics-row">
      <div class="field">
        <label for=${`${base}-per`}>${t('topics.rule.per')}</label>
        <select id=${`${base}-per`} ...${attrs('per')} onChange=${(e) => set({ per: e.currentTarget.value })}>
          ${['day', 'week'].map((p) => html`<option value=${p} selected=${rule.per === p}>${t(`topics.per.${p}`)}</option>`)}
        </select>
        <${FieldProblem} problems=${problems} formId=${formId} field=${field('per')} />
      </div>
      ${input('min', t('topics.rule.min'), { type: 'number', min: 0, max: 1000, step: 1, value: rule.min, onInput: (e) => set({ min: numberOf(e.currentTarget.value) }) }, `${formId}-min-hint`)}
      ${input('max', t('topics.rule.max'), { type: 'number', min: 0, max: 1000, step: 1, value: rule.max ?? '', onInput: (e) => set({ max: e.currentTarget.value.trim() === '' ? null : Number(e.currentTarget.value) }) }, `${formId}-max-hint`)}
    </div>
    <div class="field">
      <label class="zones-check"><input type="checkbox" checked=${rule.peakOnly} aria-describedby=${`${formId}-peak-hint`} onChange=${(e) => set({ peakOnly: e.currentTarget.checked })} /> ${t('topics.rule.peakOnly.label')}</label>
    </div>
    <div class="topics-row">
      ${input('from', t('topics.rule.fromLabel'), { type: 'date', value: rule.from ?? '', onInput: (e) => set({ from: e.currentTarget.value || null }) }, `${formId}-dates-hint`)}
      ${input('to', t('topics.rule.toLabel'), { type: 'date', value: rule.to ?? '', onInput: (e) => set({ to: e.currentTarget.value || null }) }, `${formId}-dates-hint`)}
    </div>
    ${zones.length ? html`<fieldset class="topics-zones" ...${groupAttrs(problems, formId, field('zones'))}>
      <legend>${t('topics.rule.zonesLabel')}</legend>
      <small class="hint">${t('topics.rule.zonesHint')}</small>
      <div class="topics-zone-list">${zones.map((z) => html`<label class="zones-check">
        <input type="checkbox" checked=${rule.zones?.includes(z.id) ?? false} onChange=${(e) => toggleZone(z.id, e.currentTarget.checked)} /> ${z.name}
      </label>`)}</div>
      <${FieldProblem} problems=${problems} formId=${formId} field=${field('zones')} />
    </fieldset>` : null}
    <button type="button" class="danger" onClick=${onRemove}>${t('topics.rule.remove', { n: index + 1 })}</button>
  </fieldset>`;
}

/** The hints every rule shares, said once above the rules. */
export const RuleHints = ({ formId }) => html`<div class="hint topics-hints">
  <p id=${`${formId}-min-hint`}>${t('topics.hint.min')}</p>
  <p id=${`${formId}-max-hint`}>${t('topics.hint.max')}</p>
  <p id=${`${formId}-peak-hint`}>${t('topics.hint.peakOnly')}</p>
  <p id=${`${formId}-dates-hint`}>${t('topics.hint.dates')}</p>
</div>`;
