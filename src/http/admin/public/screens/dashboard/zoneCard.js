// One zone's card: its state and why, what airs now (with a progress bar that advances), what comes
// next, and «Nghe thử» to hear in the browser what the loudspeakers get.
import { useEffect, useRef, useState } from 'preact/hooks';
import { fmtDuration, fmtTime } from '../../lib/format.js';
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { ErrorNote } from '../../lib/ui.js';
import { useTick } from './liveZones.js';
import { sourceLabel, whenLabel, zoneState } from './zoneState.js';

/** What airs now: title, times, where it comes from, and how far it has played. */
function NowPlaying({ now }) {
  useTick(1000);
  const cur = now.current;
  const durationMs = Date.parse(cur.end) - Date.parse(cur.start);
  // The server's position when the answer came, run on by the browser's own clock since.
  const positionMs = Math.min(durationMs, now.positionMs + (performance.now() - now.receivedAt));
  return html`<div class="dash-now">
    <p class="dash-title"><span class="muted">${t('dashboard.now.label')}</span> <strong>${cur.title}</strong></p>
    <p class="muted">${fmtTime(cur.start)}–${fmtTime(cur.end)} · ${sourceLabel(cur)}</p>
    <div class="progress">
      <progress max=${durationMs} value=${positionMs} aria-label=${t('dashboard.now.progress', { title: cur.title })}></progress>
      <span>${fmtDuration(positionMs)} / ${fmtDuration(durationMs)}</span>
    </div>
  </div>`;
}

/** «Nghe thử»: the zone's stream in an <audio> element, through a short-lived listen URL. */
function Listen({ zone, listening, onListen, onStop }) {
  const audio = useRef(null);
  const toggle = useRef(null);
  const [problem, setProblem] = useState(null);
  const active = listening?.zone === zone.id;
  // The button under the keyboard changes (Nghe thử ⇄ Dừng nghe): focus follows it.
  const hadFocus = useRef(false);
  useEffect(() => {
    if (!hadFocus.current) return;
    hadFocus.current = false;
    toggle.current?.focus();
  }, [active]);
  const press = (action) => () => {
    hadFocus.current = true;
    action();
  };

  useEffect(() => {
    const el = audio.current;
    if (!active || !el) return undefined;
    setProblem(null);
    el.play().catch(() => setProblem(new Error(t('dashboard.listen.blocked'))));
    // Closing the element's connection ends the listen: the daemon stops sending to it.
    return () => { el.pause(); el.removeAttribute('src'); el.load(); };
  }, [active, listening?.url]);

  const start = async () => {
    setProblem(null);
    try {
      await onListen(zone.id);
    } catch (err) {
      hadFocus.current = false;
      setProblem(err);
    }
  };

  const label = t('dashboard.listen.audio', { zone: zone.name });
  return html`<div class="dash-listen">
    ${active
      ? html`<button type="button" ref=${toggle} onClick=${press(onStop)}>${t('dashboard.listen.stop')}</button>
          <audio ref=${audio} src=${listening.url} controls preload="none" aria-label=${label} title=${label}
            onError=${() => audio.current?.getAttribute('src') && setProblem(new Error(t('dashboard.listen.failed')))}></audio>
          <p class="hint" role="status">${t('dashboard.listen.playing', { zone: zone.name })}</p>`
      : html`<button type="button" ref=${toggle} onClick=${press(start)} aria-label=${t('dashboard.listen.startFor', { zone: zone.name })}>${t('dashboard.listen.start')}</button>`}
    <${ErrorNote} error=${problem} />
  </div>`;
}

/**
 * `emergencyNext`: the start (ISO) of an active bulletin's next repeat here, if one is still to come;
 * its red line then stands for «Tiếp theo» when that next entry is the bulletin.
 */
export function ZoneCard({ zone, now, playoutOn, listening, onListen, onStop, emergencyNext }) {
  const state = zoneState(zone, now, playoutOn);
  const headingId = `dash-zone-${zone.id}`;
  return html`<article class="card dash-zone" aria-labelledby=${headingId}>
    <header class="dash-zone-head">
      <h3 id=${headingId}>${zone.name}</h3>
      <span class=${`badge ${state.tone}`}>${state.label}</span>
    </header>
    ${state.reasons.length ? html`<ul class="dash-reasons">${state.reasons.map((r) => html`<li>${r}</li>`)}</ul>` : null}
    ${state.details.length
      ? html`<p class="hint">${t('dashboard.reason.technical')} <span lang="en">${state.details.join('; ')}</span></p>`
      : null}
    ${now?.current ? html`<${NowPlaying} now=${now} />` : null}
    ${now?.current && now.next && !(emergencyNext && now.next.source === 'emergency')
      ? html`<p class="dash-next"><span class="muted">${t('dashboard.next.label')}</span> ${whenLabel(now.next.start)} · ${now.next.title}</p>`
      : null}
    ${emergencyNext ? html`<p class="dash-emg-next">${t('dashboard.emergency.tile', { when: whenLabel(emergencyNext) })}</p>` : null}
    ${!playoutOn || !zone.enabled ? null
      : zone.outputs.some((o) => o.type === 'http')
        ? html`<${Listen} zone=${zone} listening=${listening} onListen=${onListen} onStop=${onStop} />`
        : html`<p class="hint">${t('dashboard.listen.noStream')}</p>`}
  </article>`;
}
