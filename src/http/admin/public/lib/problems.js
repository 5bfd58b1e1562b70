// The API's 400 details placed beside the fields they name, for every form of the page.
import { html } from './html.js';
import { t } from './i18n.js';
import { ErrorNote } from './ui.js';

/**
 * The form's own name for a field the API names: "body.windows.0.end" → "windows.0.end",
 * "zones.tdp-1.windows" → "windows", "topics.x.rules[0].zones[2]" → "rules.0.zones",
 * "body.windows.0.days.1" → "windows.0.days" (a list of choices is one control).
 */
export function formField(apiField) {
  return apiField
    .replace(/^body\./, '')
    .replace(/^(zones|topics)\.[^.]+\./, '')
    .replace(/^policy\./, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/\.(days|zones)\.\d+$/, '.$1');
}

/** { field → [problem…] } from a failed save (empty when it was not a 400 with details). */
export function problemsOf(error) {
  const out = {};
  for (const d of Array.isArray(error?.details) ? error.details : []) {
    if (!d || typeof d.field !== 'string') continue;
    (out[formField(d.field)] ??= []).push(String(d.problem));
  }
  return out;
}

/** The id of the note that explains a field's problem (for aria-describedby). */
export const problemId = (formId, field) => `${formId}-problem-${field.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

/**
 * Attributes for a control whose field may be refused: marks it invalid and points at the reason
 * (plus an optional hint id).
 */
export function invalidAttrs(problems, formId, field, hintId) {
  const bad = Boolean(problems[field]);
  const ids = [hintId, bad ? problemId(formId, field) : null].filter(Boolean).join(' ');
  return { 'aria-invalid': bad ? 'true' : undefined, 'aria-describedby': ids || undefined };
}

/** For a group of controls (a fieldset): points at the reason; aria-invalid belongs on the controls. */
export function groupAttrs(problems, formId, field) {
  return problems[field] ? { 'aria-describedby': problemId(formId, field) } : {};
}

/** The API's reason beside the field it names. */
export function FieldProblem({ problems, formId, field }) {
  const list = problems[field];
  if (!list) return null;
  return html`<p class="field-problem" id=${problemId(formId, field)}>${list.join(' ')}</p>`;
}

/**
 * What a refused save says at the top of the form: the API's sentence when it named no field we
 * show, otherwise "fix the marked fields" plus any problem that has no field on screen.
 */
export function SaveProblem({ error, problems, shown }) {
  if (!error) return null;
  const fields = Object.keys(problems);
  if (!fields.length) return html`<${ErrorNote} error=${error} />`;
  const elsewhere = fields.filter((f) => !shown.has(f));
  return html`<div class="error" role="alert">
    <p>${t('zones.problem.fixMarked')}</p>
    ${elsewhere.length ? html`<ul>${elsewhere.map((f) => html`<li>${f}: ${problems[f].join(' ')}</li>`)}</ul>` : null}
  </div>`;
}
