// Lịch phát: a zone's programme by day or by week, the shortfalls beside the days they touch,
// pins and exclusions, and re-planning (operators). A reviewer reads it all and changes nothing.
import { useState } from 'preact/hooks';
import { get } from '../lib/api.js';
import { useLiveEvent } from '../lib/events.js';
import { addDays, todayLocal } from '../lib/format.js';
import { html } from '../lib/html.js';
import { currentLang, t } from '../lib/i18n.js';
import { ErrorNote, Field, Loading, ScreenHeader, useAsync } from '../lib/ui.js';
import { loadApprovedItems, loadProgramme, mondayOf } from './schedule/data.js';
import { DayView } from './schedule/dayView.js';
import { PriorityOrder } from './schedule/priorityOrder.js';
import { Relays } from './schedule/relays.js';
import { Replan } from './schedule/replan.js';
import { WeekView } from './schedule/weekView.js';

const isDate = (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v));

/** Zone, view and date pickers; every choice goes into the address (#/schedule?zone=…&view=…&date=…). */
function Toolbar({ zones, zoneId, view, date, go }) {
  const step = view === 'week' ? 7 : 1;
  return html`<div class="filters sched-toolbar">
    <${Field} id="sched-zone" label=${t('schedule.zone')}>
      <select id="sched-zone" value=${zoneId} onChange=${(e) => go({ zone: e.currentTarget.value })}>
        ${zones.map((z) => html`<option value=${z.id}>${z.name}${z.enabled ? '' : ` (${t('schedule.zone.off')})`}</option>`)}
      </select>
    </${Field}>
    <${Field} id="sched-date" label=${view === 'week' ? t('schedule.weekOf') : t('schedule.date')}>
      <input id="sched-date" type="date" value=${date} onChange=${(e) => isDate(e.currentTarget.value) && go({ date: e.currentTarget.value })} />
    </${Field}>
    <div class="actions" role="group" aria-label=${t('schedule.view')}>
      <button type="button" aria-pressed=${view === 'day'} onClick=${() => go({ view: 'day' })}>${t('schedule.view.day')}</button>
      <button type="button" aria-pressed=${view === 'week'} onClick=${() => go({ view: 'week' })}>${t('schedule.view.week')}</button>
    </div>
    <div class="actions" role="group" aria-label=${t('schedule.move')}>
      <button type="button" onClick=${() => go({ date: addDays(date, -step) })}>${view === 'week' ? t('schedule.prevWeek') : t('schedule.prevDay')}</button>
      <button type="button" onClick=${() => go({ date: todayLocal() })}>${t('schedule.today')}</button>
      <button type="button" onClick=${() => go({ date: addDays(date, step) })}>${view === 'week' ? t('schedule.nextWeek') : t('schedule.nextDay')}</button>
    </div>
  </div>`;
}

/** The programme of the chosen zone and days; reloads when the planner saves a plan touching the zone. */
function Programme({ zone, view, date, canPlan, items, version }) {
  const from = view === 'week' ? mondayOf(date) : date;
  const to = view === 'week' ? addDays(from, 6) : date;
  const [bump, setBump] = useState(0);
  // The API words each slot's reason in the page's language: load again when it changes.
  const programme = useAsync(() => loadProgramme(zone.id, from, to), [zone.id, from, to, version, bump, currentLang()]);
  useLiveEvent('shortfalls-changed', (e) => {
    if (!e.zones || e.zones.includes(zone.id)) setBump((n) => n + 1);
  }, [zone.id]);
  const changed = () => setBump((n) => n + 1);

  // While another zone or range loads, the previous one's programme is not shown under the new heading.
  const data = programme.data?.key === `${zone.id}|${from}|${to}` ? programme.data : null;
  if (programme.error && !data) return html`<${ErrorNote} error=${programme.error} onRetry=${programme.reload} />`;
  if (!data) return html`<${Loading} />`;
  return html`<div aria-busy=${programme.loading ? 'true' : 'false'}>
    <${ErrorNote} error=${programme.error} onRetry=${programme.reload} />
    ${view === 'week'
      ? html`<${WeekView} zone=${zone} from=${from} data=${data} />`
      : html`<${DayView} key=${`${zone.id}|${date}`} zone=${zone} date=${date} data=${data} canPlan=${canPlan} items=${items} onChanged=${changed} />`}
  </div>`;
}

export default function ScheduleScreen({ user, params, navigate }) {
  const canPlan = user.permissions.includes('plan:run');
  const zones = useAsync(() => get('/api/zones').then((r) => r.zones), []);
  // Titles of pinned items, and the pin form's choices: only for a role that may read the library.
  const items = useAsync(
    () => (user.permissions.includes('items:read') ? loadApprovedItems() : Promise.resolve([])),
    [],
  );
  // A newly approved item or an edited zone is followed by a re-plan: the choices and windows refresh with it.
  useLiveEvent('shortfalls-changed', () => { items.reload(); zones.reload(); }, []);
  const [version, setVersion] = useState(0);

  const list = zones.data ?? [];
  const zone = list.find((z) => z.id === params.zone) ?? list[0];
  const view = params.view === 'week' ? 'week' : 'day';
  const date = isDate(params.date) ? params.date : todayLocal();
  const go = (next) => navigate('schedule', { zone: zone?.id ?? '', view, date, ...next });

  let body;
  if (zones.error) body = html`<${ErrorNote} error=${zones.error} onRetry=${zones.reload} />`;
  else if (!zones.data) body = html`<${Loading} />`;
  else if (!zone) body = html`<p class="card">${t('schedule.noZones')} <a href="#/zones">${t('schedule.noZones.link')}</a></p>`;
  else {
    body = html`<${Toolbar} zones=${list} zoneId=${zone.id} view=${view} date=${date} go=${go} />
      <${Programme} zone=${zone} view=${view} date=${date} canPlan=${canPlan} items=${items.data ?? []}
        version=${version} />`;
  }

  return html`<section class="sched">
    <${ScreenHeader} title=${t('schedule.title')} />
    <p class="hint">${canPlan ? t('schedule.intro.operator') : t('schedule.intro.readOnly')}</p>
    ${canPlan && zone ? html`<${Replan} date=${date} onPlanned=${() => setVersion((n) => n + 1)} />` : null}
    ${body}
    ${canPlan ? html`<${PriorityOrder} />` : null}
    ${zones.data && user.permissions.includes('station:read') ? html`<${Relays} canEdit=${user.permissions.includes('station:edit')} zones=${list} items=${items.data ?? []} onReplanned=${() => setVersion((n) => n + 1)} />` : null}
  </section>`;
}
