// The report's loudspeaker clusters (cụm loa) and the CAP alerts of the month: the working clusters the
// upper level asks for, each cluster's hours and outages; each alert's journey and the plays it was heard
// in, exercises and tests apart. A version finalized before these were reported has neither: nothing shows.
import { fmtDateTime, fmtNumber, fmtPercent } from '../../lib/format.js';
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';

/** A catalogue word for a code, or the code itself when the catalogue has none. */
const word = (prefix, code) => {
  const key = `${prefix}.${code}`;
  const text = t(key);
  return text === key ? code : text;
};
const hours = (n) => fmtNumber(n, 1);

function WorkingBadge({ device }) {
  if (device.working === null) return html`<span class="badge muted">${t('reports.devices.notMonitored')}</span>`;
  return device.working
    ? html`<span class="badge ok">${t('reports.devices.ok')}</span>`
    : html`<span class="badge bad">${t('reports.devices.notOk')}</span>`;
}

/** Clusters per zone: hours online and offline, outages, working or not; the outages listed under the table. */
export function Devices({ devices }) {
  if (!devices) return null;
  const tot = devices.totals;
  const rows = devices.zones.flatMap((z) => z.devices.map((d) => ({ zone: z, device: d })));
  const outages = rows.flatMap(({ zone, device }) => device.outages.map((o) => ({ zone, device, o })));
  return html`<section class="report-part" aria-labelledby="reports-devices">
    <h2 id="reports-devices">${t('reports.devices')}</h2>
    ${tot.clusters === 0 ? html`<p class="muted">${t('reports.devices.none')}</p>` : html`
      <p>
        <span class="badge ${tot.working === tot.monitored ? 'ok' : 'warn'}">${t('reports.devices.working', { working: fmtNumber(tot.working), monitored: fmtNumber(tot.monitored) })}</span>
        ${' '}${t('reports.devices.line', {
          clusters: fmtNumber(tot.clusters), share: fmtPercent(devices.workingShare), withOutages: fmtNumber(tot.withOutages),
          outages: fmtNumber(tot.outages), offline: hours(tot.offlineHours), notMonitored: fmtNumber(tot.notMonitored),
        })}
      </p>
      ${devices.zonesWithout.length > 0 ? html`<p>${t('reports.devices.zonesWithout', { list: devices.zonesWithout.map((z) => z.name).join(', ') })}</p>` : null}
      <div class="table-wrap" role="region" aria-label=${t('reports.table.devices')} tabindex="0">
        <table aria-label=${t('reports.table.devices')}>
          <thead><tr>
            <th scope="col">${t('reports.section.deviceName')}</th>
            <th scope="col">${t('reports.col.zone')}</th>
            <th scope="col">${t('reports.section.deviceKind')}</th>
            <th scope="col" class="num">${t('reports.section.onlineHours')}</th>
            <th scope="col" class="num">${t('reports.section.offlineHours')}</th>
            <th scope="col" class="num">${t('reports.section.onlineShare')}</th>
            <th scope="col" class="num">${t('reports.section.outages')}</th>
            <th scope="col">${t('reports.devices.state')}</th>
          </tr></thead>
          <tbody>${rows.map(({ zone, device: d }) => html`<tr>
            <th scope="row">${d.name}${d.removed ? html` <span class="muted">(${t('reports.devices.removed')})</span>` : null}</th>
            <td>${zone.name}</td>
            <td>${word('reports.deviceKind', d.kind ?? 'unknown')}</td>
            <td class="num">${d.monitored ? hours(d.onlineHours) : '—'}</td>
            <td class="num">${d.monitored ? hours(d.offlineHours) : '—'}</td>
            <td class="num">${d.onlineShare === null ? '—' : fmtPercent(d.onlineShare)}</td>
            <td class="num">${d.monitored ? fmtNumber(d.outages.length) : '—'}</td>
            <td><${WorkingBadge} device=${d} /></td>
          </tr>`)}</tbody>
        </table>
      </div>
      ${outages.length > 0 ? html`<details class="report-outages">
        <summary>${t('reports.devices.outageList', { n: fmtNumber(outages.length) })}</summary>
        <ul>${outages.map(({ zone, device, o }) => html`<li>
          ${t('reports.devices.outage', { name: device.name, zone: zone.name, from: fmtDateTime(o.from), to: fmtDateTime(o.to), hours: hours(o.hours) })}
          ${o.open ? html` <span class="badge warn">${t('reports.devices.open')}</span>` : null}
        </li>`)}</ul>
      </details>` : null}`}
  </section>`;
}

