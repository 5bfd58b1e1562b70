// Today's programme per zone: a 24-hour bar with the windows (peak ones marked) and the planned
// slots, then each window's slots in words. Reloaded whenever a plan is saved.
import { get, query } from '../../lib/api.js';
import { useLiveEvent } from '../../lib/events.js';
import { fmtDate, fmtDuration, fmtTime, isoWeekday } from '../../lib/format.js';
import { html } from '../../lib/html.js';
import { stationInfo, t } from '../../lib/i18n.js';
import { ErrorNote, Loading, useAsync } from '../../lib/ui.js';
import { useTick } from './liveZones.js';

const DAY_S = 86_400;

/** Seconds since local midnight of "HH:MM[:SS]". */
function secondsOf(time) {
  const [h, m, s = 0] = time.split(':').map(Number);
  return h * 3600 + m * 60 + s;
}
/** Seconds since local midnight of an instant the API wrote in station time ("…T05:30:00+07:00"). */
const secondsOfInstant = (iso) => secondsOf(iso.slice(11, 19));
/** Seconds since local midnight now, in the station's zone. */
function secondsNow() {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: stationInfo().tz, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(Date.now());
  const part = (type) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return part('hour') * 3600 + part('minute') * 60 + part('second');
}
const pct = (sec) => `${((Math.min(DAY_S, Math.max(0, sec)) / DAY_S) * 100).toFixed(3)}%`;
const span = (from, to) => ({ left: pct(from), width: pct(to - from) });

/** The zone's windows on that date, in time order, with the label slots carry ("05:30-06:30"). */
function windowsOn(zone, date) {
  const day = isoWeekday(date);
  return zone.windows
    .filter((w) => w.days.includes(day))
    .map((w) => ({ ...w, label: `${w.start}-${w.end}`, from: secondsOf(w.start), to: secondsOf(w.end) }))
    .sort((a, b) => a.from - b.from);
}

function Slot({ slot, nowMs }) {
  const start = Date.parse(slot.start), end = Date.parse(slot.end);
  const airing = start <= nowMs && nowMs < end;
  const cls = end <= nowMs ? 'muted' : airing ? 'dash-airing' : '';
  return html`<li class=${cls} aria-current=${airing ? 'true' : undefined}>
    ${fmtTime(slot.start)} · ${slot.title} <span class="muted">(${fmtDuration(end - start)})</span>
    ${airing ? html` <span class="badge ok">${t('dashboard.day.airing')}</span>` : null}
  </li>`;
}

function WindowRow({ win, slots, nowMs }) {
  const nowSec = secondsNow();
  const when = nowSec >= win.to ? t('dashboard.day.windowPast') : nowSec >= win.from ? t('dashboard.day.windowOpen') : null;
  return html`<li class=${win.peak ? 'dash-window peak' : 'dash-window'}>
    <p><strong>${win.start.slice(0, 5)}–${win.end.slice(0, 5)}</strong>
      ${win.peak ? html` <span class="badge warn">${t('dashboard.day.peak')}</span>` : null}
      ${when ? html` <span class="muted">${when}</span>` : null}</p>
    ${slots.length
      ? html`<ol class="dash-slots">${slots.map((s) => html`<${Slot} slot=${s} nowMs=${nowMs} />`)}</ol>`
      : html`<p class="muted">${t('dashboard.day.noSlots')}</p>`}
  </li>`;
}

function ZoneDay({ zone, date, slots }) {
  useTick(30_000);
  const nowMs = Date.now();
  const windows = windowsOn(zone, date);
  const labels = new Set(windows.map((w) => w.label));
  const outside = slots.filter((s) => !labels.has(s.window));
  const headingId = `dash-day-${zone.id}`;
  return html`<section class="card dash-day" aria-labelledby=${headingId}>
    <h3 id=${headingId}>${zone.name}</h3>
    <div class="dash-bar" aria-hidden="true">
      ${windows.map((w) => html`<span class=${w.peak ? 'dash-win peak-mark' : 'dash-win'} style=${span(w.from, w.to)}></span>`)}
      ${slots.map((s) => html`<span class="dash-slot" style=${span(secondsOfInstant(s.start), secondsOfInstant(s.end))}></span>`)}
      <span class="dash-nowline" style=${{ left: pct(secondsNow()) }}></span>
    </div>
    <div class="dash-hours" aria-hidden="true">${[0, 6, 12, 18, 24].map((h) => html`<span>${h}h</span>`)}</div>
    ${windows.length
      ? html`<ol class="dash-windows">
          ${windows.map((w) => html`<${WindowRow} win=${w} slots=${slots.filter((s) => s.window === w.label)} nowMs=${nowMs} />`)}
          ${outside.length
            ? html`<li class="dash-window"><p><strong>${t('dashboard.day.outside')}</strong></p>
                <ol class="dash-slots">${outside.map((s) => html`<${Slot} slot=${s} nowMs=${nowMs} />`)}</ol></li>`
            : null}
        </ol>`
      : html`<p class="muted">${t('dashboard.day.noWindows')}</p>`}
  </section>`;
}

/** «Chương trình hôm nay»: every enabled zone's day. */
export function TodayProgramme({ zones, today }) {
  const schedule = useAsync(() => get(`/api/schedule${query({ date: today })}`), [today]);
  useLiveEvent('shortfalls-changed', () => schedule.reload(), [schedule.reload]);
  const shown = zones.filter((z) => z.enabled);
  return html`<section aria-labelledby="dash-day-title">
    <h2 id="dash-day-title">${t('dashboard.day.title', { date: fmtDate(today) })}</h2>
    <p class="hint">${t('dashboard.day.legend')}</p>
    <${ErrorNote} error=${schedule.error} onRetry=${schedule.reload} />
    ${schedule.data === undefined && !schedule.error ? html`<${Loading} />` : null}
    ${schedule.data && !shown.length ? html`<p class="muted">${t('dashboard.zones.none')}</p>` : null}
    ${schedule.data
      ? html`<div class="grid dash-days">${shown.map((z) => html`<${ZoneDay} key=${z.id} zone=${z} date=${today} slots=${schedule.data.slots.filter((s) => s.zone === z.id)} />`)}</div>`
      : null}
  </section>`;
}
