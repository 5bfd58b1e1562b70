// The report's own words, written beside its figures: number, place, the superior body, the
// assessment, the difficulties (with those Loa suggests from the data, to take in, edit or drop), the
// proposals, the signatory and "Nơi nhận". Operators write; the others read the same form, disabled.
import { useEffect, useState } from 'preact/hooks';
import { put, query } from '../../lib/api.js';
import { fmtDateTime } from '../../lib/format.js';
import { html } from '../../lib/html.js';
import { currentLang, t } from '../../lib/i18n.js';
import { FieldProblem, invalidAttrs, problemsOf, SaveProblem } from '../../lib/problems.js';
import { Field, Notice } from '../../lib/ui.js';
import { Suggestions } from './suggestions.js';

const FORM_ID = 'report-draft';
/** Fields the form shows, so a refused save can say which problems have no field on screen. */
const SHOWN = new Set(['number', 'place', 'authority', 'assessment', 'difficulties', 'proposals', 'signer.name', 'signer.title', 'recipients']);

/** The form's state from the API's draft: recipients as lines of one text box. */
const toForm = (d) => ({ ...d, signer: { ...d.signer }, difficulties: [...d.difficulties], recipients: d.recipients.join('\n') });
/** The API's draft from the form: empty difficulties and recipient lines left out. */
const toDraft = (f) => ({
  number: f.number, place: f.place, authority: f.authority, assessment: f.assessment, proposals: f.proposals,
  difficulties: f.difficulties.map((d) => d.trim()).filter(Boolean),
  signer: { name: f.signer.name, title: f.signer.title },
  recipients: f.recipients.split('\n').map((r) => r.trim()).filter(Boolean),
  handledSuggestions: f.handledSuggestions,
});

/**
 * `view`: GET …/draft's answer; `final`: the month is finalized (the words go into the next version).
 * `onSaved(view)` gets PUT's answer; `onDirty(bool)` says whether there are changes not yet saved
 * (finalizing waits for them).
 */
