// «Phát trực tiếp» on Tổng quan (issue 11): whoever may go live (live:broadcast: reviewers and the
// admin) chooses the zones and the level (emergency asks again, as «Phát khẩn cấp» does), then speaks
// through this computer's microphone after a visible 3-2-1; a meter shows the microphone is heard,
// the elapsed time runs, and «Dừng» ends it. The daemon checks everything again.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { fmtDuration } from '../../lib/format.js';
import { ErrorNote, Notice } from '../../lib/ui.js';
import { HEARD_LEVEL, useLiveMic } from './liveMic.js';

/** After this long without sound the page says the microphone hears nothing. */
const QUIET_MS = 3000;

/** "00:12", "12:05", "1:02:03": the elapsed time of a broadcast. */
function elapsedLabel(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const pad = (n) => String(n).padStart(2, '0');
  return `${s >= 3600 ? `${Math.floor(s / 3600)}:` : ''}${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

/** Every enabled zone a choice reaches: a zone of a group brings its whole group (decisions §3). */
function reachOf(enabled, picked) {
  const groups = new Set(enabled.filter((z) => picked.includes(z.id) && z.group).map((z) => z.group));
  return enabled.filter((z) => picked.includes(z.id) || (z.group && groups.has(z.group)));
}

/** The zones and the level; `onStart()` when the choice is complete (emergency confirmed). */
function LiveForm({ enabled, picked, setPicked, level, setLevel, playoutOn, onStart, onClose }) {
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState(null);
  const box = useRef(null);
  useEffect(() => { box.current?.querySelector(confirming ? '[data-focus]' : 'input')?.focus(); }, [confirming]);
  const toggle = (id) => setPicked(picked.includes(id) ? picked.filter((z) => z !== id) : [...picked, id]);
  const names = reachOf(enabled, picked).map((z) => z.name).join(', ');
  const groups = [...new Set(enabled.map((z) => z.group).filter(Boolean))]
    .map((g) => enabled.filter((z) => z.group === g))
    .filter((members) => members.length > 1);

  function submit(e) {
    e.preventDefault();
    if (!picked.length) return setProblem(new Error(t('live.noZone')));
    setProblem(null);
    if (level === 'emergency') setConfirming(true);
    else onStart();
  }

  if (confirming) {
    return html`<div class="dash-emg-confirm" ref=${box} role="group" aria-labelledby="live-confirm-title">
      <h3 id="live-confirm-title" tabindex="-1" data-focus>${t('live.confirm.title')}</h3>
      <p>${t('live.confirm.body', { zones: names })}</p>
      <div class="dash-emg-actions">
        <button type="button" class="dash-emg-go" onClick=${onStart}>${t('live.confirm.go')}</button>
        <button type="button" onClick=${() => setConfirming(false)}>${t('live.confirm.back')}</button>
      </div>
    </div>`;
  }
  return html`<form class="dash-emg-form" ref=${box} onSubmit=${submit} aria-labelledby="live-form-title" noValidate>
    <h3 id="live-form-title">${t('live.form.title')}</h3>
    <fieldset class="dash-zones-pick">
      <legend>${t('live.zones')}</legend>
      ${enabled.map((z) => html`<label><input type="checkbox" checked=${picked.includes(z.id)} onChange=${() => toggle(z.id)} /> ${z.name}</label>`)}
    </fieldset>
    ${groups.map((members) => html`<p class="hint">${t('live.group', { names: members.map((z) => z.name).join(', ') })}</p>`)}
    <fieldset class="dash-zones-pick">
      <legend>${t('live.level')}</legend>
      <label><input type="radio" name="live-level" checked=${level === 'priority'} onChange=${() => setLevel('priority')} /> ${t('live.level.priority')}</label>
      <label><input type="radio" name="live-level" checked=${level === 'emergency'} onChange=${() => setLevel('emergency')} /> ${t('live.level.emergency')}</label>
    </fieldset>
    ${playoutOn ? null : html`<p class="notice">${t('live.playoutOff')}</p>`}
    <${ErrorNote} error=${problem} />
    <div class="dash-emg-actions">
      <button type="submit" class=${level === 'emergency' ? 'dash-emg-btn' : 'primary'}>${t('live.start')}</button>
      <button type="button" onClick=${onClose}>${t('action.close')}</button>
    </div>
  </form>`;
}

/** While it runs: what is happening in words, the countdown, the meter, the elapsed time and «Dừng». */
function LiveRunning({ mic, zoneNames }) {
  const stopButton = useRef(null);
  useEffect(() => { stopButton.current?.focus(); }, []);
  const elapsed = elapsedLabel(Date.now() - mic.since);
  let line = t(mic.phase === 'asking' ? 'live.asking' : 'live.connecting');
  if (mic.phase === 'countdown') line = t('live.countdown', { n: mic.count });
  if (mic.phase === 'stopping') line = t('live.stopping');
  if (mic.phase === 'live') {
    const key = mic.air?.type === 'on-air' ? (mic.air.zones.length ? 'live.onAir' : 'live.recordOnly') : mic.air ? 'live.queued' : 'live.onAir';
    line = t(key, { elapsed });
  }
  const quiet = Date.now() - mic.heardAt > QUIET_MS;
  const where = mic.air?.zones.length ? mic.air.zones.map(zoneNames).join(', ') : '';
  return html`<div class="live-running">
    <p class=${`live-state ${mic.phase}`} role="status">${line}</p>
    ${mic.phase === 'countdown' ? html`<p class="live-count" aria-hidden="true">${mic.count}</p>` : null}
    ${where ? html`<p>${t('live.where', { zones: where })}</p>` : null}
    ${mic.phase !== 'asking'
      ? html`<div class="field live-meter">
          <label for="live-meter">${t('live.meter')}</label>
          <meter id="live-meter" min="0" max="1" low=${HEARD_LEVEL} high="0.9" optimum="0.5" value=${mic.level}></meter>
          <small>${quiet ? t('live.meter.quiet') : t('live.meter.heard')}</small>
        </div>`
      : null}
    <button type="button" class="dash-emg-btn" ref=${stopButton} disabled=${mic.phase === 'stopping'} onClick=${mic.stop}>${t('live.stop')}</button>
  </div>`;
}

/** The «Phát trực tiếp» card: offered only to roles with live:broadcast (dashboard.js checks). */
export function LiveBroadcast({ zones, playoutOn }) {
  const enabled = zones.filter((z) => z.enabled);
  const mic = useLiveMic();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState(null); // null: every enabled zone
  const [level, setLevel] = useState('priority');
  const opener = useRef(null);
  const picked = chosen ?? enabled.map((z) => z.id);
  const zoneNames = (id) => zones.find((z) => z.id === id)?.name ?? id;
  const running = !['idle', 'done'].includes(mic.phase);

  // Back to the button that opened it once a broadcast is over (rendered again on the next frame).
  useEffect(() => { if (mic.phase === 'done' || mic.error) setTimeout(() => opener.current?.focus()); }, [mic.phase, mic.error]);

  const start = () => {
    setOpen(false);
    mic.start(picked, level);
  };
  const close = () => {
    setOpen(false);
    setTimeout(() => opener.current?.focus());
  };

  return html`<section class="card dash-live" aria-labelledby="live-title">
    <div class="dash-emg-head">
      <h2 id="live-title">${t('live.title')}</h2>
      ${!open && !running
        ? html`<button type="button" class="primary" ref=${opener} disabled=${!enabled.length} onClick=${() => setOpen(true)}>${t('live.open')}</button>`
        : null}
    </div>
    <p class="hint">${t('live.hint')}</p>
    ${open && !running
      ? html`<${LiveForm} enabled=${enabled} picked=${picked} setPicked=${setChosen} level=${level} setLevel=${setLevel}
          playoutOn=${playoutOn} onStart=${start} onClose=${close} />`
      : null}
    ${running ? html`<${LiveRunning} mic=${mic} zoneNames=${zoneNames} />` : null}
    ${mic.phase === 'done' && mic.result
      ? html`<${Notice} text=${t('live.done', { duration: fmtDuration(mic.result.durationMs), title: mic.result.title })} />`
      : null}
    <${ErrorNote} error=${mic.error} />
  </section>`;
}
