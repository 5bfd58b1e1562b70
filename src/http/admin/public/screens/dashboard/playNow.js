// «Phát ngay»: air an approved item on chosen zones at once, even outside their windows (so a
// newcomer hears the demo ward straight away). Offered only with playout:control; the API checks too.
import { useState } from 'preact/hooks';
import { get, post } from '../../lib/api.js';
import { useLiveEvent } from '../../lib/events.js';
import { fmtDuration } from '../../lib/format.js';
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { ErrorNote, Field, Notice, useAsync } from '../../lib/ui.js';

export function PlayNow({ zones, onPlayed }) {
  const approved = useAsync(() => get('/api/items?status=approved&limit=500'), []);
  useLiveEvent('item-changed', () => approved.reload(), [approved.reload]);
  const items = (approved.data?.items ?? []).filter((i) => i.durationMs);
  const playable = zones.filter((z) => z.enabled);

  const [itemId, setItemId] = useState('');
  const [chosen, setChosen] = useState(null); // null: every enabled zone
  const [outsideWindows, setOutsideWindows] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [done, setDone] = useState('');

  const picked = chosen ?? playable.map((z) => z.id);
  const toggle = (id) => setChosen(picked.includes(id) ? picked.filter((z) => z !== id) : [...picked, id]);
  const item = items.find((i) => i.id === itemId) ?? items[0];

  async function submit(e) {
    e.preventDefault();
    setError(null);
    setDone('');
    if (!item) return;
    if (!picked.length) return setError(new Error(t('dashboard.play.noZone')));
    setBusy(true);
    try {
      await post('/api/programmes', { items: [item.id], zones: picked, outsideWindows });
      const names = playable.filter((z) => picked.includes(z.id)).map((z) => z.name).join(', ');
      setDone(t('dashboard.play.done', { title: item.title, zones: names }));
      onPlayed(picked);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return html`<section class="card dash-play" aria-labelledby="dash-play-title">
    <h2 id="dash-play-title">${t('dashboard.play.title')}</h2>
    <p class="hint">${t('dashboard.play.hint')}</p>
    <${ErrorNote} error=${approved.error} onRetry=${approved.reload} />
    ${approved.data && !items.length ? html`<p class="muted">${t('dashboard.play.noItems')}</p>` : null}
    ${items.length && playable.length
      ? html`<form onSubmit=${submit}>
          <${Field} id="dash-play-item" label=${t('dashboard.play.item')}>
            <select id="dash-play-item" value=${item?.id} onChange=${(e) => setItemId(e.currentTarget.value)}>
              ${items.map((i) => html`<option value=${i.id}>${i.title} (${fmtDuration(i.durationMs)})</option>`)}
            </select>
          </${Field}>
          <fieldset class="dash-zones-pick">
            <legend>${t('dashboard.play.zones')}</legend>
            ${playable.map((z) => html`<label><input type="checkbox" checked=${picked.includes(z.id)} onChange=${() => toggle(z.id)} /> ${z.name}</label>`)}
          </fieldset>
          <label class="dash-check"><input type="checkbox" checked=${outsideWindows} onChange=${(e) => setOutsideWindows(e.currentTarget.checked)} /> ${t('dashboard.play.outside')}</label>
          <${ErrorNote} error=${error} />
          <${Notice} text=${done} />
          <button type="submit" class="primary" disabled=${busy}>${busy ? t('dashboard.play.busy') : t('dashboard.play.submit')}</button>
        </form>`
      : null}
  </section>`;
}