export function DraftEditor({ view, month, zone, canWrite, final, onSaved, onDirty }) {
  const [form, setForm] = useState(() => toForm(view.draft));
  const [dirty, setDirtyState] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [saved, setSaved] = useState('');
  useEffect(() => { setForm(toForm(view.draft)); setDirtyState(false); onDirty(false); }, [view]);

  const change = (next) => { setForm(next); setSaved(''); if (!dirty) { setDirtyState(true); onDirty(true); } };
  const input = (key) => (e) => change({ ...form, [key]: e.currentTarget.value });
  const signer = (key) => (e) => change({ ...form, signer: { ...form.signer, [key]: e.currentTarget.value } });
  const setDifficulty = (i, value) => change({ ...form, difficulties: form.difficulties.map((d, j) => (j === i ? value : d)) });
  const removeDifficulty = (i) => change({ ...form, difficulties: form.difficulties.filter((_, j) => j !== i) });
  const handle = (s, take) => change({
    ...form,
    difficulties: take ? [...form.difficulties, s.text] : form.difficulties,
    handledSuggestions: [...form.handledSuggestions, s.key],
  });

  async function save(e) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const next = await put(`/api/reports/monthly/${month}/draft${query({ zone, lang: currentLang() })}`, toDraft(form));
      setSaved(t('reports.draft.saved', { time: fmtDateTime(next.updatedAt) }));
      onSaved(next);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const problems = problemsOf(error);
  const attrs = (field, hint) => invalidAttrs(problems, FORM_ID, field, hint);
  const problem = (field) => html`<${FieldProblem} problems=${problems} formId=${FORM_ID} field=${field} />`;
  const pending = view.suggestions.filter((s) => !form.handledSuggestions.includes(s.key));

  return html`<form id=${FORM_ID} class="card report-draft" onSubmit=${save} aria-labelledby="report-draft-title">
    <h2 id="report-draft-title">${t('reports.draft.title')}</h2>
    <p class="hint">${canWrite ? t('reports.draft.intro') : t('reports.draft.readOnly')}${final ? ` ${t('reports.draft.nextVersion')}` : ''}</p>
    ${view.updatedBy ? html`<p class="hint">${t('reports.draft.lastSaved', { time: fmtDateTime(view.updatedAt), name: view.updatedBy.name })}</p>` : null}
    <${SaveProblem} error=${error} problems=${problems} shown=${SHOWN} />
    <fieldset disabled=${!canWrite || busy}>
      <legend class="sr-only">${t('reports.draft.title')}</legend>
      <div class="draft-heading">
        <${Field} id="draft-number" label=${t('reports.draft.number')} hint=${t('reports.draft.number.hint')}>
          <input id="draft-number" maxlength="60" value=${form.number} onInput=${input('number')} ...${attrs('number', 'draft-number-hint')} />
          ${problem('number')}
        </${Field}>
        <${Field} id="draft-place" label=${t('reports.draft.place')} hint=${t('reports.draft.place.hint')}>
          <input id="draft-place" maxlength="100" value=${form.place} onInput=${input('place')} ...${attrs('place', 'draft-place-hint')} />
          ${problem('place')}
        </${Field}>
        <${Field} id="draft-authority" label=${t('reports.draft.authority')} hint=${t('reports.draft.authority.hint')}>
          <input id="draft-authority" maxlength="200" value=${form.authority} onInput=${input('authority')} ...${attrs('authority', 'draft-authority-hint')} />
          ${problem('authority')}
        </${Field}>
      </div>
      <${Field} id="draft-assessment" label=${t('reports.draft.assessment')} hint=${t('reports.draft.paragraphs.hint')}>
        <textarea id="draft-assessment" rows="6" value=${form.assessment} onInput=${input('assessment')} ...${attrs('assessment', 'draft-assessment-hint')}></textarea>
        ${problem('assessment')}
      </${Field}>
      <fieldset class="difficulties">
        <legend>${t('reports.draft.difficulties')}</legend>
        ${form.difficulties.length === 0 ? html`<p class="muted">${t('reports.draft.difficulties.none')}</p>` : null}
        <ol class="difficulty-list">${form.difficulties.map((d, i) => html`<li key=${i}>
          <label class="sr-only" for=${`draft-difficulty-${i}`}>${t('reports.draft.difficulty', { n: i + 1 })}</label>
          <textarea id=${`draft-difficulty-${i}`} rows="3" value=${d} onInput=${(e) => setDifficulty(i, e.currentTarget.value)}
            ...${attrs(`difficulties.${i}`)}></textarea>
          ${problem(`difficulties.${i}`)}
          <button type="button" class="link" onClick=${() => removeDifficulty(i)}>${t('reports.draft.difficulty.remove', { n: i + 1 })}</button>
        </li>`)}</ol>
        <button type="button" onClick=${() => change({ ...form, difficulties: [...form.difficulties, ''] })}>${t('reports.draft.difficulty.add')}</button>
      </fieldset>
      <${Suggestions} pending=${pending} handledCount=${view.suggestions.length - pending.length} onTake=${(s) => handle(s, true)} onDrop=${(s) => handle(s, false)} />
      <${Field} id="draft-proposals" label=${t('reports.draft.proposals')} hint=${t('reports.draft.paragraphs.hint')}>
        <textarea id="draft-proposals" rows="4" value=${form.proposals} onInput=${input('proposals')} ...${attrs('proposals', 'draft-proposals-hint')}></textarea>
        ${problem('proposals')}
      </${Field}>
      <div class="draft-closing">
        <${Field} id="draft-signer-title" label=${t('reports.draft.signerTitle')} hint=${t('reports.draft.signerTitle.hint')}>
          <textarea id="draft-signer-title" rows="2" value=${form.signer.title} onInput=${signer('title')} ...${attrs('signer.title', 'draft-signer-title-hint')}></textarea>
          ${problem('signer.title')}
        </${Field}>
        <${Field} id="draft-signer-name" label=${t('reports.draft.signerName')}>
          <input id="draft-signer-name" maxlength="100" value=${form.signer.name} onInput=${signer('name')} ...${attrs('signer.name')} />
          ${problem('signer.name')}
        </${Field}>
        <${Field} id="draft-recipients" label=${t('reports.draft.recipients')} hint=${t('reports.draft.recipients.hint')}>
          <textarea id="draft-recipients" rows="4" value=${form.recipients} onInput=${input('recipients')} ...${attrs('recipients', 'draft-recipients-hint')}></textarea>
          ${problem('recipients')}
        </${Field}>
      </div>
    </fieldset>
    ${canWrite ? html`<div class="actions">
      <button type="submit" class="primary" disabled=${busy}>${busy ? t('reports.draft.saving') : t('reports.draft.save')}</button>
      ${dirty ? html`<span class="badge warn">${t('reports.draft.unsaved')}</span>` : null}
    </div>` : null}
    <${Notice} text=${saved} />
  </form>`;
}
