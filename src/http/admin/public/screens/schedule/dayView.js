// A zone's programme for one day: each window in time order (peak windows marked) with the items
// planned in it, and beside it the day's shortfalls (first on a phone), pins and exclusions.
import { useState } from 'preact/hooks';
import { post } from '../../lib/api.js';
import { fmtClock, fmtDate, fmtDuration, isoWeekday, todayLocal } from '../../lib/format.js';
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { ErrorNote, Notice } from '../../lib/ui.js';
import { isDayShortfall, shortfallsOn, windowsOn, windowText } from './data.js';
import { PinForm, PinList } from './pins.js';
import { ShortfallList } from './shortfalls.js';

const lengthOf = (slot) => Date.parse(slot.end) - Date.parse(slot.start);
const isJingle = (slot) => slot.reason.some((r) => r.startsWith('jingle'));
// A relay slot (tiếp âm) airs a source, not an item: nothing to exclude; its title says «Tiếp âm: <nguồn>».
const isRelay = (slot) => slot.kind === 'relay';

/** One planned item: its times, title, length and why the planner put it there. */
function SlotRow({ slot, editable, onExclude }) {
  const pinned = slot.reason.includes('pin');
  return html`<li class="sched-slot">
    <div class="sched-slot-head">
      <span class="sched-time">${fmtClock(slot.start)}–${fmtClock(slot.end)}</span>
      <span class="sched-item-title">${slot.title}</span>
      <span class="muted">(${fmtDuration(lengthOf(slot))})</span>
      ${pinned ? html`<span class="badge ok">${t('schedule.slot.pinned')}</span>` : null}
    </div>
    <small class="hint">${slot.reasonText}</small>
    ${editable && !isJingle(slot) && !isRelay(slot) && !pinned ? html`<button type="button" class="link"
      aria-label=${`${t('schedule.slot.exclude')}: «${slot.title}»`} onClick=${() => onExclude(slot)}>${t('schedule.slot.exclude')}</button>` : null}
  </li>`;
}

/** A window of the day with the items planned in it, and how much of it they fill. */
function WindowCard({ window: w, slots, editable, onExclude }) {
  const used = slots.reduce((sum, s) => sum + lengthOf(s), 0);
  const headingId = `sched-window-${w.start.replace(/:/g, '')}`;
  return html`<section class=${`card sched-window${w.peak ? ' peak' : ''}`} aria-labelledby=${headingId}>
    <h3 id=${headingId}>
      ${t('schedule.window', { window: windowText(w.label) })}
      ${w.peak ? html` <span class="badge warn">${t('schedule.peak')}</span>` : null}
    </h3>
    ${slots.length
      ? html`<p class="hint">${t('schedule.window.used', { count: slots.length, used: fmtDuration(used), length: fmtDuration(w.lengthMs) })}</p>
        <ol class="sched-slots">${slots.map((s) => html`<${SlotRow} key=${`${s.start}|${s.itemId}`} slot=${s} editable=${editable} onExclude=${onExclude} />`)}</ol>`
      : html`<p class="muted">${t('schedule.window.empty')}</p>`}
  </section>`;
}

/** The day's shortfalls: those of the day itself, then those of its week. */
function DayShortfalls({ shortfalls }) {
  const ofDay = shortfalls.filter(isDayShortfall);
  const ofWeek = shortfalls.filter((s) => !isDayShortfall(s));
  return html`<section class="card sched-short" aria-labelledby="sched-short-title">
    <h3 id="sched-short-title">${t('schedule.shortfalls.title', { count: shortfalls.length })}</h3>
    ${shortfalls.length === 0 ? html`<p class="muted">${t('schedule.shortfalls.noneDay')}</p>` : null}
    <${ShortfallList} shortfalls=${ofDay} />
    ${ofWeek.length ? html`<h4>${t('schedule.shortfalls.ofWeek')}</h4><${ShortfallList} shortfalls=${ofWeek} />` : null}
  </section>`;
}

export function DayView({ zone, date, data, canPlan, items, onChanged }) {
  const [notice, setNotice] = useState('');
  const [error, setError] = useState(null);
  const slots = data.days[date] ?? [];
  const windows = windowsOn(zone, date, slots);
  const zoneWindows = windowsOn(zone, date);
  // Pins and exclusions cannot be made for a day already gone (the API refuses them too).
  const editable = canPlan && date >= todayLocal();
  const titleOf = (id) => items.find((i) => i.id === id)?.title ?? slots.find((s) => s.itemId === id)?.title ?? id;
  const changed = (message) => {
    setError(null);
    setNotice(message);
    onChanged();
  };

  async function exclude(slot) {
    setNotice('');
    setError(null);
    try {
      await post('/api/pins', { zone: zone.id, date, itemId: slot.itemId, kind: 'exclude' });
      changed(t('schedule.exclude.done', { title: slot.title }));
    } catch (err) {
      setError(err);
    }
  }

  return html`<div class="sched-day">
    <h2>${t('schedule.day.heading', { weekday: t(`weekday.${isoWeekday(date)}`), date: fmtDate(date), zone: zone.name })}</h2>
    ${zone.enabled ? null : html`<p class="badge muted">${t('schedule.zone.offNote')}</p>`}
    <${Notice} text=${notice} />
    <${ErrorNote} error=${error} />
    <div class="sched-layout">
      <div class="sched-day-short"><${DayShortfalls} shortfalls=${shortfallsOn(data.shortfalls, date)} /></div>
      <div class="sched-windows">
        ${windows.length === 0 ? html`<p class="card">${t('schedule.day.noWindows', { weekday: t(`weekday.${isoWeekday(date)}`) })}</p>` : null}
        ${windows.length > 0 && slots.length === 0 ? html`<p class="hint">${canPlan ? t('schedule.day.emptyOperator') : t('schedule.day.empty')}</p>` : null}
        ${windows.map((w) => html`<${WindowCard} key=${w.label} window=${w} slots=${slots.filter((s) => s.window === w.label)}
          editable=${editable} onExclude=${exclude} />`)}
        ${slots.filter((s) => !s.window).map((s) => html`<section class="card sched-window" key=${`${s.start}|${s.relayId}`}>
          <ol class="sched-slots"><${SlotRow} slot=${s} editable=${false} onExclude=${exclude} /></ol>
        </section>`)}
      </div>
      <div class="sched-day-pins">
        <${PinList} pins=${data.pins.filter((p) => p.date === date)} windows=${zoneWindows} titleOf=${titleOf} editable=${editable} onChanged=${changed} />
        ${editable && zoneWindows.length
          ? html`<${PinForm} zone=${zone} date=${date} windows=${zoneWindows} items=${items} onChanged=${changed} />`
          : null}
        ${canPlan && !editable ? html`<p class="hint">${t('schedule.day.past')}</p>` : null}
      </div>
    </div>
  </div>`;
}
