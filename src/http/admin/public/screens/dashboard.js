// Tổng quan: every zone's state live (what airs, what comes next, why a zone is silent), «Nghe thử»,
// «Phát ngay» for operators, «Phát khẩn cấp» for reviewers, today's programme, shortfalls and the ingest queue.
import { useState } from 'preact/hooks';
import { post } from '../lib/api.js';
import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { ErrorNote, Loading, ScreenHeader } from '../lib/ui.js';
import { EmergencyPanel, nextAiringByZone, useActiveEmergencies } from './dashboard/emergency.js';
import { IngestQueue } from './dashboard/ingest.js';
import { useLiveZones, useToday } from './dashboard/liveZones.js';
import { LiveBroadcast } from './dashboard/liveBroadcast.js';
import { PlayNow } from './dashboard/playNow.js';
import { Shortfalls } from './dashboard/shortfalls.js';
import { TodayProgramme } from './dashboard/timeline.js';
import { ZoneCard } from './dashboard/zoneCard.js';

export default function DashboardScreen({ user, navigate }) {
  const live = useLiveZones();
  const today = useToday();
  const emergencies = useActiveEmergencies(live.refresh);
  // One zone heard at a time: its short-lived listen URL (POST /api/zones/:id/listen).
  const [listening, setListening] = useState(null);
  const may = (permission) => user.permissions.includes(permission);

  const listen = async (zoneId) => {
    setListening(null);
    const { url } = await post(`/api/zones/${encodeURIComponent(zoneId)}/listen`);
    setListening({ zone: zoneId, url });
  };

  if (live.loading) return html`<${ScreenHeader} title=${t('nav.dashboard')} /><${Loading} />`;
  const zones = live.zones ?? [];
  const emergencyNext = nextAiringByZone(emergencies.active);
  return html`<${ScreenHeader} title=${t('nav.dashboard')} />
    <${ErrorNote} error=${live.error} onRetry=${() => live.refresh()} />
    <${EmergencyPanel} user=${user} zones=${zones} emergencies=${emergencies} />
    ${may('live:broadcast') ? html`<${LiveBroadcast} zones=${zones} playoutOn=${live.playoutOn} />` : null}
    <section aria-labelledby="dash-zones-title">
      <h2 id="dash-zones-title">${t('dashboard.zones.title')}</h2>
      ${!live.playoutOn ? html`<p class="notice" role="status">${t('dashboard.zones.playoutOff')}</p>` : null}
      ${zones.length
        ? html`<div class="grid dash-zones">
            ${zones.map((z) => html`<${ZoneCard} key=${z.id} zone=${z} now=${live.nowByZone[z.id]} playoutOn=${live.playoutOn}
              listening=${listening} onListen=${listen} onStop=${() => setListening(null)} emergencyNext=${emergencyNext[z.id]} />`)}
          </div>`
        : html`<p class="muted">${t('dashboard.zones.none')}</p>`}
    </section>
    ${may('playout:control') && live.playoutOn && zones.length
      ? html`<${PlayNow} zones=${zones} onPlayed=${(ids) => live.refresh(ids)} />`
      : null}
    <${TodayProgramme} zones=${zones} today=${today} />
    <div class="grid dash-side">
      <${Shortfalls} today=${today} canPlan=${may('plan:run')} navigate=${navigate} />
      ${may('items:read') ? html`<${IngestQueue} />` : null}
    </div>`;
}
