// Thứ tự tin ưu tiên (operators): the order several approved priority items air in within one window.
// Move items with ↑/↓ (buttons, so the keyboard works as the mouse does), then save: the station
// re-plans shortly after, and the programme below reloads when it has.
import { useEffect, useState } from 'preact/hooks';
import { get, put } from '../../lib/api.js';
import { fmtDate, fmtDuration } from '../../lib/format.js';
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { useLiveEvent } from '../../lib/events.js';
import { ErrorNote, Loading, useAsync } from '../../lib/ui.js';

const sameOrder = (a, b) => a.length === b.length && a.every((item, k) => item.id === b[k].id);

/** "Hiệu lực: 01/06/2026 – 30/06/2026", or nothing for an item valid without limit. */
function validityText(item) {
  if (!item.validFrom && !item.validUntil) return null;
  const from = item.validFrom ? fmtDate(item.validFrom) : '…';
  const until = item.validUntil ? fmtDate(item.validUntil) : '…';
  return t('schedule.priority.validity', { from, until });
}

/** One item of the list with its move buttons; `focus` names the button to focus after a move. */
function OrderRow({ item, index, count, move, focus }) {
  const upId = `sched-prio-up-${item.id}`;
  const downId = `sched-prio-down-${item.id}`;
  useEffect(() => {
    if (focus?.id === item.id) document.getElementById(focus.up ? upId : downId)?.focus();
  }, [focus]);
  const validity = validityText(item);
  const atTop = index === 0;
  const atBottom = index === count - 1;
  return html`<li>
    <span class="sched-time">${index + 1}.</span>
    <span class="sched-item-title">${item.title}</span>
    <small>${fmtDuration(item.durationMs ?? 0)}${validity ? ` · ${validity}` : ''}</small>
    ${item.expired ? html`<span class="badge warn">${t('schedule.priority.expired')}</span>` : null}
    ${item.order === null ? html`<span class="badge muted">${t('schedule.priority.unordered')}</span>` : null}
    <span class="actions">
      <button type="button" id=${upId} aria-disabled=${atTop ? 'true' : 'false'}
        aria-label=${t('schedule.priority.up', { title: item.title })} onClick=${() => !atTop && move(index, -1)}>↑</button>
      <button type="button" id=${downId} aria-disabled=${atBottom ? 'true' : 'false'}
        aria-label=${t('schedule.priority.down', { title: item.title })} onClick=${() => !atBottom && move(index, 1)}>↓</button>
    </span>
  </li>`;
}

/** The approved priority items in the order they air within a window; operators change and save it. */
export function PriorityOrder() {
  const loaded = useAsync(() => get('/api/priority-order').then((r) => r.items), []);
  // The order as last saved here (the PUT's answer), until the list is loaded again.
  const [savedHere, setSavedHere] = useState(null);
  const [draft, setDraft] = useState(null);
  const [focus, setFocus] = useState(null);
  const [state, setState] = useState({ phase: 'idle' });
  const saved = savedHere ?? loaded.data;
  const list = draft ?? saved ?? [];
  const dirty = draft !== null && saved !== undefined && !sameOrder(draft, saved);
  const busy = state.phase === 'busy';
  // A newly approved priority item is followed by a re-plan: load the list again, unless it is being changed.
  useLiveEvent('shortfalls-changed', () => {
    if (draft !== null) return;
    setSavedHere(null);
    loaded.reload();
  }, [draft]);

  function move(index, step) {
    const next = [...list];
    const [item] = next.splice(index, 1);
    next.splice(index + step, 0, item);
    setDraft(next);
    setFocus({ id: item.id, up: step < 0 });
    setState({ phase: 'idle' });
  }

  async function save() {
    if (busy || !dirty) return;
    setState({ phase: 'busy' });
    try {
      const answer = await put('/api/priority-order', { items: list.map((i) => i.id) });
      setSavedHere(answer.items);
      setDraft(null);
      setState({ phase: 'done' });
    } catch (error) {
      setState({ phase: 'error', error });
    }
  }

  let body;
  if (loaded.error && !saved) body = html`<${ErrorNote} error=${loaded.error} onRetry=${loaded.reload} />`;
  else if (!saved) body = html`<${Loading} />`;
  else if (list.length === 0) body = html`<p class="muted">${t('schedule.priority.none')}</p>`;
  else {
    body = html`<ol class="sched-pins" aria-labelledby="sched-prio-title">
        ${list.map((item, k) => html`<${OrderRow} key=${item.id} item=${item} index=${k} count=${list.length} move=${move} focus=${focus} />`)}
      </ol>
      <div class="actions">
        <button type="button" class="primary" aria-disabled=${busy || !dirty ? 'true' : 'false'} onClick=${save}>
          ${busy ? t('schedule.priority.saving') : t('schedule.priority.save')}
        </button>
        ${dirty ? html`<button type="button" onClick=${() => { setDraft(null); setState({ phase: 'idle' }); }}>${t('schedule.priority.undo')}</button>` : null}
      </div>`;
  }

  return html`<section class="card sched-priority" aria-labelledby="sched-prio-title">
    <h2 id="sched-prio-title">${t('schedule.priority.title')}</h2>
    <p class="hint">${t('schedule.priority.hint')}</p>
    ${body}
    <div role="status" aria-live="polite">
      ${state.phase === 'done' ? html`<p class="notice">${t('schedule.priority.saved')}</p>` : null}
    </div>
    <${ErrorNote} error=${state.phase === 'error' ? state.error : null} onRetry=${save} />
  </section>`;
}
