// Nguồn tiếp âm: the streams relays pull (VOV, the city station…), each with its health as the
// daemon's watcher last saw it, whether or not a relay airs. Operators add, change and delete them.
import { useEffect, useRef, useState } from 'preact/hooks';
import { del, put } from '../../lib/api.js';
import { fmtTime } from '../../lib/format.js';
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { FieldProblem, invalidAttrs, problemsOf, SaveProblem } from '../../lib/problems.js';
import { ErrorNote, Field } from '../../lib/ui.js';

const FORM = 'relay-src-form';
const FIELDS = new Set(['name', 'url', 'kind', 'silenceLimitSeconds']);
const DEFAULT_SILENCE_SECONDS = 10;

/**
 * { field → [problem…] } of a refusal. The relay API names a field without a reason of its own
 * ([{ field }]): its sentence is the reason, shown beside the field.
 */
export function refusalProblems(error) {
  if (!Array.isArray(error?.details)) return {};
  return problemsOf({ details: error.details.map((d) => ({ ...d, problem: d.problem ?? error.message })) });
}

/** A refusal found before asking the API, in the API's own shape. */
export const localRefusal = (field, problem) => ({ message: problem, details: [{ field, problem }] });

/** "VOV1 Thời sự" → "vov1-thoi-su": an id the API takes (lower-case letters, digits, hyphens). */
export function slugOf(text, fallback) {
  const slug = text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48).replace(/-+$/, '');
  return slug || fallback;
}

/** `base`, or `base-2`, `base-3`… whichever is not taken yet. */
export function uniqueId(base, taken) {
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) if (!taken.includes(`${base}-${n}`)) return `${base}-${n}`;
}

const kindLabel = (kind) => t(kind === 'hls' ? 'relays.source.kind.hls' : 'relays.source.kind.http');

/** The source's health in words: a badge (heard / cannot connect / not checked yet) and what was seen. */
function Health({ health }) {
  if (!health || health.reachable === null) return html`<span class="badge muted">${t('relays.health.unchecked')}</span>`;
  const checked = health.checkedAt ? t('relays.health.checkedAt', { time: fmtTime(health.checkedAt) }) : null;
  if (health.reachable) {
    const parts = [health.bitrateKbps ? t('relays.health.kbps', { kbps: health.bitrateKbps }) : null, checked].filter(Boolean);
    return html`<span class="badge ok">${t('relays.health.ok')}</span>${parts.map((p) => ` · ${p}`)}`;
  }
  // The watcher's reason is a technical English text (an HTTP status, a socket error).
  return html`<span class="badge bad">${t('relays.health.down')}</span>${health.lastError
    ? html`: <span lang="en">${health.lastError}</span>` : null}${checked ? ` · ${checked}` : null}`;
}

function SourceTable({ sources, canEdit, onEdit, onDelete }) {
  // No visually hidden text in here: absolutely placed, it would escape the scrolling box and widen the page.
  return html`<div class="table-wrap"><table class="relay-sources" aria-labelledby="relay-src-title">
    <thead><tr>
      <th scope="col">${t('relays.source.name')}</th>
      <th scope="col">${t('relays.source.url')}</th>
      <th scope="col">${t('relays.source.kind')}</th>
      <th scope="col">${t('relays.source.silence')}</th>
      <th scope="col">${t('relays.source.health')}</th>
      ${canEdit ? html`<th scope="col">${t('relays.actions')}</th>` : null}
    </tr></thead>
    <tbody>${sources.map((s) => html`<tr key=${s.id}>
      <th scope="row">${s.name}</th>
      <td class="relay-url"><code>${s.url}</code></td>
      <td>${kindLabel(s.kind)}</td>
      <td>${t('relays.seconds', { n: s.silenceLimitSeconds })}</td>
      <td class="relay-health"><${Health} health=${s.health} /></td>
      ${canEdit ? html`<td><div class="actions">
        <button type="button" aria-label=${t('relays.source.editNamed', { name: s.name })} onClick=${() => onEdit(s)}>${t('action.edit')}</button>
        <button type="button" class="danger" aria-label=${t('relays.source.deleteNamed', { name: s.name })} onClick=${() => onDelete(s)}>${t('action.delete')}</button>
      </div></td>` : null}
    </tr>`)}</tbody>
  </table></div>`;
}