/** One step of an alert's journey in words, as the report's own tables say it. */
function stepText(s) {
  const time = fmtDateTime(s.at);
  const refs = (s.refs ?? []).join(', ');
  switch (s.step) {
    case 'received': return t(s.via === 'feed' ? 'reports.capStep.receivedFeed' : 'reports.capStep.received', { time });
    case 'mapped': {
      const zones = s.zones ?? [];
      const mapped = zones.length ? t('reports.capStep.mapped', { zones: zones.map((z) => z.name).join(', ') }) : t('reports.capStep.mappedNone');
      return s.unmatched?.length ? `${mapped} (${t('reports.capStep.unmatched', { codes: s.unmatched.join(', ') })})` : mapped;
    }
    case 'aired': return s.delivery === 'library' ? t('reports.capStep.airedLibrary', { time }) : t('reports.capStep.airedBulletin', { time, n: (s.zones ?? []).length });
    case 'logged':
      if (refs) return t('reports.capStep.loggedCancel', { refs });
      return s.reason ? t('reports.capStep.logged', { reason: word('reports.capReason', s.reason) }) : t('reports.capStep.loggedPlain');
    case 'failed': return t('reports.capStep.failed', { reason: word('reports.capReason', s.reason ?? '') });
    case 'updated': return t('reports.capStep.updated', { refs });
    case 'replaced': return t('reports.capStep.replaced', { refs, time });
    case 'cancelled': return t('reports.capStep.cancelled', { refs, time });
    case 'expired': return t('reports.capStep.expired', { time });
    default: return s.step;
  }
}

function AlertList({ alerts, labelledBy }) {
  return html`<ol class="cap-alerts" aria-labelledby=${labelledBy}>${alerts.map((a) => html`<li>
    <p class="cap-title">
      <strong>${a.headline || a.event || a.identifier}</strong>
      ${a.level ? html` <span class="badge ${a.level === 'emergency' ? 'bad' : 'warn'}">${t(`reports.level.${a.level}`)}</span>` : null}
      ${a.status === 'Actual' ? null : html` <span class="badge muted">${word('reports.capStatus', a.status)}</span>`}
    </p>
    <p class="muted">${a.sender} · ${a.identifier} · ${word('reports.capMsgType', a.msgType)}</p>
    <p>${a.journey.map(stepText).join(' → ')}</p>
    <p>${t('reports.cap.outcome', { state: word('reports.capState', a.state), plays: fmtNumber(a.plays) })}</p>
  </li>`)}</ol>`;
}

/** The CAP alerts received in the month with their journeys; exercises and tests apart. */
export function CapAlerts({ cap }) {
  if (!cap) return null;
  const tot = cap.totals;
  return html`<section class="report-part" aria-labelledby="reports-cap">
    <h2 id="reports-cap">${t('reports.cap')}</h2>
    ${tot.received === 0 && tot.tests === 0 ? html`<p class="muted">${t('reports.cap.none')}</p>` : null}
    ${tot.received > 0 ? html`
      <p>${t('reports.cap.line', { received: fmtNumber(tot.received), aired: fmtNumber(tot.aired), logged: fmtNumber(tot.logged), failed: fmtNumber(tot.failed), plays: fmtNumber(tot.plays) })}</p>
      <${AlertList} alerts=${cap.alerts} labelledBy="reports-cap" />` : null}
    ${tot.tests > 0 ? html`
      <h3 id="reports-cap-tests">${t('reports.cap.tests')}</h3>
      <${AlertList} alerts=${cap.tests} labelledBy="reports-cap-tests" />` : null}
  </section>`;
}
