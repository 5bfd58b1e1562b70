// The report's bulletins and relays: each emergency or priority bulletin and each relayed source with
// its plays, zones and minutes; then the relay airings cut short, each with why (the same words as the
// report's files). A month with none says so in a line.
import { fmtDateTime, fmtNumber } from '../../lib/format.js';
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';

const minutes = (n) => fmtNumber(n, 1);

/** Bulletins (emergency first) then relays, one row each. */
function BroadcastTable({ items }) {
  return html`<div class="table-wrap" role="region" aria-label=${t('reports.broadcasts.list')} tabindex="0">
    <table aria-label=${t('reports.broadcasts.list')}>
      <thead><tr>
        <th scope="col">${t('reports.col.item')}</th>
        <th scope="col">${t('reports.col.level')}</th>
        <th scope="col" class="num">${t('reports.col.plays')}</th>
        <th scope="col" class="num">${t('reports.col.zones')}</th>
        <th scope="col" class="num">${t('reports.col.minutes')}</th>
        <th scope="col">${t('reports.col.firstAired')}</th>
        <th scope="col">${t('reports.col.lastAired')}</th>
      </tr></thead>
      <tbody>${items.map((b) => html`<tr>
        <th scope="row">${b.title}</th>
        <td>${t(`reports.level.${b.level}`)}</td>
        <td class="num">${fmtNumber(b.plays)}</td>
        <td class="num">${fmtNumber(b.zones)}</td>
        <td class="num">${minutes(b.minutes)}</td>
        <td>${fmtDateTime(b.firstStartedAt)}</td>
        <td>${fmtDateTime(b.lastStartedAt)}</td>
      </tr>`)}</tbody>
    </table>
  </div>`;
}

/** The relay airings cut short: when, why, how, and what of the source did air. */
function RelayCuts({ cuts }) {
  return html`<h3 id="reports-relay-cuts">${t('reports.table.relayCuts')}</h3>
    <p>${t('reports.relayProse.count', { count: fmtNumber(cuts.length) })}</p>
    <div class="table-wrap" role="region" aria-labelledby="reports-relay-cuts" tabindex="0">
      <table aria-labelledby="reports-relay-cuts">
        <thead><tr>
          <th scope="col">${t('reports.col.relay')}</th>
          <th scope="col">${t('reports.col.plannedStart')}</th>
          <th scope="col">${t('reports.col.reason')}</th>
          <th scope="col">${t('reports.col.outcome')}</th>
          <th scope="col" class="num">${t('reports.col.relayedMinutes')}</th>
          <th scope="col" class="num">${t('reports.col.zones')}</th>
        </tr></thead>
        <tbody>${cuts.map((c) => html`<tr>
          <th scope="row">${c.title}</th>
          <td>${fmtDateTime(c.plannedStart)}</td>
          <td>${t(`reports.relayReason.${c.reason}`)}</td>
          <td>${t(`reports.outcome.${c.outcome}`)}</td>
          <td class="num">${minutes(c.relayedMinutes)}</td>
          <td class="num">${fmtNumber(c.zones)}</td>
        </tr>`)}</tbody>
      </table>
    </div>`;
}

export function Broadcasts({ bulletins, relays }) {
  const items = [...bulletins.items, ...relays.items];
  const cuts = relays.cutShort ?? [];
  return html`<section class="report-part" aria-labelledby="reports-broadcasts">
    <h2 id="reports-broadcasts">${t('reports.table.bulletins')}</h2>
    ${items.length === 0 ? html`<p class="muted">${t('reports.broadcasts.none')}</p>` : html`<${BroadcastTable} items=${items} />`}
    ${cuts.length > 0 ? html`<${RelayCuts} cuts=${cuts} />` : null}
  </section>`;
}
