// A zone as a reviewer sees it: the same facts as the editor, with nothing to change.
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { ScreenHeader } from '../../lib/ui.js';
import { OutputsHealth, StreamAddress } from './outputs.js';
import { WeekOverview } from './windows.js';

export function ZoneView({ zone, health }) {
  return html`<${ScreenHeader} title=${zone.name} />
    <p class="hint">${t('zones.readOnly')}</p>
    <div class="card">
      <dl class="pairs">
        <dt>${t('zones.field.id')}</dt><dd><code>${zone.id}</code></dd>
        <dt>${t('zones.field.areaCodes')}</dt><dd>${zone.areaCodes?.length ? zone.areaCodes.join(', ') : '—'}</dd>
        <dt>${t('zones.field.testAlerts')}</dt><dd>${zone.testAlerts ? t('zones.testAlerts.yes') : t('zones.testAlerts.no')}</dd>
        <dt>${t('zones.field.group')}</dt><dd>${zone.group ?? t('zones.group.none')}</dd>
        <dt>${t('zones.field.enabled')}</dt><dd>${zone.enabled ? t('zones.state.enabled') : t('zones.state.disabled')}</dd>
      </dl>
    </div>
    <section class="card" aria-labelledby="zone-view-windows">
      <h2 id="zone-view-windows">${t('zones.windows.title')}</h2>
      <${WeekOverview} windows=${zone.windows} />
    </section>
    <div class="card"><${OutputsHealth} zone=${zone} health=${health} /></div>
    <div class="card"><${StreamAddress} zone=${zone} /></div>`;
}
