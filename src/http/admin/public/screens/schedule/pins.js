// Pins and exclusions of a zone's day (operators): pin an approved item into a window, exclude an item
// from the day, undo either. A pin the planner refuses comes back as the API's sentence naming the rule.
import { useState } from 'preact/hooks';
import { del, post } from '../../lib/api.js';
import { fmtDuration } from '../../lib/format.js';
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { ErrorNote, Field } from '../../lib/ui.js';
import { timeSeconds, windowText } from './data.js';

/** The window a pin names by its start time, in words ("05:30–06:30"), or the start time alone. */
export function pinWindowText(pin, windows) {
  const w = windows.find((x) => timeSeconds(x.start) === timeSeconds(pin.window));
  return w ? windowText(w.label) : pin.window;
}

/** The day's pins and exclusions; operators may remove them (the planner re-plans at once). */
export function PinList({ pins, windows, titleOf, editable, onChanged }) {
  const [error, setError] = useState(null);
  const [busyId, setBusyId] = useState(null);
  async function remove(pin) {
    setBusyId(pin.id);
    setError(null);
    try {
      await del(`/api/pins/${encodeURIComponent(pin.id)}`);
      onChanged(t(pin.kind === 'pin' ? 'schedule.pins.unpinned' : 'schedule.pins.unexcluded', { title: titleOf(pin.itemId) }));
    } catch (err) {
      setError(err);
    } finally {
      setBusyId(null);
    }
  }
  return html`<section class="card" aria-labelledby="sched-pins-title">
    <h3 id="sched-pins-title">${t('schedule.pins.title')}</h3>
    <${ErrorNote} error=${error} />
    ${pins.length === 0 ? html`<p class="muted">${t('schedule.pins.none')}</p>` : html`<ul class="sched-pins">
      ${pins.map((p) => {
        const words = { title: titleOf(p.itemId), window: pinWindowText(p, windows) };
        const text = p.kind === 'pin' ? t('schedule.pins.pinned', words) : t('schedule.pins.excluded', words);
        return html`<li>
          <span>${text}</span>
          ${editable ? html`<button type="button" class="link" disabled=${busyId === p.id}
            aria-label=${`${t(p.kind === 'pin' ? 'schedule.pins.unpin' : 'schedule.pins.unexclude')}: ${text}`}
            onClick=${() => remove(p)}>${t(p.kind === 'pin' ? 'schedule.pins.unpin' : 'schedule.pins.unexclude')}</button>` : null}
        </li>`;
      })}
    </ul>`}
  </section>`;
}

/** Pin an approved item into one of the day's windows, or exclude it from the day. */
export function PinForm({ zone, date, windows, items, onChanged }) {
  const [kind, setKind] = useState('pin');
  const [itemId, setItemId] = useState('');
  const [windowStart, setWindowStart] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const chosenItem = itemId || items[0]?.id || '';
  const chosenWindow = windows.some((w) => w.start === windowStart) ? windowStart : windows[0]?.start ?? '';

  async function submit(e) {
    e.preventDefault();
    if (busy || !chosenItem) return;
    setBusy(true);
    setError(null);
    try {
      await post('/api/pins', { zone: zone.id, date, itemId: chosenItem, kind, ...(kind === 'pin' && { window: chosenWindow }) });
      const words = { title: items.find((i) => i.id === chosenItem)?.title ?? chosenItem, window: windowText(windows.find((w) => w.start === chosenWindow)?.label ?? chosenWindow) };
      onChanged(t(kind === 'pin' ? 'schedule.pin.done' : 'schedule.exclude.done', words));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (items.length === 0) return html`<section class="card"><h3>${t('schedule.pin.title')}</h3><p class="muted">${t('schedule.pin.noItems')}</p></section>`;
  return html`<form class="card sched-pin-form" onSubmit=${submit} aria-labelledby="sched-pin-title">
    <h3 id="sched-pin-title">${t('schedule.pin.title')}</h3>
    <fieldset class="sched-kind">
      <legend>${t('schedule.pin.kind')}</legend>
      <label><input type="radio" name="sched-kind" value="pin" checked=${kind === 'pin'} onChange=${() => setKind('pin')} /> ${t('schedule.pin.kind.pin')}</label>
      <label><input type="radio" name="sched-kind" value="exclude" checked=${kind === 'exclude'} onChange=${() => setKind('exclude')} /> ${t('schedule.pin.kind.exclude')}</label>
    </fieldset>
    <${Field} id="sched-pin-item" label=${t('schedule.pin.item')}>
      <select id="sched-pin-item" value=${chosenItem} onChange=${(e) => setItemId(e.currentTarget.value)}>
        ${items.map((i) => html`<option value=${i.id}>${i.title} (${fmtDuration(i.durationMs ?? 0)})</option>`)}
      </select>
    </${Field}>
    ${kind === 'pin' ? html`<${Field} id="sched-pin-window" label=${t('schedule.pin.window')}>
      <select id="sched-pin-window" value=${chosenWindow} onChange=${(e) => setWindowStart(e.currentTarget.value)}>
        ${windows.map((w) => html`<option value=${w.start}>${windowText(w.label)}${w.peak ? ` (${t('schedule.peak')})` : ''}</option>`)}
      </select>
    </${Field}>` : html`<p class="hint">${t('schedule.exclude.hint')}</p>`}
    <${ErrorNote} error=${error} />
    <button type="submit" class="primary" disabled=${busy || (kind === 'pin' && !chosenWindow)}>
      ${busy ? t('schedule.pin.busy') : kind === 'pin' ? t('schedule.pin.submit') : t('schedule.exclude.submit')}
    </button>
  </form>`;
}
