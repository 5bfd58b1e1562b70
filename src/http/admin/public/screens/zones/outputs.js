// A zone's outputs with their live health, and the stream address to give the device installer.
import { useState } from 'preact/hooks';
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { fmtDateTime, fmtNumber } from '../../lib/format.js';
import { put } from '../../lib/api.js';
import { ErrorNote } from '../../lib/ui.js';

/** What the API shows instead of a stream key it keeps secret. */
const HIDDEN_KEY = '***';
const STATE_BADGE = { up: 'ok', idle: 'muted', connecting: 'warn', down: 'bad' };

/** The health record of one zone from GET /api/health/zones, or null when its player is not running. */
export const outputHealthOf = (health, zoneId) => health?.zones?.find((h) => h.zone === zoneId) ?? null;

function describeOutput(o) {
  if (o.type === 'http') return t('zones.output.http');
  if (o.type === 'icecast') return t('zones.output.icecast', { url: o.url /* the API shows its password as *** */ });
  return t('zones.output.rtp', { address: o.address, port: o.port, codec: o.codec.toUpperCase() });
}

function HealthBadge({ h }) {
  if (!h) return html`<span class="badge muted">${t('zones.health.unknown')}</span>`;
  return html`<span class=${`badge ${STATE_BADGE[h.state] ?? 'muted'}`}>${t(`zones.health.${h.state}`)}</span>`;
}

/**
 * Each output with its state in words (and, in full, listeners and the last error). Outputs and
 * their health come in the same order: the player builds one driver per output.
 */
export function OutputsHealth({ zone, health, compact = false }) {
  return html`<div class="zones-outputs">
    ${compact ? null : html`<h2>${t('zones.outputs.title')}</h2>`}
    ${health ? null : html`<p class="hint">${t('zones.health.notRunning')}</p>`}
    ${health?.silenceAlarm ? html`<p class="error" role="status">${t('zones.health.silenceAlarm')}</p>` : null}
    <ul class="zones-output-list">${zone.outputs.map((o, i) => {
      const h = health?.outputs?.[i] ?? null;
      return html`<li>
        <span>${describeOutput(o)}</span> <${HealthBadge} h=${h} />
        ${!compact && h?.listeners !== null && h?.listeners !== undefined ? html` <span class="muted">${t('zones.health.listeners', { n: fmtNumber(h.listeners) })}</span>` : null}
        ${!compact && h?.lastError ? html`<br /><small class="muted">${t('zones.health.lastError', { at: h.lastErrorAt ? fmtDateTime(h.lastErrorAt) : '—', error: h.lastError })}</small>` : null}
      </li>`;
    })}</ul>
    ${zone.outputs.length ? null : html`<p>${t('zones.outputs.none')}</p>`}
  </div>`;
}

/** A new random stream key (URL-safe, 128 bits). */
function randomKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The address a device pulls (`/stream/<zone>?key=…`), absolute so it can be typed into the device.
 * Keys are write-only (the API shows "***"): an editor may set a new key, and the address with it is
 * shown once, right after it was saved.
 */
export function StreamAddress({ zone, canSetKey = false }) {
  const [copied, setCopied] = useState(false);
  const [freshKey, setFreshKey] = useState(null);
  const [error, setError] = useState(null);
  const http = zone.outputs.find((o) => o.type === 'http');
  const id = `zone-stream-${zone.id}`;
  if (!http) return html`<section class="zones-stream"><h2>${t('zones.stream.title')}</h2><p>${t('zones.stream.noHttp')}</p></section>`;
  const key = freshKey ?? (http.key === HIDDEN_KEY ? null : http.key);
  const hidden = !freshKey && http.key === HIDDEN_KEY;
  const url = `${location.origin}/stream/${encodeURIComponent(zone.id)}${key ? `?key=${encodeURIComponent(key)}` : ''}`;
  const note = freshKey ? 'zones.stream.newKey.shown' : hidden ? 'zones.stream.keyHidden' : http.key ? 'zones.stream.keyIncluded' : 'zones.stream.noKey';
  async function setNewKey() {
    if (!confirm(t('zones.stream.newKey.confirm', { name: zone.name }))) return;
    const next = randomKey();
    let replaced = false;
    const outputs = zone.outputs.map((o) => (o.type === 'http' && !replaced ? ((replaced = true), { ...o, key: next }) : o));
    setError(null);
    try {
      await put(`/api/zones/${encodeURIComponent(zone.id)}`, { ...zone, outputs });
      setFreshKey(next);
    } catch (err) {
      setError(err);
    }
  }
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      // Plain http on the LAN has no clipboard API: select the text so Ctrl+C copies it.
      getSelection()?.selectAllChildren(document.getElementById(id));
    }
  }
  return html`<section class="zones-stream" aria-labelledby=${`${id}-title`}>
    <h2 id=${`${id}-title`}>${t('zones.stream.title')}</h2>
    <p class="hint">${t('zones.stream.hint')}</p>
    <p><code id=${id} class="zones-url">${url}</code></p>
    <p class=${hidden || !http.key ? 'zones-stream-note warn' : 'zones-stream-note'}>${t(note)}</p>
    <div class="actions">
      <button type="button" onClick=${copy}>${t('zones.stream.copy')}</button>
      ${canSetKey ? html`<button type="button" onClick=${setNewKey}>${t('zones.stream.newKey')}</button>` : null}
      ${copied ? html`<span role="status">${t('zones.stream.copied')}</span>` : null}
    </div>
    <${ErrorNote} error=${error} />
  </section>`;
}
