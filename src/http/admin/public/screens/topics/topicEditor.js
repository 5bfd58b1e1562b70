// Edits one topic (or creates one): its name and frequency rules, with the seed directives as presets.
import { useEffect, useRef, useState } from 'preact/hooks';
import { del, put } from '../../lib/api.js';
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { ErrorNote, Field, Notice, ScreenHeader } from '../../lib/ui.js';
import { FieldProblem, invalidAttrs, problemsOf, SaveProblem } from '../../lib/problems.js';
import { Presets } from './presets.js';
import { RuleFields, RuleHints, ruleFields } from './ruleEditor.js';

const FORM = 'topic-form';
const NEW_RULE = { per: 'week', min: 1, max: null, peakOnly: false, from: null, to: null, zones: null };

/** A refusal found before asking the API (the id of a new topic), in the API's own shape. */
const localRefusal = (field, problem) => ({ message: problem, details: [{ field, problem }] });

export function TopicEditor({ topic, zones, existingIds, savedNotice, onSaving, onSaved, onDeleted }) {
  const creating = !topic;
  const [draft, setDraft] = useState(() => structuredClone(topic ?? { id: '', name: '', rules: [] }));
  const [error, setError] = useState(null);
  const [deleteError, setDeleteError] = useState(null);
  const [applied, setApplied] = useState('');
  const [busy, setBusy] = useState(false);
  const formRef = useRef(null);
  const problems = error?.details ? problemsOf(error) : {};
  useEffect(() => { if (error) formRef.current?.querySelector('[aria-invalid="true"]')?.focus(); }, [error]);
  const set = (patch) => setDraft({ ...draft, ...patch });
  const setRules = (rules) => set({ rules });

  // A preset replaces the rules; on a new topic it also fills an empty id and name.
  function applyPreset(preset) {
    setDraft({ ...draft, id: draft.id || (creating ? preset.id : draft.id), name: draft.name || preset.name, rules: preset.rules });
    setApplied(t('topics.preset.applied'));
  }

  async function save(e) {
    e.preventDefault();
    const id = draft.id.trim();
    if (creating && !id) return setError(localRefusal('id', t('field.required')));
    if (creating && existingIds.includes(id)) return setError(localRefusal('id', t('topics.id.taken', { id })));
    setBusy(true);
    setError(null);
    setApplied('');
    onSaving();
    try {
      onSaved(await put(`/api/topics/${encodeURIComponent(id)}`, { ...draft, id }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!confirm(t('topics.delete.confirm', { name: topic.name }))) return;
    setDeleteError(null);
    try {
      await del(`/api/topics/${encodeURIComponent(topic.id)}`);
      onDeleted();
    } catch (err) {
      setDeleteError(err);
    }
  }

  const textField = (field, label, hint) => html`<${Field} id=${`${FORM}-${field}`} label=${label} hint=${hint}>
    <input id=${`${FORM}-${field}`} value=${draft[field]} autocomplete="off" ...${invalidAttrs(problems, FORM, field, `${FORM}-${field}-hint`)}
      onInput=${(e) => set({ [field]: e.currentTarget.value })} />
    <${FieldProblem} problems=${problems} formId=${FORM} field=${field} />
  </${Field}>`;
  const shown = new Set(['id', 'name', ...ruleFields(draft.rules)]);
  return html`<${ScreenHeader} title=${creating ? t('topics.new.title') : t('topics.edit.title', { name: topic.name })} />
    <${Presets} onApply=${applyPreset} />
    <form class="topics-form" ref=${formRef} onSubmit=${save} novalidate aria-busy=${busy}>
      <div class="card">
        ${creating ? textField('id', t('topics.field.id'), t('topics.field.idHint')) : html`<p>${t('topics.field.id')}: <code>${topic.id}</code></p>`}
        ${textField('name', t('topics.field.name'), t('topics.field.nameHint'))}
      </div>
      <section class="card" aria-labelledby=${`${FORM}-rules-title`}>
        <h2 id=${`${FORM}-rules-title`}>${t('topics.rules.title')}</h2>
        <${RuleHints} formId=${FORM} />
        <${Notice} text=${applied} />
        <${FieldProblem} problems=${problems} formId=${FORM} field="rules" />
        ${draft.rules.length ? null : html`<p>${t('topics.rules.none')}</p>`}
        ${draft.rules.map((rule, i) => html`<${RuleFields} key=${i} index=${i} rule=${rule} zones=${zones} formId=${FORM} problems=${problems}
          onChange=${(next) => setRules(draft.rules.map((r, j) => (j === i ? next : r)))}
          onRemove=${() => setRules(draft.rules.filter((_, j) => j !== i))} />`)}
        <button type="button" onClick=${() => setRules([...draft.rules, { ...NEW_RULE }])}>${t('topics.rule.add')}</button>
      </section>
      <${SaveProblem} error=${error} problems=${problems} shown=${shown} />
      <div class="actions topics-save">
        <button type="submit" class="primary" disabled=${busy}>${busy ? t('topics.saving') : t('action.save')}</button>
        ${creating ? null : html`<button type="button" class="danger" onClick=${remove}>${t('topics.delete.action')}</button>`}
      </div>
      <${Notice} text=${savedNotice} />
      <${ErrorNote} error=${deleteError} />
    </form>`;
}
