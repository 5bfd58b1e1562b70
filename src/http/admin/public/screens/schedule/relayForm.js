// One relay (tiếp âm) in words and in a form: which source airs, on which zones, which weekdays, from
// when to when, and what airs instead when the source is lost (an approved item, or silence).
import { useEffect, useRef, useState } from 'preact/hooks';
import { fmtDuration } from '../../lib/format.js';
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { FieldProblem, groupAttrs, invalidAttrs } from '../../lib/problems.js';
import { Field } from '../../lib/ui.js';
import { localRefusal } from './relaySources.js';

const FORM = 'relay-form';
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];
const DAY_SETS = [
  { key: 'relays.days.everyDay', days: WEEKDAYS },
  { key: 'relays.days.weekdays', days: [1, 2, 3, 4, 5] },
];
const ALL = '*';
const FIELDS = new Set(['source', 'zones', 'days', 'start', 'end', 'fallbackItemId']);

/** The groups of the station, each with its member zones, and the zones in no group. */
function zoneGroups(zones) {
  const groups = new Map();
  for (const z of zones) if (z.group) groups.set(z.group, [...(groups.get(z.group) ?? []), z]);
  return { groups: [...groups.entries()], alone: zones.filter((z) => !z.group) };
}

/** "Thứ Hai–Thứ Sáu", "Thứ Hai, Thứ Tư": runs of three days or more as a range. */
export function daysText(days) {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const runs = [];
  for (const d of sorted) {
    const last = runs[runs.length - 1];
    if (last && d === last[1] + 1) last[1] = d;
    else runs.push([d, d]);
  }
  const day = (d) => t(`weekday.${d}`);
  return runs.flatMap(([a, b]) => (b - a >= 2 ? [`${day(a)}–${day(b)}`] : WEEKDAYS.filter((d) => d >= a && d <= b).map(day))).join(', ');
}

/** The zones a relay names, in words: a zone by its name, a group (or a member, which brings it) as the group. */
export function zonesText(targets, zones) {
  if (targets.includes(ALL)) return t('relays.zones.all');
  const words = targets.map((id) => {
    const zone = zones.find((z) => z.id === id);
    if (zone?.group) return t('relays.zones.group', { group: zone.group });
    if (zone) return zone.name;
    return zones.some((z) => z.group === id) ? t('relays.zones.group', { group: id }) : id;
  });
  return [...new Set(words)].join(', ');
}

/** «Thứ Hai–Chủ Nhật, 06:00–06:15: tiếp âm VOV1 trên Tổ dân phố 1; dự phòng: im lặng» */
export function relaySentence(relay, { sources, zones, items }) {
  const source = sources.find((s) => s.id === relay.source)?.name ?? relay.source;
  const fallback = relay.fallbackItemId === null
    ? t('relays.fallback.silenceWord')
    : (items.find((i) => i.id === relay.fallbackItemId)?.title ?? relay.fallbackItemId);
  return t('relays.sentence', { days: daysText(relay.days), start: relay.start, end: relay.end, source, zones: zonesText(relay.zones, zones), fallback });
}

/** The zone checkboxes: «all», each zone in no group, each group (a member would bring the whole group). */
function ZonePicker({ value, zones, problems, onChange }) {
  const { groups, alone } = zoneGroups(zones);
  const all = value.includes(ALL);
  const invalid = invalidAttrs(problems, FORM, 'zones');
  const has = (id) => value.includes(id);
  const toggle = (ids, on, add) => onChange(on ? [...value.filter((v) => !ids.includes(v)), add] : value.filter((v) => !ids.includes(v)));
  const box = (key, label, checked, onToggle, hint) => html`<label class="relay-check" key=${key}>
    <input type="checkbox" checked=${checked} disabled=${all && key !== ALL} aria-invalid=${invalid['aria-invalid']}
      onChange=${(e) => onToggle(e.currentTarget.checked)} />
    <span>${label}${hint ? html` <small class="hint">(${hint})</small>` : null}</span>
  </label>`;
  return html`<fieldset class="relay-fieldset" ...${groupAttrs(problems, FORM, 'zones')}>
    <legend>${t('relays.form.zones')}</legend>
    ${box(ALL, t('relays.zones.allChoice'), all, (on) => onChange(on ? [ALL] : []))}
    ${alone.map((z) => box(z.id, z.name, all || has(z.id), (on) => toggle([z.id], on, z.id)))}
    ${groups.map(([group, members]) => {
      const ids = [group, ...members.map((m) => m.id)];
      return box(`group:${group}`, t('relays.zones.group', { group }), all || ids.some(has), (on) => toggle(ids, on, group),
        members.map((m) => m.name).join(', '));
    })}
    <${FieldProblem} problems=${problems} formId=${FORM} field="zones" />
  </fieldset>`;
}

function DayPicker({ value, problems, onChange }) {
  const toggle = (day, on) => onChange(on ? [...value, day].sort((a, b) => a - b) : value.filter((d) => d !== day));
  const invalid = invalidAttrs(problems, FORM, 'days')['aria-invalid'];
  return html`<fieldset class="relay-fieldset" ...${groupAttrs(problems, FORM, 'days')}>
    <legend>${t('relays.form.days')}</legend>
    <div class="relay-days">${WEEKDAYS.map((day) => html`<label class="relay-check" key=${day}>
      <input type="checkbox" checked=${value.includes(day)} aria-invalid=${invalid} onChange=${(e) => toggle(day, e.currentTarget.checked)} />
      <span>${t(`weekday.${day}`)}</span>
    </label>`)}</div>
    <div class="actions">${DAY_SETS.map((s) => html`<button type="button" class="link" key=${s.key} onClick=${() => onChange(s.days)}>${t(s.key)}</button>`)}</div>
    <${FieldProblem} problems=${problems} formId=${FORM} field="days" />
  </fieldset>`;
}

