// Today's and this week's shortfalls (targets the plan could not meet), each as the planner's own
// sentence in the page's language. Reloaded whenever a plan is saved.
import { get, query } from '../../lib/api.js';
import { useLiveEvent } from '../../lib/events.js';
import { addDays, fmtDate, isoWeekday } from '../../lib/format.js';
import { html } from '../../lib/html.js';
import { currentLang, t } from '../../lib/i18n.js';
import { ErrorNote, Loading, useAsync } from '../../lib/ui.js';

/** Monday and Sunday of the ISO week holding `date`. */
export function weekOf(date) {
  const monday = addDays(date, 1 - isoWeekday(date));
  return { from: monday, to: addDays(monday, 6) };
}

function ShortfallList({ items, empty, withDate }) {
  if (!items.length) return html`<p class="muted">${empty}</p>`;
  const lang = currentLang();
  return html`<ul class="dash-shortfalls">
    ${items.map((s) => html`<li>
      ${withDate && s.per === 'day' ? html`<strong>${fmtDate(s.periodStart)}:</strong> ` : null}${s.message[lang] ?? s.message.vi}
    </li>`)}
  </ul>`;
}

/** «Chỉ tiêu chưa đạt»: today's first, then the rest of the week (week targets and other days). */
export function Shortfalls({ today, canPlan, navigate }) {
  const week = weekOf(today);
  const found = useAsync(() => get(`/api/shortfalls${query(week)}`), [week.from]);
  useLiveEvent('shortfalls-changed', () => found.reload(), [found.reload]);
  const all = found.data?.shortfalls ?? [];
  const isToday = (s) => s.per === 'day' && s.periodStart <= today && today <= s.periodEnd;
  return html`<section class="card" aria-labelledby="dash-short-title">
    <h2 id="dash-short-title">${t('dashboard.short.title')}</h2>
    <${ErrorNote} error=${found.error} onRetry=${found.reload} />
    ${found.data === undefined && !found.error ? html`<${Loading} />` : null}
    ${found.data
      ? html`<h3>${t('dashboard.short.today')}</h3>
          <${ShortfallList} items=${all.filter(isToday)} empty=${t('dashboard.short.noneToday')} />
          <h3>${t('dashboard.short.week', { from: fmtDate(week.from), to: fmtDate(week.to) })}</h3>
          <${ShortfallList} items=${all.filter((s) => !isToday(s))} empty=${t('dashboard.short.noneWeek')} withDate />
          ${canPlan && all.length
            ? html`<p><button type="button" class="link" onClick=${() => navigate('schedule')}>${t('dashboard.short.open')}</button></p>`
            : null}`
      : null}
  </section>`;
}
