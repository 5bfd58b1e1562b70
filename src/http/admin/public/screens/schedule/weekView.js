// A zone's week, Monday to Sunday: one row per day, one column per window (peak windows marked), the
// items planned in each with their times and lengths, and each day's shortfalls at the end of its row.
import { addDays, fmtDate, fmtDuration, fmtTime, isoWeekday } from '../../lib/format.js';
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { datesBetween, isDayShortfall, shortfallsOn, timeSeconds, windowsOn, windowText } from './data.js';
import { ShortfallList } from './shortfalls.js';

/** Every window the zone has on some day of the week (or that a saved slot names), by start time. */
function weekWindows(zone, dates, days) {
  const byLabel = new Map();
  for (const date of dates) {
    for (const w of windowsOn(zone, date, days[date] ?? [])) {
      const seen = byLabel.get(w.label);
      // A window may be peak on some weekdays only: the column says peak when any day is.
      byLabel.set(w.label, seen ? { ...seen, peak: seen.peak || w.peak } : w);
    }
  }
  return [...byLabel.values()].sort((a, b) => timeSeconds(a.start) - timeSeconds(b.start));
}

/** One cell: the items of a window on a day, or a dash when the zone has no such window that day. */
function Cell({ window: w, dayWindows, slots }) {
  const own = dayWindows.find((x) => x.label === w.label);
  if (!own) return html`<td class="muted"><span aria-hidden="true">—</span><span class="sr-only">${t('schedule.week.noWindow')}</span></td>`;
  const mine = slots.filter((s) => s.window === w.label);
  return html`<td class=${own.peak ? 'peak' : ''}>
    ${own.peak ? html`<span class="sr-only">${t('schedule.peak')}. </span>` : null}
    ${mine.length === 0 ? html`<span class="muted">${t('schedule.week.empty')}</span>` : html`<ul class="sched-cell">
      ${mine.map((s) => html`<li><span class="sched-time">${fmtTime(s.start)}</span> ${s.title} <span class="muted">(${fmtDuration(Date.parse(s.end) - Date.parse(s.start))})</span>${s.reason.includes('pin') ? html` <span class="badge ok">${t('schedule.slot.pinned')}</span>` : null}</li>`)}
    </ul>`}
  </td>`;
}

export function WeekView({ zone, from, data }) {
  const dates = datesBetween(from, addDays(from, 6));
  const windows = weekWindows(zone, dates, data.days);
  const weekShortfalls = data.shortfalls.filter((s) => !isDayShortfall(s));
  const dayHref = (date) => `#/schedule?${new URLSearchParams({ zone: zone.id, view: 'day', date })}`;
  const caption = t('schedule.week.caption', { zone: zone.name, from: fmtDate(from), to: fmtDate(addDays(from, 6)) });

  return html`<div class="sched-week">
    <h2>${caption}</h2>
    <section class="card sched-short" aria-labelledby="sched-week-short">
      <h3 id="sched-week-short">${t('schedule.shortfalls.week', { count: weekShortfalls.length })}</h3>
      ${weekShortfalls.length ? html`<${ShortfallList} shortfalls=${weekShortfalls} />` : html`<p class="muted">${t('schedule.shortfalls.noneWeek')}</p>`}
    </section>
    ${windows.length === 0 ? html`<p class="card">${t('schedule.week.noWindows')}</p>` : null}
    <div class="table-wrap" role="region" aria-label=${caption} tabindex="0">
      <table class="sched-grid">
        <caption class="sr-only">${caption}</caption>
        <thead><tr>
          <th scope="col">${t('schedule.week.day')}</th>
          ${windows.map((w) => html`<th scope="col" class=${w.peak ? 'peak' : ''}>${windowText(w.label)}${w.peak ? html` <span class="badge warn">${t('schedule.peak')}</span>` : null}</th>`)}
          <th scope="col">${t('schedule.week.shortfalls')}</th>
        </tr></thead>
        <tbody>
          ${dates.map((date) => {
            const slots = data.days[date] ?? [];
            const dayShortfalls = shortfallsOn(data.shortfalls, date).filter(isDayShortfall);
            return html`<tr>
              <th scope="row">
                <a href=${dayHref(date)}>${t(`weekday.${isoWeekday(date)}`)}<br />${fmtDate(date)}</a>
                ${dayShortfalls.length ? html`<br /><span class="badge bad">${t('schedule.week.shortCount', { count: dayShortfalls.length })}</span>` : null}
              </th>
              ${windows.map((w) => html`<${Cell} window=${w} dayWindows=${windowsOn(zone, date, slots)} slots=${slots} />`)}
              <td class="sched-grid-short">${dayShortfalls.length ? html`<${ShortfallList} shortfalls=${dayShortfalls} />` : html`<span class="muted">${t('schedule.week.allMet')}</span>`}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>
  </div>`;
}
