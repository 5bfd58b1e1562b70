// Broadcast windows (khung giờ): the week at a glance, one row per weekday, and the editor of each
// window (its days, start, end and the peak-listener flag).
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { FieldProblem, groupAttrs, invalidAttrs } from '../../lib/problems.js';

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];
const DAY_SETS = [
  { key: 'zones.days.weekdays', days: [1, 2, 3, 4, 5] },
  { key: 'zones.days.monSat', days: [1, 2, 3, 4, 5, 6] },
  { key: 'zones.days.all', days: WEEKDAYS },
];

const byStart = (a, b) => a.start.localeCompare(b.start);

/** "3 khung giờ, 2 cao điểm" */
export function windowsSummary(windows) {
  if (!windows.length) return t('zones.windows.none');
  return t('zones.windows.summary', { count: windows.length, peak: windows.filter((w) => w.peak).length });
}

/** The fields of each window the API may name in a refusal (so the form knows what it shows). */
export const windowFields = (windows) =>
  ['windows', ...windows.flatMap((_, i) => [`windows.${i}`, `windows.${i}.days`, `windows.${i}.start`, `windows.${i}.end`, `windows.${i}.peak`])];

function WindowChip({ w }) {
  return html`<li class=${w.peak ? 'zones-chip peak' : 'zones-chip'}>
    ${w.start}–${w.end}${w.peak ? html` <span class="badge warn">${t('zones.window.peakBadge')}</span>` : null}
  </li>`;
}

/**
 * The week as the station hears it: each weekday with its windows in order, peak ones marked.
 * With `onAdd`, each day offers to add a window on that day.
 */
export function WeekOverview({ windows, onAdd }) {
  return html`<div class="table-wrap"><table class="zones-week">
    <caption class="hint">${t('zones.week.caption')}</caption>
    <thead><tr><th scope="col">${t('zones.week.day')}</th><th scope="col">${t('zones.windows.title')}</th>${onAdd ? html`<th scope="col"><span class="sr-only">${t('zones.week.actions')}</span></th>` : null}</tr></thead>
    <tbody>${WEEKDAYS.map((day) => {
      const today = windows.filter((w) => w.days.includes(day)).sort(byStart);
      return html`<tr>
        <th scope="row">${t(`weekday.${day}`)}</th>
        <td>${today.length ? html`<ul class="zones-chips">${today.map((w) => html`<${WindowChip} w=${w} />`)}</ul>` : html`<span class="muted">${t('zones.week.silent')}</span>`}</td>
        ${onAdd ? html`<td><button type="button" aria-label=${t('zones.window.addOn', { day: t(`weekday.${day}`) })} onClick=${() => onAdd(day)}>${t('action.add')}</button></td>` : null}
      </tr>`;
    })}</tbody>
  </table></div>`;
}

function WindowFields({ index, w, formId, problems, onChange, onRemove }) {
  const base = `${formId}-w${index}`;
  const field = (name) => `windows.${index}${name ? `.${name}` : ''}`;
  const toggleDay = (day, on) => onChange({ ...w, days: on ? [...w.days, day].sort((a, b) => a - b) : w.days.filter((d) => d !== day) });
  const legend = t('zones.window.legend', { n: index + 1 });
  return html`<fieldset class=${w.peak ? 'zones-window peak' : 'zones-window'} ...${groupAttrs(problems, formId, field(''))}>
    <legend>${legend}</legend>
    <${FieldProblem} problems=${problems} formId=${formId} field=${field('')} />
    <fieldset class="zones-days" ...${groupAttrs(problems, formId, field('days'))}>
      <legend>${t('zones.window.days')}</legend>
      ${WEEKDAYS.map((day) => html`<label class="zones-day">
        <input type="checkbox" checked=${w.days.includes(day)} aria-label=${t(`weekday.${day}`)} onChange=${(e) => toggleDay(day, e.currentTarget.checked)} />
        <span aria-hidden="true">${t(`weekday.short.${day}`)}</span>
      </label>`)}
      <span class="zones-daysets">${DAY_SETS.map((s) => html`<button type="button" class="link" onClick=${() => onChange({ ...w, days: s.days })}>${t(s.key)}</button>`)}</span>
      <${FieldProblem} problems=${problems} formId=${formId} field=${field('days')} />
    </fieldset>
    <div class="zones-times">
      ${['start', 'end'].map((part) => html`<div class="field">
        <label for=${`${base}-${part}`}>${t(`zones.window.${part}`)}</label>
        <input id=${`${base}-${part}`} value=${w[part]} autocomplete="off" size="6" placeholder=${part === 'start' ? '05:30' : '06:00'}
          ...${invalidAttrs(problems, formId, field(part), `${formId}-time-hint`)} onInput=${(e) => onChange({ ...w, [part]: e.currentTarget.value.trim() })} />
        <${FieldProblem} problems=${problems} formId=${formId} field=${field(part)} />
      </div>`)}
    </div>
    <div class="field">
      <label class="zones-check"><input type="checkbox" checked=${w.peak} aria-describedby=${`${formId}-peak-hint`} onChange=${(e) => onChange({ ...w, peak: e.currentTarget.checked })} /> ${t('zones.window.peak')}</label>
    </div>
    <button type="button" class="danger" onClick=${onRemove}>${t('zones.window.remove', { n: index + 1 })}</button>
  </fieldset>`;
}

/** Adds, changes and removes windows; the API's reason appears beside the field it names. */
export function WindowsEditor({ windows, formId, problems, onChange }) {
  const update = (i, next) => onChange(windows.map((w, j) => (j === i ? next : w)));
  const remove = (i) => onChange(windows.filter((_, j) => j !== i));
  const add = (days) => onChange([...windows, { days, start: '', end: '', peak: false }]);
  return html`<section class="zones-windows" aria-labelledby=${`${formId}-windows-title`}>
    <h2 id=${`${formId}-windows-title`}>${t('zones.windows.title')}</h2>
    <p class="hint">${t('zones.windows.hint')}</p>
    <p class="hint" id=${`${formId}-time-hint`}>${t('zones.window.timeHint')}</p>
    <p class="hint" id=${`${formId}-peak-hint`}>${t('zones.window.peakHint')}</p>
    <${FieldProblem} problems=${problems} formId=${formId} field="windows" />
    <${WeekOverview} windows=${windows.filter((w) => w.start && w.end)} onAdd=${(day) => add([day])} />
    ${windows.length ? null : html`<p>${t('zones.windows.none')}</p>`}
    ${windows.map((w, i) => html`<${WindowFields} key=${i} index=${i} w=${w} formId=${formId} problems=${problems}
      onChange=${(next) => update(i, next)} onRemove=${() => remove(i)} />`)}
    <button type="button" onClick=${() => add([1, 2, 3, 4, 5])}>${t('zones.window.add')}</button>
  </section>`;
}