/** Adds a source (`source` null) or changes one; the API's reason appears beside the field it names. */
function SourceForm({ source, takenIds, onSaved, onCancel }) {
  const [draft, setDraft] = useState(() => ({
    name: source?.name ?? '', url: source?.url ?? '', kind: source?.kind ?? 'http',
    silence: String(source?.silenceLimitSeconds ?? DEFAULT_SILENCE_SECONDS),
  }));
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef(null);
  const problems = refusalProblems(error);
  const set = (patch) => setDraft({ ...draft, ...patch });
  useEffect(() => { formRef.current?.querySelector('input')?.focus(); }, []);
  // A refused save takes the keyboard to the first field it names.
  useEffect(() => { if (error) formRef.current?.querySelector('[aria-invalid="true"]')?.focus(); }, [error]);

  async function save(e) {
    e.preventDefault();
    if (busy) return;
    const name = draft.name.trim();
    if (!name) return setError(localRefusal('name', t('field.required')));
    if (!draft.url.trim()) return setError(localRefusal('url', t('field.required')));
    const silence = draft.silence.trim() === '' ? undefined : Number(draft.silence);
    const id = source?.id ?? uniqueId(slugOf(name, 'nguon'), takenIds);
    setBusy(true);
    setError(null);
    try {
      const saved = await put(`/api/sources/${encodeURIComponent(id)}`, { name, url: draft.url.trim(), kind: draft.kind, silenceLimitSeconds: silence });
      onSaved(saved);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const input = (field, attrs, hintId) => html`<input id=${`${FORM}-${field}`} ...${attrs}
    ...${invalidAttrs(problems, FORM, field, hintId)} />
    <${FieldProblem} problems=${problems} formId=${FORM} field=${field} />`;
  const title = source ? t('relays.source.editTitle', { name: source.name }) : t('relays.source.addTitle');
  return html`<form class="card relay-form" ref=${formRef} onSubmit=${save} novalidate aria-busy=${busy ? 'true' : 'false'} aria-labelledby=${`${FORM}-title`}>
    <h4 id=${`${FORM}-title`}>${title}</h4>
    <${Field} id=${`${FORM}-name`} label=${t('relays.source.name')}>
      ${input('name', { value: draft.name, maxlength: 200, autocomplete: 'off', onInput: (e) => set({ name: e.currentTarget.value }) })}
    </${Field}>
    <${Field} id=${`${FORM}-url`} label=${t('relays.source.url')} hint=${t('relays.source.urlHint')}>
      ${input('url', { type: 'url', inputmode: 'url', value: draft.url, autocomplete: 'off', spellcheck: false, onInput: (e) => set({ url: e.currentTarget.value }) }, `${FORM}-url-hint`)}
    </${Field}>
    <${Field} id=${`${FORM}-kind`} label=${t('relays.source.kind')}>
      <select id=${`${FORM}-kind`} value=${draft.kind} ...${invalidAttrs(problems, FORM, 'kind')} onChange=${(e) => set({ kind: e.currentTarget.value })}>
        <option value="http">${kindLabel('http')}</option>
        <option value="hls">${kindLabel('hls')}</option>
      </select>
      <${FieldProblem} problems=${problems} formId=${FORM} field="kind" />
    </${Field}>
    <${Field} id=${`${FORM}-silenceLimitSeconds`} label=${t('relays.source.silenceSeconds')} hint=${t('relays.source.silenceHint')}>
      ${input('silenceLimitSeconds', { type: 'number', inputmode: 'numeric', min: 1, max: 600, step: 1, value: draft.silence, onInput: (e) => set({ silence: e.currentTarget.value }) }, `${FORM}-silenceLimitSeconds-hint`)}
    </${Field}>
    <${SaveProblem} error=${error} problems=${problems} shown=${FIELDS} />
    <div class="actions">
      <button type="submit" class="primary" aria-disabled=${busy ? 'true' : 'false'}>${busy ? t('relays.saving') : t('action.save')}</button>
      <button type="button" onClick=${onCancel}>${t('action.cancel')}</button>
    </div>
  </form>`;
}

/** The sources with their health; with `canEdit`, the add / edit / delete that change them. */
export function SourcePanel({ sources, canEdit, onChanged }) {
  // null: no form open; { source: null }: adding; { source }: changing that source.
  const [editing, setEditing] = useState(null);
  const [notice, setNotice] = useState('');
  const [deleteError, setDeleteError] = useState(null);
  const open = (source) => { setNotice(''); setDeleteError(null); setEditing({ source }); };

  async function remove(source) {
    setNotice('');
    setDeleteError(null);
    if (!confirm(t('relays.source.deleteConfirm', { name: source.name }))) return;
    try {
      await del(`/api/sources/${encodeURIComponent(source.id)}`);
      setNotice(t('relays.source.deleted', { name: source.name }));
      if (editing?.source?.id === source.id) setEditing(null);
      onChanged();
    } catch (err) {
      setDeleteError(err);
    }
  }

  return html`<section class="relay-part" aria-labelledby="relay-src-title">
    <h3 id="relay-src-title">${t('relays.sources.title')}</h3>
    <p class="hint">${t('relays.sources.hint')}</p>
    ${sources.length ? html`<${SourceTable} sources=${sources} canEdit=${canEdit} onEdit=${open} onDelete=${remove} />`
      : html`<p class="muted">${t('relays.sources.none')}</p>`}
    <${ErrorNote} error=${deleteError} />
    <div role="status" aria-live="polite">${notice ? html`<p class="notice">${notice}</p>` : null}</div>
    ${editing ? html`<${SourceForm} key=${editing.source?.id ?? 'new'} source=${editing.source} takenIds=${sources.map((s) => s.id)}
        onCancel=${() => setEditing(null)}
        onSaved=${(saved) => { setEditing(null); setNotice(t('relays.source.saved', { name: saved.name })); onChanged(); }} />`
      : canEdit ? html`<button type="button" onClick=${() => open(null)}>${t('relays.source.add')}</button>` : null}
  </section>`;
}
