// Edits one zone (or creates one): its name, group and windows; shows its outputs and stream address.
import { useEffect, useRef, useState } from 'preact/hooks';
import { del, put } from '../../lib/api.js';
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { ErrorNote, Field, Notice, ScreenHeader } from '../../lib/ui.js';
import { OutputsHealth, StreamAddress } from './outputs.js';
import { FieldProblem, invalidAttrs, problemsOf, SaveProblem } from '../../lib/problems.js';
import { WindowsEditor, windowFields } from './windows.js';

const FORM = 'zone-form';
const BLANK = { id: '', name: '', areaCodes: [], testAlerts: false, group: null, windows: [], enabled: true };

/** "20194, 20195" → ["20194", "20195"]: the codes as typed, split at commas, semicolons or spaces. */
const splitCodes = (text) => text.split(/[\s,;]+/).filter(Boolean);

/** The API names one bad code as areaCodes.N: they all belong to the one field. */
function foldCodeProblems(problems) {
  const out = {};
  for (const [field, list] of Object.entries(problems)) {
    const key = field.startsWith('areaCode') ? 'areaCodes' : field;
    (out[key] ??= []).push(...list);
  }
  return out;
}

/** A refusal found before asking the API (the id of a new zone), in the API's own shape. */
const localRefusal = (field, problem) => ({ message: problem, details: [{ field, problem }] });

function TextField({ field, label, hint, value, problems, onInput, list }) {
  const id = `${FORM}-${field}`;
  return html`<${Field} id=${id} label=${label} hint=${hint}>
    <input id=${id} value=${value ?? ''} list=${list} autocomplete="off" ...${invalidAttrs(problems, FORM, field, hint ? `${id}-hint` : undefined)}
      onInput=${(e) => onInput(e.currentTarget.value)} />
    <${FieldProblem} problems=${problems} formId=${FORM} field=${field} />
  </${Field}>`;
}

export function ZoneEditor({ zone, existingIds, groups, health, savedNotice, onSaving, onSaved, onDeleted }) {
  const creating = !zone;
  const [draft, setDraft] = useState(() => {
    const start = structuredClone(zone ?? BLANK);
    return { ...start, areaCodesText: (start.areaCodes ?? []).join(', ') };
  });
  const [error, setError] = useState(null);
  const [deleteError, setDeleteError] = useState(null);
  const [busy, setBusy] = useState(false);
  const problems = error?.details ? foldCodeProblems(problemsOf(error)) : {};
  const set = (patch) => setDraft({ ...draft, ...patch });
  const formRef = useRef(null);
  // A refused save takes the keyboard to the first field it names.
  useEffect(() => { if (error) formRef.current?.querySelector('[aria-invalid="true"]')?.focus(); }, [error]);

  async function save(e) {
    e.preventDefault();
    const id = draft.id.trim();
    if (creating && !id) return setError(localRefusal('id', t('field.required')));
    if (creating && existingIds.includes(id)) return setError(localRefusal('id', t('zones.id.taken', { id })));
    setBusy(true);
    setError(null);
    onSaving();
    try {
      const { areaCodesText, ...rest } = draft;
      const body = { ...rest, id, group: draft.group?.trim() || null, areaCodes: splitCodes(areaCodesText ?? '') };
      onSaved(await put(`/api/zones/${encodeURIComponent(id)}`, body));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!confirm(t('zones.delete.confirm', { name: zone.name }))) return;
    setDeleteError(null);
    try {
      await del(`/api/zones/${encodeURIComponent(zone.id)}`);
      onDeleted();
    } catch (err) {
      setDeleteError(err);
    }
  }

  const shown = new Set(['id', 'name', 'areaCodes', 'testAlerts', 'group', 'enabled', ...windowFields(draft.windows)]);
  return html`<${ScreenHeader} title=${creating ? t('zones.new.title') : t('zones.edit.title', { name: zone.name })} />
    <form class="zones-form" ref=${formRef} onSubmit=${save} novalidate aria-busy=${busy}>
      <div class="card">
        ${creating
          ? html`<${TextField} field="id" label=${t('zones.field.id')} hint=${t('zones.field.idHint')} value=${draft.id} problems=${problems} onInput=${(v) => set({ id: v })} />`
          : html`<p>${t('zones.field.id')}: <code>${zone.id}</code></p>`}
        <${TextField} field="name" label=${t('zones.field.name')} hint=${t('zones.field.nameHint')} value=${draft.name} problems=${problems} onInput=${(v) => set({ name: v })} />
        <${TextField} field="areaCodes" label=${t('zones.field.areaCodes')} hint=${t('zones.field.areaCodesHint')} value=${draft.areaCodesText} problems=${problems} onInput=${(v) => set({ areaCodesText: v })} />
        <div class="field">
          <label class="zones-check"><input type="checkbox" checked=${draft.testAlerts} aria-describedby=${`${FORM}-testAlerts-hint`} onChange=${(e) => set({ testAlerts: e.currentTarget.checked })} /> ${t('zones.field.testAlerts')}</label>
          <small id=${`${FORM}-testAlerts-hint`}>${t('zones.field.testAlertsHint')}</small>
          <${FieldProblem} problems=${problems} formId=${FORM} field="testAlerts" />
        </div>
        <${TextField} field="group" label=${t('zones.field.group')} hint=${t('zones.field.groupHint')} value=${draft.group} problems=${problems} list="zone-groups" onInput=${(v) => set({ group: v })} />
        <datalist id="zone-groups">${groups.map((g) => html`<option value=${g} />`)}</datalist>
        <div class="field">
          <label class="zones-check"><input type="checkbox" checked=${draft.enabled} aria-describedby=${`${FORM}-enabled-hint`} onChange=${(e) => set({ enabled: e.currentTarget.checked })} /> ${t('zones.field.enabled')}</label>
          <small id=${`${FORM}-enabled-hint`}>${t('zones.field.enabledHint')}</small>
          <${FieldProblem} problems=${problems} formId=${FORM} field="enabled" />
        </div>
      </div>
      <div class="card">
        <${WindowsEditor} windows=${draft.windows} formId=${FORM} problems=${problems} onChange=${(windows) => set({ windows })} />
      </div>
      <${SaveProblem} error=${error} problems=${problems} shown=${shown} />
      <div class="actions zones-save">
        <button type="submit" class="primary" disabled=${busy}>${busy ? t('zones.saving') : t('action.save')}</button>
        ${creating ? null : html`<button type="button" class="danger" onClick=${remove}>${t('zones.delete.action')}</button>`}
      </div>
      <${Notice} text=${savedNotice} />
      <${ErrorNote} error=${deleteError} />
    </form>
    ${creating ? null : html`<div class="card"><${OutputsHealth} zone=${zone} health=${health} /></div>
      <div class="card"><${StreamAddress} zone=${zone} canSetKey=${true} /></div>`}`;
}
