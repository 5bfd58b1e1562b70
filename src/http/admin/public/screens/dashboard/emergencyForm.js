// «Phát khẩn cấp»: the form (an item or a typed text, the zones, the repeats), then a confirm step
// that says in plain words what will happen before anything airs. Triggering approves the content
// (decisions §4), so pending items are offered too; the API checks everything again.
import { useEffect, useRef, useState } from 'preact/hooks';
import { get, post } from '../../lib/api.js';
import { useLiveEvent } from '../../lib/events.js';
import { fmtDateTime, fmtDuration, fmtNumber } from '../../lib/format.js';
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { ErrorNote, Field, useAsync } from '../../lib/ui.js';
import { localInputToInstant } from '../library/itemWords.js';

/** The longest text the speech engine reads for a bulletin (the API's limit). */
const TEXT_MAX = 5000;
const EMPTY = { mode: 'item', itemId: '', text: '', title: '', times: '', every: '', onTheHour: false, until: '' };

/** The `repeat` the API takes, or null when the bulletin airs once. */
function repeatOf(v) {
  const times = v.times === '' ? undefined : Number(v.times);
  const everyMinutes = v.every === '' ? undefined : Number(v.every);
  const until = localInputToInstant(v.until) ?? undefined;
  if ((times ?? 1) <= 1 && everyMinutes === undefined && until === undefined && !v.onTheHour) return null;
  return { times, everyMinutes, onTheHour: v.onTheHour || undefined, until };
}

/** POST /api/emergency's body for the form's values. */
function requestOf(v, zones) {
  const content = v.mode === 'item' ? { itemId: v.itemId } : { text: v.text.trim(), ...(v.title.trim() && { title: v.title.trim() }) };
  const repeat = repeatOf(v);
  return { ...content, zones, ...(repeat && { repeat }) };
}

/** What the browser can tell before asking: the sentence to fix it, or null. The API checks the rest. */
function problemOf(v, zones) {
  if (v.mode === 'item' && !v.itemId) return t('dashboard.emergency.needItem');
  if (v.mode === 'text' && !v.text.trim()) return t('dashboard.emergency.needText');
  if (!zones.length) return t('dashboard.play.noZone');
  const repeats = Number(v.times) > 1 || v.until !== '';
  if ((repeats || v.onTheHour) && v.every === '') return t('dashboard.emergency.needInterval');
  if (v.every !== '' && !repeats) return t('dashboard.emergency.needEnd');
  return null;
}

/** Every enabled zone a choice reaches: a zone of a group brings its whole group (decisions §3). */
function reachOf(enabled, picked) {
  const groups = new Set(enabled.filter((z) => picked.includes(z.id) && z.group).map((z) => z.group));
  return enabled.filter((z) => picked.includes(z.id) || (z.group && groups.has(z.group)));
}

/** How often it airs, in words (problemOf has made sure a repeat has an interval and an end). */
function repeatLine(v) {
  const r = repeatOf(v);
  if (!r) return t('dashboard.emergency.sum.once');
  const every = r.onTheHour
    ? t('dashboard.emergency.sum.everyHours', { hours: fmtNumber(r.everyMinutes / 60, 2) })
    : t('dashboard.emergency.sum.everyMinutes', { minutes: fmtNumber(r.everyMinutes) });
  const until = r.until && fmtDateTime(r.until);
  if (r.times && until) return t('dashboard.emergency.sum.timesUntil', { times: fmtNumber(r.times), every, until });
  if (until) return t('dashboard.emergency.sum.until', { every, until });
  return t('dashboard.emergency.sum.times', { times: fmtNumber(r.times), every });
}

/** The confirm step's sentences: what airs, where (whole groups included), whose approval, how often. */
function summaryOf(v, item, reached, picked) {
  const names = (list) => list.map((z) => z.name).join(', ');
  const where = reached.length === 1
    ? t('dashboard.emergency.sum.one', { name: reached[0].name })
    : t('dashboard.emergency.sum.many', { n: reached.length, names: names(reached) });
  const lines = [v.mode === 'item'
    ? t('dashboard.emergency.sum.item', { title: item?.title ?? v.itemId, where })
    : t('dashboard.emergency.sum.text', { where })];
  const extra = reached.filter((z) => !picked.includes(z.id));
  if (extra.length) lines.push(t('dashboard.emergency.sum.group', { names: names(extra) }));
  if (item?.status === 'pending' && v.mode === 'item') lines.push(t('dashboard.emergency.sum.pending', { title: item.title }));
  lines.push(repeatLine(v));
  return lines;
}

