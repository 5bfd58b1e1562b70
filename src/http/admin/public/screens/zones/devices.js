// The zones' devices (cụm loa): which receiver serves which zone, whether it is online, when it was
// last heard from, where it hangs; an operator adds, edits, removes devices and gives them new keys
// (a key is shown once, right after it was made).
import { useEffect, useState } from 'preact/hooks';
import { del, get, post, put } from '../../lib/api.js';
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { fmtDateTime, fmtNumber } from '../../lib/format.js';
import { ErrorNote, Field, useAsync } from '../../lib/ui.js';

// Devices go online and offline on their own: their state is read again this often.
const REFRESH_MS = 10_000;
const KINDS = ['stream', 'download', 'rtp', 'relay-fed'];
const STATE_BADGE = { online: 'ok', offline: 'bad', 'not-monitored': 'muted' };
const FORM = 'device-form';

const kindWord = (kind) => ({
  stream: t('zones.devices.kind.stream'), download: t('zones.devices.kind.download'), rtp: t('zones.devices.kind.rtp'), 'relay-fed': t('zones.devices.kind.relayFed'),
}[kind] ?? kind);
const stateWord = (state) => ({
  online: t('zones.devices.state.online'), offline: t('zones.devices.state.offline'), 'not-monitored': t('zones.devices.state.notMonitored'),
}[state] ?? state);
const viaWord = (via) => ({
  stream: t('zones.devices.via.stream'), feed: t('zones.devices.via.feed'), audio: t('zones.devices.via.audio'), report: t('zones.devices.via.report'),
}[via] ?? '');

