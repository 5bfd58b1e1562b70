// Khu vực: every loudspeaker zone (Tổ dân phố) with its windows, group and outputs; an operator
// edits them, a reviewer reads them.
import { useEffect, useState } from 'preact/hooks';
import { get } from '../lib/api.js';
import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { ErrorNote, Loading, ScreenHeader, useAsync } from '../lib/ui.js';
import { OutputsHealth, outputHealthOf } from './zones/outputs.js';
import { windowsSummary } from './zones/windows.js';
import { ZoneEditor } from './zones/zoneEditor.js';
import { ZoneView } from './zones/zoneView.js';
import { DevicesSection, DeviceTileBadge, useDevices } from './zones/devices.js';

// Outputs reconnect and fail on their own: their health is read again this often.
const HEALTH_EVERY_MS = 10_000;

/** The outputs' live health, refreshed while the screen is open. */
function useHealth() {
  const health = useAsync(() => get('/api/health/zones'), []);
  useEffect(() => {
    const timer = setInterval(health.reload, HEALTH_EVERY_MS);
    return () => clearInterval(timer);
  }, [health.reload]);
  return health;
}

function ZoneCard({ zone, health, devices, canEdit, navigate }) {
  const headingId = `zone-card-${zone.id}`;
  return html`<article class="card zones-card" aria-labelledby=${headingId}>
    <h2 id=${headingId}>${zone.name}</h2>
    <dl class="pairs">
      <dt>${t('zones.field.id')}</dt><dd><code>${zone.id}</code></dd>
      <dt>${t('zones.field.group')}</dt><dd>${zone.group ?? t('zones.group.none')}</dd>
      <dt>${t('zones.windows.title')}</dt><dd>${windowsSummary(zone.windows)}</dd>
      ${zone.enabled ? null : html`<dt>${t('zones.field.enabled')}</dt><dd><span class="badge warn">${t('zones.state.disabled')}</span></dd>`}
    </dl>
    <${OutputsHealth} zone=${zone} health=${outputHealthOf(health, zone.id)} compact=${true} />
    <${DeviceTileBadge} health=${devices} zoneId=${zone.id} />
    <button type="button" onClick=${() => navigate('zones', { id: zone.id })} aria-describedby=${headingId}>
      ${canEdit ? t('action.edit') : t('zones.action.view')}
    </button>
  </article>`;
}

export default function ZonesScreen({ user, params, navigate }) {
  const canEdit = user.permissions.includes('station:edit');
  const zones = useAsync(() => get('/api/zones'), []);
  const health = useHealth();
  const devices = useDevices();
  // "Saved" outlives the editor (saving a new zone reopens it under its own id) but belongs to that zone.
  const [saved, setSaved] = useState(null);
  const creating = canEdit && params.new === '1';
  const selectedId = params.id;

  if (zones.loading && !zones.data) return html`<${Loading} />`;
  if (zones.error) return html`<${ErrorNote} error=${zones.error} onRetry=${zones.reload} />`;
  const list = zones.data.zones;
  const back = html`<p><a href="#/zones">${t('zones.back')}</a></p>`;

  if (creating || selectedId) {
    const zone = list.find((z) => z.id === selectedId);
    if (!creating && !zone) {
      return html`${back}<div class="error" role="alert"><p>${t('zones.notFound', { id: selectedId })}</p></div>`;
    }
    const groups = [...new Set(list.map((z) => z.group).filter(Boolean))];
    const healthOfZone = zone ? outputHealthOf(health.data, zone.id) : null;
    return html`${back}${canEdit
      ? html`<${ZoneEditor} key=${selectedId ?? 'new'} zone=${creating ? null : zone} existingIds=${list.map((z) => z.id)} groups=${groups} health=${healthOfZone}
          savedNotice=${!creating && saved === selectedId ? t('state.saved') : ''} onSaving=${() => setSaved(null)}
          onSaved=${(z) => { setSaved(z.id); zones.reload(); navigate('zones', { id: z.id }); }}
          onDeleted=${() => { zones.reload(); navigate('zones'); }} />`
      : html`<${ZoneView} zone=${zone} health=${healthOfZone} />`}
      ${zone ? html`<${DevicesSection} devices=${devices} zones=${list} zoneId=${zone.id} canEdit=${canEdit} />` : null}`;
  }

  return html`<${ScreenHeader} title=${t('zones.title')}>
      ${canEdit ? html`<button type="button" class="primary" onClick=${() => navigate('zones', { new: '1' })}>${t('zones.action.add')}</button>` : null}
    </${ScreenHeader}>
    <p class="hint">${t(canEdit ? 'zones.intro.edit' : 'zones.intro.read')}</p>
    ${health.error ? html`<${ErrorNote} error=${health.error} />` : null}
    ${list.length
      ? html`<div class="grid">${list.map((zone) => html`<${ZoneCard} key=${zone.id} zone=${zone} health=${health.data} devices=${devices.data} canEdit=${canEdit} navigate=${navigate} />`)}</div>`
      : html`<p>${t('zones.empty')}</p>`}
    <${DevicesSection} devices=${devices} zones=${list} canEdit=${canEdit} />`;
}
