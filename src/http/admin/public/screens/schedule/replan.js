// Re-plan (operators): POST /api/plan runs the whole planner; the page shows that it works, then the
// dates actually planned and how many targets are still short over them.
import { useState } from 'preact/hooks';
import { get, post, query } from '../../lib/api.js';
import { addDays, fmtDate, todayLocal } from '../../lib/format.js';
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { ErrorNote } from '../../lib/ui.js';
import { mondayOf } from './data.js';

/** What a finished re-plan says: the range planned and its shortfalls, counted over that range. */
function doneText({ from, to, count }) {
  const range = { from: fmtDate(from), to: fmtDate(to), count };
  if (count === 0) return t('schedule.replan.doneAllMet', range);
  return count === 1 ? t('schedule.replan.doneOne', range) : t('schedule.replan.done', range);
}

/** The re-plan button with its busy state and outcome. Plans from today through the viewed week at least. */
export function Replan({ date, onPlanned }) {
  const [state, setState] = useState({ phase: 'idle' });
  const busy = state.phase === 'busy';
  const today = todayLocal();
  const weekEnd = addDays(mondayOf(date), 6);
  const to = weekEnd < today ? today : weekEnd;

  async function run() {
    if (busy) return;
    setState({ phase: 'busy' });
    try {
      const planned = await post('/api/plan', { from: today, to });
      // The answer's shortfalls are those of the dates asked for; count those of every date planned.
      const { shortfalls } = await get(`/api/shortfalls${query({ from: planned.from, to: planned.to })}`);
      setState({ phase: 'done', from: planned.from, to: planned.to, count: shortfalls.length });
      onPlanned();
    } catch (error) {
      setState({ phase: 'error', error });
    }
  }

  return html`<div class="card sched-replan">
    <div class="actions">
      <button type="button" class="primary" aria-disabled=${busy ? 'true' : 'false'} aria-describedby="sched-replan-hint" onClick=${run}>
        ${busy ? t('schedule.replan.busy') : t('schedule.replan')}
      </button>
      <small id="sched-replan-hint" class="hint">${t('schedule.replan.hint', { to: fmtDate(to) })}</small>
    </div>
    <div class="sched-replan-status" role="status" aria-live="polite">
      ${busy ? html`<div class="progress"><progress aria-label=${t('schedule.replan.busy')}></progress><span>${t('schedule.replan.working')}</span></div>` : null}
      ${state.phase === 'done' ? html`<p class="notice">${doneText(state)}</p>` : null}
    </div>
    <${ErrorNote} error=${state.phase === 'error' ? state.error : null} onRetry=${run} />
  </div>`;
}