// The API names bad fields by their path in the body; the page names them by their labels.
const FIELD_LABELS = {
  'body.itemId': 'dashboard.emergency.item',
  'body.text': 'dashboard.emergency.text',
  'body.title': 'dashboard.emergency.title',
  'body.zones': 'dashboard.emergency.zones',
  'body.repeat.times': 'dashboard.emergency.times',
  'body.repeat.everyMinutes': 'dashboard.emergency.every',
  'body.repeat.onTheHour': 'dashboard.emergency.onTheHour',
  'body.repeat.until': 'dashboard.emergency.until',
  'body.repeat': 'dashboard.emergency.repeat',
};
const fieldOf = (path) => path.replace(/\[\d+\]/g, '').replace(/\.\d+$/, '');
/**
 * The API's failure with each named field in words (the API sends no `problem` for its own checks);
 * `fields` keeps the paths, to mark those controls invalid.
 */
function explained(err) {
  if (!err?.details?.length) return err;
  const label = (path) => (FIELD_LABELS[fieldOf(path)] ? t(FIELD_LABELS[fieldOf(path)]) : path);
  return {
    message: err.message,
    details: err.details.map((d) => ({ field: label(d.field), problem: d.problem ?? t('dashboard.emergency.fix') })),
    fields: err.details.map((d) => fieldOf(d.field)),
  };
}