/** GET /api/devices/health, refreshed while the screen is open. */
export function useDevices() {
  const devices = useAsync(() => get('/api/devices/health'), []);
  useEffect(() => {
    const timer = setInterval(devices.reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [devices.reload]);
  return devices;
}

/** A zone tile's line about its devices: how many, and how many are offline (an alarm). */
export function DeviceTileBadge({ health, zoneId }) {
  const mine = health?.devices?.filter((d) => d.zone === zoneId) ?? [];
  if (!mine.length) return null;
  const offline = mine.filter((d) => d.alarm).length;
  return html`<p><span class=${`badge ${offline ? 'bad' : 'ok'}`}>${offline
    ? t('zones.devices.tileOffline', { offline: fmtNumber(offline), n: fmtNumber(mine.length) })
    : t('zones.devices.tile', { n: fmtNumber(mine.length) })}</span></p>`;
}

function StateBadge({ device }) {
  return html`<span class=${`badge ${STATE_BADGE[device.state] ?? 'muted'}`}>${stateWord(device.state)}</span>`;
}

function DeviceItem({ device, zoneName, canEdit, onEdit, onRotate, onDelete }) {
  const headingId = `device-${device.id}`;
  const { location } = device;
  return html`<article class="card" aria-labelledby=${headingId}>
    <h3 id=${headingId}>${device.name} <${StateBadge} device=${device} /></h3>
    <dl class="pairs">
      <dt>${t('zones.devices.field.id')}</dt><dd><code>${device.id}</code></dd>
      <dt>${t('zones.devices.field.zone')}</dt><dd>${zoneName(device.zone)}${device.reaches.length > 1
        ? html`<br /><small class="hint">${t('zones.devices.reaches', { zones: device.reaches.map(zoneName).join(', ') })}</small>` : null}</dd>
      <dt>${t('zones.devices.field.kind')}</dt><dd>${kindWord(device.kind)}</dd>
      ${device.state === 'not-monitored' ? null : html`<dt>${t('zones.devices.lastSeen')}</dt><dd>${device.lastSeenAt
        ? `${fmtDateTime(device.lastSeenAt)} (${viaWord(device.lastSeenVia)})`
        : t('zones.devices.neverSeen')}${device.state === 'offline' && device.stateSince
        ? html`<br /><small>${t('zones.devices.offlineSince', { at: fmtDateTime(device.stateSince) })}</small>` : null}</dd>`}
      ${location ? html`<dt>${t('zones.devices.location')}</dt><dd>${fmtNumber(location.lat, 5)}, ${fmtNumber(location.lon, 5)}
        <a href=${`https://www.openstreetmap.org/?mlat=${location.lat}&mlon=${location.lon}#map=18/${location.lat}/${location.lon}`} target="_blank" rel="noopener noreferrer">${t('zones.devices.map')}</a></dd>` : null}
      ${device.note ? html`<dt>${t('zones.devices.field.note')}</dt><dd>${device.note}</dd>` : null}
    </dl>
    ${canEdit ? html`<div class="actions">
      <button type="button" onClick=${() => onEdit(device)} aria-describedby=${headingId}>${t('action.edit')}</button>
      <button type="button" onClick=${() => onRotate(device)} aria-describedby=${headingId}>${t('zones.devices.rotate')}</button>
      <button type="button" onClick=${() => onDelete(device)} aria-describedby=${headingId}>${t('action.delete')}</button>
    </div>` : null}
  </article>`;
}

/** The device's addresses with its key in them: shown once, right after the key was made. */
function KeyNotice({ device, secret, onClose }) {
  const origin = location.origin;
  const key = encodeURIComponent(secret);
  const feed = `${origin}/api/devices/${encodeURIComponent(device.id)}/feed`;
  const rows = [
    [t('zones.devices.key.value'), secret],
    ...(device.kind === 'stream' ? [[t('zones.devices.key.stream'), `${origin}/stream/${encodeURIComponent(device.zone)}.mp3?key=${key}`]] : []),
    ...(device.kind === 'download' ? [
      [t('zones.devices.key.feed'), `${feed}?key=${key}`],
      [t('zones.devices.key.m3u8'), `${feed}.m3u8?key=${key}`],
      [t('zones.devices.key.command'), `loa device --url ${feed} --key ${secret}`],
    ] : []),
  ];
  return html`<section class="card" role="status" aria-labelledby="device-key-title">
    <h3 id="device-key-title">${t('zones.devices.key.title', { name: device.name })}</h3>
    <p class="zones-stream-note warn">${t('zones.devices.key.once')}</p>
    ${rows.map(([label, text]) => html`<p><strong>${label}</strong><code class="zones-url">${text}</code></p>`)}
    <button type="button" onClick=${onClose}>${t('action.close')}</button>
  </section>`;
}

function DeviceForm({ device, zones, zoneId, onSaved, onCancel }) {
  const creating = !device;
  const [draft, setDraft] = useState(() => ({
    id: device?.id ?? '', name: device?.name ?? '', zone: device?.zone ?? zoneId ?? zones[0]?.id ?? '', kind: device?.kind ?? 'stream',
    lat: device?.location ? String(device.location.lat) : '', lon: device?.location ? String(device.location.lon) : '', note: device?.note ?? '',
  }));
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = (patch) => setDraft({ ...draft, ...patch });
  const input = (field, label, hint, attrs = {}) => html`<${Field} id=${`${FORM}-${field}`} label=${label} hint=${hint}>
    <input id=${`${FORM}-${field}`} value=${draft[field]} autocomplete="off" aria-describedby=${hint ? `${FORM}-${field}-hint` : undefined}
      ...${attrs} onInput=${(e) => set({ [field]: e.currentTarget.value })} />
  </${Field}>`;

  async function save(e) {
    e.preventDefault();
    const id = draft.id.trim();
    if (!id) return setError({ message: t('field.required'), details: [{ field: 'id', problem: t('field.required') }] });
    const hasLocation = draft.lat.trim() !== '' || draft.lon.trim() !== '';
    const body = {
      name: draft.name, zone: draft.zone, kind: draft.kind, note: draft.note.trim() || null,
      location: hasLocation ? { lat: Number(draft.lat.replace(',', '.')), lon: Number(draft.lon.replace(',', '.')) } : null,
    };
    setBusy(true);
    setError(null);
    try {
      onSaved(await put(`/api/devices/${encodeURIComponent(id)}`, body));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return html`<form class="card zones-form" onSubmit=${save} novalidate aria-busy=${busy} aria-labelledby=${`${FORM}-title`}>
    <h3 id=${`${FORM}-title`}>${creating ? t('zones.devices.new.title') : t('zones.devices.edit.title', { name: device.name })}</h3>
    ${creating ? input('id', t('zones.devices.field.id'), t('zones.devices.field.idHint'), { required: true }) : null}
    ${input('name', t('zones.devices.field.name'), t('zones.devices.field.nameHint'), { required: true })}
    <${Field} id=${`${FORM}-zone`} label=${t('zones.devices.field.zone')}>
      <select id=${`${FORM}-zone`} value=${draft.zone} onChange=${(e) => set({ zone: e.currentTarget.value })}>
        ${zones.map((z) => html`<option value=${z.id}>${z.name} (${z.id})</option>`)}
      </select>
    </${Field}>
    <${Field} id=${`${FORM}-kind`} label=${t('zones.devices.field.kind')} hint=${t('zones.devices.field.kindHint')}>
      <select id=${`${FORM}-kind`} value=${draft.kind} aria-describedby=${`${FORM}-kind-hint`} onChange=${(e) => set({ kind: e.currentTarget.value })}>
        ${KINDS.map((k) => html`<option value=${k}>${kindWord(k)}</option>`)}
      </select>
    </${Field}>
    <div class="zones-times">
      ${input('lat', t('zones.devices.field.lat'), null, { inputmode: 'decimal' })}
      ${input('lon', t('zones.devices.field.lon'), null, { inputmode: 'decimal' })}
    </div>
    <p class="hint">${t('zones.devices.field.locationHint')}</p>
    ${input('note', t('zones.devices.field.note'), null)}
    <${ErrorNote} error=${error} />
    <div class="actions">
      <button type="submit" class="primary" disabled=${busy}>${busy ? t('zones.saving') : t('action.save')}</button>
      <button type="button" onClick=${onCancel}>${t('action.cancel')}</button>
    </div>
  </form>`;
}

/**
 * The devices of one zone (`zoneId`) or of every zone, with their state. `devices` is useDevices();
 * `zones` the station's zones (names, and the choice of zone in the form).
 */
export function DevicesSection({ devices, zones, zoneId = null, canEdit }) {
  const [editing, setEditing] = useState(null);
  const [fresh, setFresh] = useState(null);
  const [error, setError] = useState(null);
  const all = devices.data?.devices ?? [];
  const list = zoneId ? all.filter((d) => d.zone === zoneId) : all;
  const alarms = list.filter((d) => d.alarm).length;
  const zoneName = (id) => zones.find((z) => z.id === id)?.name ?? id;
  const minutes = Math.round((devices.data?.offlineAfterSeconds ?? 180) / 60);

  async function act(fn) {
    setError(null);
    try {
      await fn();
      devices.reload();
    } catch (err) {
      setError(err);
    }
  }
  const rotate = (d) => confirm(t('zones.devices.rotate.confirm', { name: d.name }))
    && act(async () => { const r = await post(`/api/devices/${encodeURIComponent(d.id)}/key`); setFresh({ device: r, key: r.key }); });
  const remove = (d) => confirm(t('zones.devices.delete.confirm', { name: d.name }))
    && act(() => del(`/api/devices/${encodeURIComponent(d.id)}`));
  const saved = (d) => {
    setEditing(null);
    if (d.key && d.key !== '***') setFresh({ device: d, key: d.key });
    devices.reload();
  };

  return html`<section class="card zones-devices" aria-labelledby="zones-devices-title">
    <h2 id="zones-devices-title">${t('zones.devices.title')}</h2>
    <p class="hint">${t('zones.devices.hint', { minutes: fmtNumber(minutes) })}</p>
    ${alarms ? html`<p class="error" role="status">${t('zones.devices.alarm', { n: fmtNumber(alarms) })}</p>` : null}
    <${ErrorNote} error=${devices.error ?? error} />
    ${fresh ? html`<${KeyNotice} device=${fresh.device} secret=${fresh.key} onClose=${() => setFresh(null)} />` : null}
    ${canEdit && editing === null ? html`<div class="actions"><button type="button" onClick=${() => setEditing('new')}>${t('zones.devices.add')}</button></div>` : null}
    ${editing !== null ? html`<${DeviceForm} key=${editing === 'new' ? 'new' : editing.id} device=${editing === 'new' ? null : editing} zones=${zones} zoneId=${zoneId}
      onSaved=${saved} onCancel=${() => setEditing(null)} />` : null}
    ${list.length
      ? html`<div>${list.map((d) => html`<${DeviceItem} key=${d.id} device=${d} zoneName=${zoneName} canEdit=${canEdit}
          onEdit=${setEditing} onRotate=${rotate} onDelete=${remove} />`)}</div>`
      : devices.data ? html`<p>${t('zones.devices.empty')}</p>` : null}
  </section>`;
}