/** What the form may say is wrong before asking the API (the API would name the same fields less kindly). */
function localProblem(draft) {
  if (!draft.source) return localRefusal('source', t('field.required'));
  if (!draft.zones.length) return localRefusal('zones', t('relays.form.zonesRequired'));
  if (!draft.days.length) return localRefusal('days', t('relays.form.daysRequired'));
  if (!draft.start) return localRefusal('start', t('field.required'));
  if (!draft.end) return localRefusal('end', t('field.required'));
  return null;
}

/**
 * Adds a relay (`relay` null) or changes one. `problems` are the API's for this relay (fields as the
 * form names them; '' for the relay as a whole); `onSave(draft)` resolves when the list is saved.
 */
export function RelayForm({ relay, sources, zones, items, problems, refusal, busy, onSave, onCancel }) {
  const [draft, setDraft] = useState(() => ({
    source: relay?.source ?? sources[0]?.id ?? '', zones: relay?.zones ?? [], days: relay?.days ?? WEEKDAYS,
    start: relay?.start ?? '', end: relay?.end ?? '', fallbackItemId: relay?.fallbackItemId ?? null,
  }));
  const [local, setLocal] = useState(null);
  const formRef = useRef(null);
  const shown = local ? { [local.details[0].field]: [local.message] } : problems;
  const set = (patch) => { setLocal(null); setDraft({ ...draft, ...patch }); };
  useEffect(() => { formRef.current?.querySelector('select, input')?.focus(); }, []);
  // A refusal takes the keyboard to the first field it names.
  useEffect(() => { if (local || refusal) formRef.current?.querySelector('[aria-invalid="true"]')?.focus(); }, [local, refusal]);

  function save(e) {
    e.preventDefault();
    if (busy) return;
    const problem = localProblem(draft);
    if (problem) return setLocal(problem);
    onSave(draft);
  }

  // A problem with the relay as a whole (an overlap), or with a field the form does not show.
  const whole = Object.entries(shown).filter(([field]) => !FIELDS.has(field)).flatMap(([, list]) => list);
  const fallbackKnown = draft.fallbackItemId === null || items.some((i) => i.id === draft.fallbackItemId);
  const time = (part) => html`<${Field} id=${`${FORM}-${part}`} label=${t(`relays.form.${part}`)}>
    <input id=${`${FORM}-${part}`} type="time" value=${draft[part]} ...${invalidAttrs(shown, FORM, part)}
      onInput=${(e) => set({ [part]: e.currentTarget.value })} />
    <${FieldProblem} problems=${shown} formId=${FORM} field=${part} />
  </${Field}>`;
  return html`<form class="card relay-form" ref=${formRef} onSubmit=${save} novalidate aria-busy=${busy ? 'true' : 'false'} aria-labelledby=${`${FORM}-title`}>
    <h4 id=${`${FORM}-title`}>${relay ? t('relays.form.editTitle') : t('relays.form.addTitle')}</h4>
    ${whole.length ? html`<p class="field-problem">${whole.join(' ')}</p>` : null}
    <${Field} id=${`${FORM}-source`} label=${t('relays.form.source')}>
      <select id=${`${FORM}-source`} value=${draft.source} ...${invalidAttrs(shown, FORM, 'source')} onChange=${(e) => set({ source: e.currentTarget.value })}>
        ${sources.map((s) => html`<option value=${s.id}>${s.name}</option>`)}
      </select>
      <${FieldProblem} problems=${shown} formId=${FORM} field="source" />
    </${Field}>
    <${ZonePicker} value=${draft.zones} zones=${zones} problems=${shown} onChange=${(v) => set({ zones: v })} />
    <${DayPicker} value=${draft.days} problems=${shown} onChange=${(v) => set({ days: v })} />
    <div class="relay-times">${time('start')}${time('end')}</div>
    <${Field} id=${`${FORM}-fallbackItemId`} label=${t('relays.form.fallback')} hint=${t('relays.form.fallbackHint')}>
      <select id=${`${FORM}-fallbackItemId`} value=${draft.fallbackItemId ?? ''} ...${invalidAttrs(shown, FORM, 'fallbackItemId', `${FORM}-fallbackItemId-hint`)}
        onChange=${(e) => set({ fallbackItemId: e.currentTarget.value || null })}>
        <option value="">${t('relays.fallback.silence')}</option>
        ${fallbackKnown ? null : html`<option value=${draft.fallbackItemId}>${draft.fallbackItemId}</option>`}
        ${items.map((i) => html`<option value=${i.id}>${i.title} (${fmtDuration(i.durationMs ?? 0)})</option>`)}
      </select>
      <${FieldProblem} problems=${shown} formId=${FORM} field="fallbackItemId" />
    </${Field}>
    <div class="actions">
      <button type="submit" class="primary" aria-disabled=${busy ? 'true' : 'false'}>${busy ? t('relays.saving') : t('action.save')}</button>
      <button type="button" onClick=${onCancel}>${t('action.cancel')}</button>
    </div>
  </form>`;
}
