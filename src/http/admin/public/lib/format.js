// Dates and times as the station reads them: in the station's time zone, Vietnamese style (dd/mm/yyyy, 24 h).
import { currentLang, stationInfo } from './i18n.js';

const locale = () => (currentLang() === 'en' ? 'en-GB' : 'vi-VN');
const parts = (ms, opts) => new Intl.DateTimeFormat(locale(), { timeZone: stationInfo().tz, ...opts }).format(ms);
const toMs = (v) => (typeof v === 'number' ? v : Date.parse(v));

/** "05:30" */
export const fmtTime = (v) => parts(toMs(v), { hour: '2-digit', minute: '2-digit', hour12: false });
/** "05:30:12" */
export const fmtClock = (v) => parts(toMs(v), { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
/** "03/12/2026" from an instant or from a local date "2026-12-03". */
export function fmtDate(v) {
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v.split('-').reverse().join('/');
  return parts(toMs(v), { day: '2-digit', month: '2-digit', year: 'numeric' });
}
/** "03/12/2026 05:30" */
export const fmtDateTime = (v) => `${fmtDate(v)} ${fmtTime(v)}`;

/** Today's local date in the station's zone, "2026-12-03". */
export function todayLocal(now = Date.now()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: stationInfo().tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Adds days to a local date "YYYY-MM-DD" (calendar arithmetic, no time zone involved). */
export function addDays(date, days) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** ISO weekday 1 (Monday) … 7 (Sunday) of a local date. */
export const isoWeekday = (date) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** "3:05" or "1:02:03" from milliseconds. */
export function fmtDuration(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  const mm = h ? String(m).padStart(2, '0') : String(m);
  return `${h ? h + ':' : ''}${mm}:${String(sec).padStart(2, '0')}`;
}

/** "12,5 MB" */
export function fmtBytes(n) {
  const units = ['B', 'KB', 'MB', 'GB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return `${new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(n)} ${units[i]}`;
}

export const fmtNumber = (n, digits = 0) => new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(n);
export const fmtPercent = (share) => new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(share);
