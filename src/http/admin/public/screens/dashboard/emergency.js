// Bản tin khẩn cấp on the dashboard: the red «Phát khẩn cấp» button (reviewer and admin, whose trigger
// approves the content), and the bulletins airing now or with repeats to come, each with «Huỷ».
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { del, get } from '../../lib/api.js';
import { useLiveEvent } from '../../lib/events.js';
import { fmtNumber } from '../../lib/format.js';
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { ErrorNote, Notice } from '../../lib/ui.js';
import { EmergencyForm } from './emergencyForm.js';
import { whenLabel } from './zoneState.js';

// Events bring every change of the list; the poll only catches what a dropped event stream missed.
const POLL_MS = 30_000;

/**
 * { active, error, reload }: GET /api/emergency, reloaded when a bulletin is triggered or cancelled
 * and when an item starts or ends (a repeat airing, a bulletin finishing). `onChanged(zoneIds)` is
 * told the zones a trigger or cancel touched, so their tiles refresh at once.
 */
export function useActiveEmergencies(onChanged) {
  const [state, setState] = useState({ active: null, error: null });
  const latest = useRef(0);
  const load = useCallback(async () => {
    // Loads may overlap (a trigger sends several events): only the latest one's answer is kept.
    const mine = ++latest.current;
    try {
      const { active } = await get('/api/emergency');
      if (mine === latest.current) setState({ active, error: null });
    } catch (error) {
      if (mine === latest.current) setState((s) => ({ ...s, error }));
    }
  }, []);
  useEffect(() => {
    load();
    const timer = setInterval(load, POLL_MS);
    return () => clearInterval(timer);
  }, [load]);
  useLiveEvent('emergency-changed', (e) => { load(); onChanged?.(e.zones); }, [load, onChanged]);
  useLiveEvent('item-started', () => load(), [load]);
  useLiveEvent('item-ended', () => load(), [load]);
  return { ...state, reload: load };
}

/** Zone id → the start (ISO) of the next airing still to come of an active bulletin reaching it. */
export function nextAiringByZone(active, nowMs = Date.now()) {
  const next = {};
  for (const e of active ?? []) {
    const upcoming = e.airings.find((a) => Date.parse(a.start) > nowMs);
    if (!upcoming) continue;
    for (const zoneId of e.reached) {
      if (!next[zoneId] || Date.parse(upcoming.start) < Date.parse(next[zoneId])) next[zoneId] = upcoming.start;
    }
  }
  return next;
}

/** Who triggered it, in words: a CAP alert, the signed-in user, or the name the API gives. */
function whoOf(e, user) {
  if (e.origin?.kind === 'cap') return t('dashboard.emergency.byCap');
  if (e.createdBy === user.id) return t('dashboard.emergency.byYou', { name: user.username });
  return e.createdByName ?? e.createdBy;
}

/** One active bulletin: where, when next, who; «Huỷ» asks again inline before it stops anything. */
function Bulletin({ e, user, zoneNames, canCancel, onCancelled }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const question = useRef(null);
  useEffect(() => { if (asking) question.current?.focus(); }, [asking]);

  const nowMs = Date.now();
  const airing = e.airings.some((a) => Date.parse(a.start) <= nowMs && nowMs < Date.parse(a.end));
  const upcoming = e.airings.filter((a) => Date.parse(a.start) > nowMs);
  const where = e.reached.map(zoneNames).join(', ');

  async function cancel() {
    setBusy(true);
    setError(null);
    try {
      onCancelled(await del(`/api/emergency/${encodeURIComponent(e.id)}`));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return html`<li>
    <p><strong>${e.title}</strong>
      ${airing ? html` <span class="badge emergency">${t('dashboard.emergency.airingNow')}</span>` : null}</p>
    <p>${t('dashboard.emergency.where', { zones: where })}</p>
    <p>${upcoming.length
      ? t('dashboard.emergency.next', { when: whenLabel(upcoming[0].start), n: fmtNumber(upcoming.length) })
      : t('dashboard.emergency.noMore')}</p>
    <p class="muted">${t('dashboard.emergency.by', { who: whoOf(e, user), when: whenLabel(e.createdAt) })}</p>
    <${ErrorNote} error=${error} />
    ${!canCancel ? null
      : asking
        ? html`<div class="dash-emg-confirm" role="group" aria-labelledby=${`dash-emg-q-${e.id}`}>
            <p id=${`dash-emg-q-${e.id}`} ref=${question} tabindex="-1">${t('dashboard.emergency.cancel.question', { title: e.title, zones: where })}</p>
            <div class="dash-emg-actions">
              <button type="button" class="danger" disabled=${busy} onClick=${cancel}>${t('dashboard.emergency.cancel.yes')}</button>
              <button type="button" disabled=${busy} onClick=${() => setAsking(false)}>${t('dashboard.emergency.cancel.no')}</button>
            </div>
          </div>`
        : html`<button type="button" class="danger" onClick=${() => setAsking(true)}>${t('action.cancel')}<span class="sr-only"> ${t('dashboard.emergency.cancel.of', { title: e.title })}</span></button>`}
  </li>`;
}

/** «Bản tin khẩn cấp»: shown to whoever may trigger, and to everyone while one is active. */
export function EmergencyPanel({ user, zones, emergencies }) {
  const may = user.permissions.includes('emergency:trigger');
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState('');
  const opener = useRef(null);
  const heading = useRef(null);
  const active = emergencies.active ?? [];
  const zoneNames = (id) => zones.find((z) => z.id === id)?.name ?? id;

  const close = () => {
    setOpen(false);
    // Back to the button that opened the form (rendered again on the next frame).
    setTimeout(() => opener.current?.focus());
  };
  const triggered = (view) => {
    setNotice(t('dashboard.emergency.done', { title: view.title, zones: view.reached.map(zoneNames).join(', ') }));
    close();
    emergencies.reload();
  };
  const cancelled = (view) => {
    setNotice(t('dashboard.emergency.cancel.done', { title: view.title }));
    heading.current?.focus();
    emergencies.reload();
  };

  if (!may && !active.length) return null;
  return html`<section class="card dash-emg" aria-labelledby="dash-emg-title">
    <div class="dash-emg-head">
      <h2 id="dash-emg-title" ref=${heading} tabindex="-1">${t('dashboard.emergency.title.section')}</h2>
      ${may && !open
        ? html`<button type="button" class="dash-emg-btn" ref=${opener} onClick=${() => { setNotice(''); setOpen(true); }}>${t('dashboard.emergency.open')}</button>`
        : null}
    </div>
    ${may && open ? html`<${EmergencyForm} user=${user} zones=${zones} onDone=${triggered} onClose=${close} />` : null}
    <${Notice} text=${notice} />
    <${ErrorNote} error=${emergencies.error} onRetry=${emergencies.reload} />
    ${emergencies.active === null ? null
      : active.length
        ? html`<h3>${t('dashboard.emergency.active', { n: fmtNumber(active.length) })}</h3>
            <ul class="dash-emg-list">
              ${active.map((e) => html`<${Bulletin} key=${e.id} e=${e} user=${user} zoneNames=${zoneNames} canCancel=${may} onCancelled=${cancelled} />`)}
            </ul>`
        : html`<p class="muted">${t('dashboard.emergency.none')}</p>`}
  </section>`;
}
