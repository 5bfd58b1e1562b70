// The schedule screen's data: a zone's saved programme, shortfalls and pins over some days, and the
// windows the zone has on each day (as the planner labels them: "start-end" exactly as written).
import { get, query } from '../../lib/api.js';
import { addDays, isoWeekday } from '../../lib/format.js';

/** The Monday of a date's ISO week. */
export const mondayOf = (date) => addDays(date, 1 - isoWeekday(date));

/** The dates from..to, both included. */
export function datesBetween(from, to) {
  const out = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** "05:30-06:30" → "05:30–06:30"; seconds are dropped when zero ("05:30:00" → "05:30"). */
export function windowText(label) {
  return label.split('-').map((t) => t.replace(/^(\d{2}:\d{2}):00$/, '$1')).join('–');
}

/** Seconds of a "HH:MM[:SS]" time. */
export const timeSeconds = (time) => time.split(':').reduce((sum, part, i) => sum + Number(part) * [3600, 60, 1][i], 0);

/**
 * The zone's windows on a date, in time order: `{ label, start, end, peak, lengthMs }`. Windows that
 * saved slots name but the zone no longer has (it was edited since the plan) are added, not peak.
 */
export function windowsOn(zone, date, slots = []) {
  const day = isoWeekday(date);
  const list = zone.windows
    .filter((w) => w.days.includes(day))
    .map((w) => ({ label: `${w.start}-${w.end}`, start: w.start, end: w.end, peak: w.peak === true }));
  for (const s of slots) {
    // A relay (tiếp âm) outside windows names none: the day view lists it on its own.
    if (!s.window || list.some((w) => w.label === s.window)) continue;
    const [start, end] = s.window.split('-');
    list.push({ label: s.window, start, end, peak: false });
  }
  return list
    .map((w) => ({ ...w, lengthMs: (timeSeconds(w.end) - timeSeconds(w.start)) * 1000 }))
    .sort((a, b) => timeSeconds(a.start) - timeSeconds(b.start));
}

/** The shortfalls whose period holds the date. */
export const shortfallsOn = (shortfalls, date) => shortfalls.filter((s) => s.periodStart <= date && date <= s.periodEnd);

/** A shortfall that concerns one day (a day rule, an empty window or an empty day) rather than a week. */
export const isDayShortfall = (s) => s.per === 'day';

/**
 * Loads what the screen shows for a zone over from..to: `{ key, days: { [date]: slots[] }, shortfalls, pins }`,
 * `key` naming the zone and dates it is for.
 * One schedule request per day (the API answers a day at a time), all at once.
 */
export async function loadProgramme(zoneId, from, to) {
  const dates = datesBetween(from, to);
  const [schedules, shortfalls, pins] = await Promise.all([
    Promise.all(dates.map((date) => get(`/api/schedule${query({ zone: zoneId, date })}`))),
    get(`/api/shortfalls${query({ zone: zoneId, from, to })}`),
    get(`/api/pins${query({ from, to })}`),
  ]);
  const days = {};
  // A slot crossing midnight is listed on both days; it belongs to the day it starts on.
  dates.forEach((date, i) => { days[date] = schedules[i].slots.filter((s) => s.start.slice(0, 10) === date); });
  return { key: `${zoneId}|${from}|${to}`, days, shortfalls: shortfalls.shortfalls, pins: pins.pins.filter((p) => p.zoneId === zoneId) };
}

/** Approved items (for the pin form and for naming pinned items), by title. */
export async function loadApprovedItems() {
  const { items } = await get(`/api/items${query({ status: 'approved', limit: 500 })}`);
  return items.sort((a, b) => a.title.localeCompare(b.title, 'vi'));
}
