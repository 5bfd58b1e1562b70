// The ingest queue: how many uploads are being processed or wait, which ones, and how far the current
// batch has got. Polled (an upload sends no event), faster while something is in the queue.
import { useEffect, useRef, useState } from 'preact/hooks';
import { get } from '../../lib/api.js';
import { useLiveEvent } from '../../lib/events.js';
import { fmtDuration, fmtTime } from '../../lib/format.js';
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { ErrorNote, Progress } from '../../lib/ui.js';

const BUSY_POLL_MS = 2000;
const IDLE_POLL_MS = 15_000;

/**
 * GET /api/ingest, polled; `done` counts the items seen processing that have left the queue since it
 * was last empty, so the bar shows the batch's progress (done of done + still processing).
 */
function useIngest() {
  const [state, setState] = useState({ data: null, error: null, done: 0 });
  const seen = useRef(new Set());
  const timer = useRef(null);
  const mounted = useRef(true);

  async function load() {
    clearTimeout(timer.current);
    let busy = false;
    try {
      const data = await get('/api/ingest');
      const ids = new Set(data.items.map((i) => i.id));
      const done = [...seen.current].filter((id) => !ids.has(id)).length;
      busy = ids.size > 0;
      // An empty queue ends the batch: the next upload starts a new one.
      seen.current = busy ? new Set([...seen.current, ...ids]) : new Set();
      if (mounted.current) setState({ data, error: null, done: busy ? done : 0 });
    } catch (error) {
      if (mounted.current) setState((s) => ({ ...s, error }));
    }
    if (mounted.current) timer.current = setTimeout(load, busy ? BUSY_POLL_MS : IDLE_POLL_MS);
  }

  useEffect(() => {
    mounted.current = true;
    load();
    return () => { mounted.current = false; clearTimeout(timer.current); };
  }, []);
  useLiveEvent('item-changed', () => load(), []);
  return { ...state, reload: load };
}

/** «Hàng đợi xử lý âm thanh». */
export function IngestQueue() {
  const { data, error, done, reload } = useIngest();
  const items = data?.items ?? [];
  const total = done + items.length;
  return html`<section class="card" aria-labelledby="dash-ingest-title">
    <h2 id="dash-ingest-title">${t('dashboard.ingest.title')}</h2>
    <${ErrorNote} error=${error} onRetry=${reload} />
    ${data && !items.length ? html`<p class="muted">${t('dashboard.ingest.empty')}</p>` : null}
    ${items.length
      ? html`<p role="status">${t('dashboard.ingest.counts', { running: data.running, waiting: data.waiting })}</p>
          <${Progress} value=${done} max=${total} label=${t('dashboard.ingest.batch', { done, total })} />
          <ul class="dash-ingest">
            ${items.map((i) => html`<li>
              <strong>${i.title}</strong>
              ${i.originalName ? html` <span class="muted">(${i.originalName})</span>` : null}
              <br /><span class="muted">${t('dashboard.ingest.since', { time: fmtTime(i.since), elapsed: fmtDuration(Date.now() - Date.parse(i.since)) })}</span>
            </li>`)}
          </ul>`
      : null}
  </section>`;
}