/** The form and its confirm step; `onDone(view)` after the API has accepted, `onClose()` to give up. */
export function EmergencyForm({ user, zones, onDone, onClose }) {
  const items = useAsync(() => get('/api/items?status=approved,pending&limit=500'), []);
  useLiveEvent('item-changed', () => items.reload(), [items.reload]);
  // The speech engine's presence is read where the role may ask (items:upload); otherwise the API says.
  const speech = useAsync(() => (user.permissions.includes('items:upload') ? get('/api/speech') : Promise.resolve(null)), []);
  const noSpeech = speech.data?.available === false;
  const playable = (items.data?.items ?? []).filter((i) => i.durationMs);
  const enabled = zones.filter((z) => z.enabled);

  const [v, setV] = useState(EMPTY);
  const [chosen, setChosen] = useState(null); // null: every enabled zone
  const [step, setStep] = useState('form');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const box = useRef(null);

  const picked = chosen ?? enabled.map((z) => z.id);
  const toggle = (id) => setChosen(picked.includes(id) ? picked.filter((z) => z !== id) : [...picked, id]);
  const set = (key) => (e) => setV({ ...v, [key]: e.currentTarget.type === 'checkbox' ? e.currentTarget.checked : e.currentTarget.value });
  const item = playable.find((i) => i.id === v.itemId);
  const bad = new Set(error?.fields ?? []);
  const invalid = (path) => (bad.has(path) ? 'true' : undefined);

  // Each step starts at its first control or heading, so keyboard and screen-reader users land in it.
  useEffect(() => {
    box.current?.querySelector(step === 'form' ? 'input, select, textarea' : '[data-focus]')?.focus();
  }, [step]);

  function review(e) {
    e.preventDefault();
    const problem = problemOf(v, picked);
    setError(problem ? new Error(problem) : null);
    if (!problem) setStep('confirm');
  }

  async function send() {
    setBusy(true);
    setError(null);
    try {
      onDone(await post('/api/emergency', requestOf(v, picked)));
    } catch (err) {
      setError(explained(err));
      setStep('form');
    } finally {
      setBusy(false);
    }
  }

  if (step === 'confirm') {
    return html`<div class="dash-emg-confirm" ref=${box} role="group" aria-labelledby="dash-emg-confirm-title">
      <h3 id="dash-emg-confirm-title" tabindex="-1" data-focus>${t('dashboard.emergency.confirm.title')}</h3>
      <ul>${summaryOf(v, item, reachOf(enabled, picked), picked).map((s) => html`<li>${s}</li>`)}</ul>
      <div class="dash-emg-actions">
        <button type="button" class="dash-emg-go" disabled=${busy} onClick=${send}>
          ${!busy ? t('dashboard.emergency.confirm.go') : v.mode === 'text' ? t('dashboard.emergency.busyText') : t('dashboard.emergency.busy')}
        </button>
        <button type="button" disabled=${busy} onClick=${() => setStep('form')}>${t('dashboard.emergency.confirm.back')}</button>
      </div>
    </div>`;
  }

  const optgroup = (label, list) => (list.length
    ? html`<optgroup label=${label}>${list.map((i) => html`<option value=${i.id}>${i.title} (${fmtDuration(i.durationMs)})</option>`)}</optgroup>`
    : null);
  const groups = [...new Set(enabled.map((z) => z.group).filter(Boolean))]
    .map((g) => enabled.filter((z) => z.group === g))
    .filter((members) => members.length > 1);
  return html`<form class="dash-emg-form" ref=${box} onSubmit=${review} aria-labelledby="dash-emg-form-title" noValidate>
    <h3 id="dash-emg-form-title">${t('dashboard.emergency.form.title')}</h3>
    <fieldset class="dash-zones-pick">
      <legend>${t('dashboard.emergency.content')}</legend>
      <label><input type="radio" name="dash-emg-mode" checked=${v.mode === 'item'} onChange=${() => setV({ ...v, mode: 'item' })} /> ${t('dashboard.emergency.mode.item')}</label>
      <label><input type="radio" name="dash-emg-mode" checked=${v.mode === 'text'} disabled=${noSpeech} onChange=${() => setV({ ...v, mode: 'text' })} /> ${t('dashboard.emergency.mode.text')}</label>
    </fieldset>
    ${noSpeech ? html`<p class="hint">${t('dashboard.emergency.noSpeech')}</p>` : null}
    <${ErrorNote} error=${items.error} onRetry=${items.reload} />
    ${v.mode === 'item'
      ? html`<${Field} id="dash-emg-item" label=${t('dashboard.emergency.item')} hint=${t('dashboard.emergency.item.hint')}>
          <select id="dash-emg-item" value=${v.itemId} onChange=${set('itemId')} aria-describedby="dash-emg-item-hint" aria-invalid=${invalid('body.itemId')}>
            <option value="">${t('dashboard.emergency.item.choose')}</option>
            ${optgroup(t('dashboard.emergency.item.approved'), playable.filter((i) => i.status === 'approved'))}
            ${optgroup(t('dashboard.emergency.item.pending'), playable.filter((i) => i.status === 'pending'))}
          </select>
        </${Field}>
        ${items.data && !playable.length ? html`<p class="muted">${t('dashboard.emergency.noItems')}</p>` : null}`
      : html`<${Field} id="dash-emg-text" label=${t('dashboard.emergency.text')} hint=${t('dashboard.emergency.text.hint', { n: fmtNumber(v.text.length), max: fmtNumber(TEXT_MAX) })}>
          <textarea id="dash-emg-text" rows="5" maxlength=${TEXT_MAX} value=${v.text} onInput=${set('text')} aria-describedby="dash-emg-text-hint" aria-invalid=${invalid('body.text')}></textarea>
        </${Field}>
        <${Field} id="dash-emg-title" label=${t('dashboard.emergency.title')} hint=${t('dashboard.emergency.title.hint')}>
          <input id="dash-emg-title" maxlength="200" value=${v.title} onInput=${set('title')} aria-describedby="dash-emg-title-hint" aria-invalid=${invalid('body.title')} />
        </${Field}>`}
    <fieldset class="dash-zones-pick">
      <legend>${t('dashboard.emergency.zones')}</legend>
      ${enabled.map((z) => html`<label><input type="checkbox" checked=${picked.includes(z.id)} onChange=${() => toggle(z.id)} /> ${z.name}</label>`)}
    </fieldset>
    ${groups.map((members) => html`<p class="hint">${t('dashboard.emergency.group', { names: members.map((z) => z.name).join(', ') })}</p>`)}
    <fieldset class="dash-emg-repeat">
      <legend>${t('dashboard.emergency.repeat')}</legend>
      <p class="hint">${t('dashboard.emergency.repeat.hint')}</p>
      <${Field} id="dash-emg-times" label=${t('dashboard.emergency.times')}>
        <input id="dash-emg-times" type="number" inputmode="numeric" min="1" max="500" value=${v.times} onInput=${set('times')} aria-invalid=${invalid('body.repeat.times')} />
      </${Field}>
      <${Field} id="dash-emg-every" label=${t('dashboard.emergency.every')}>
        <input id="dash-emg-every" type="number" inputmode="numeric" min="1" max="10080" value=${v.every} onInput=${set('every')} aria-invalid=${invalid('body.repeat.everyMinutes')} />
      </${Field}>
      <label class="dash-check"><input type="checkbox" checked=${v.onTheHour} onChange=${set('onTheHour')} /> ${t('dashboard.emergency.onTheHour')}</label>
      <${Field} id="dash-emg-until" label=${t('dashboard.emergency.until')}>
        <input id="dash-emg-until" type="datetime-local" value=${v.until} onInput=${set('until')} aria-invalid=${invalid('body.repeat.until')} />
      </${Field}>
    </fieldset>
    <${ErrorNote} error=${error} />
    <div class="dash-emg-actions">
      <button type="submit" class="dash-emg-btn">${t('dashboard.emergency.form.next')}</button>
      <button type="button" onClick=${onClose}>${t('action.close')}</button>
    </div>
  </form>`;
}
