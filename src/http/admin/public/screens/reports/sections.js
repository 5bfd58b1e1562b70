// The report's parts below the headline: where and what aired, topic targets, ceremonial share, incidents.
import { fmtNumber, fmtPercent } from '../../lib/format.js';
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { BarTable, DayChart } from './charts.js';

const minutes = (n) => fmtNumber(n, 1);

/** A part of the report with its heading (the heading names the region for screen readers). */
const Part = ({ id, title, children }) => html`<section class="report-part" aria-labelledby=${id}>
  <h2 id=${id}>${title}</h2>${children}
</section>`;

export function WhereAndWhat({ report }) {
  return html`<${Part} id="reports-where" title=${t('reports.table.days')}>
      <${DayChart} days=${report.byDay} />
    </${Part}>
    <div class="report-columns">
      <${Part} id="reports-zones" title=${t('reports.table.zones')}>
        <${BarTable} labelledBy="reports-zones" rows=${report.byZone} rowHeader=${t('reports.col.zone')} rowLabel=${(z) => z.name}
          columns=${[
            { label: t('reports.col.programmes'), value: (z) => z.programmes },
            { label: t('reports.col.plays'), value: (z) => z.plays },
            { label: t('reports.col.minutes'), value: (z) => z.minutes, format: minutes },
          ]} />
      </${Part}>
      <${Part} id="reports-kinds" title=${t('reports.table.kinds')}>
        <${BarTable} labelledBy="reports-kinds" rows=${report.byKind} rowHeader=${t('reports.col.kind')}
          rowLabel=${(k) => (t(`reports.kind.${k.kind}`) === `reports.kind.${k.kind}` ? k.kind : t(`reports.kind.${k.kind}`))}
          columns=${[
            { label: t('reports.col.plays'), value: (k) => k.plays },
            { label: t('reports.col.minutes'), value: (k) => k.minutes, format: minutes },
            { label: t('reports.col.airtimeShare'), value: (k) => k.airtimeShare, format: fmtPercent },
          ]} />
      </${Part}>
    </div>`;
}

/** "3–5 lần/tuần, trong khung giờ cao điểm", as the report's own tables word a rule. */
function ruleTarget(rule) {
  const per = t(rule.per === 'day' ? 'reports.text.perDay' : 'reports.text.perWeek');
  let target;
  if (rule.max !== null && rule.min > 0) target = rule.min === rule.max ? `${rule.min} ${per}` : t('reports.rule.range', { min: rule.min, max: rule.max, per });
  else if (rule.max !== null) target = `${t('reports.text.atMost')} ${rule.max} ${per}`;
  else target = `${t('reports.text.atLeast')} ${rule.min} ${per}`;
  return rule.peakOnly ? `${target}, ${t('reports.text.peakOnly')}` : target;
}

function RuleLine({ rule }) {
  const ok = rule.met >= rule.required;
  return html`<li>
    ${ruleTarget(rule)}: <span class="badge ${ok ? 'ok' : 'warn'}">${t('reports.rule.met', { met: rule.met, required: rule.required })}</span>
  </li>`;
}

export function Topics({ topics }) {
  return html`<${Part} id="reports-topics" title=${t('reports.topics')}>
    ${topics.length === 0 ? html`<p class="muted">${t('reports.topics.none')}</p>` : html`<div class="table-wrap">
      <table aria-labelledby="reports-topics">
        <thead><tr>
          <th scope="col">${t('reports.col.topic')}</th>
          <th scope="col" class="num">${t('reports.col.plays')}</th>
          <th scope="col" class="num">${t('reports.col.minutes')}</th>
          <th scope="col">${t('reports.col.target')}</th>
        </tr></thead>
        <tbody>${topics.map((tp) => html`<tr>
          <th scope="row">${tp.name}</th>
          <td class="num">${fmtNumber(tp.plays)}</td>
          <td class="num">${minutes(tp.minutes)}</td>
          <td>${tp.rules.length === 0
            ? html`<span class="muted">${t('reports.rule.noTarget')}</span>`
            : html`<ul class="rules">${tp.rules.map((r) => html`<${RuleLine} rule=${r} />`)}</ul>`}</td>
        </tr>`)}</tbody>
      </table>
    </div>`}
  </${Part}>`;
}

export function Ceremonial({ ceremonial }) {
  const o = ceremonial.overall;
  const over = ceremonial.byZone.filter((z) => z.flagged).map((z) => z.name);
  return html`<${Part} id="reports-ceremonial" title=${t('reports.ceremonial')}>
    <p>
      <span class="badge ${o.flagged ? 'bad' : 'ok'}">${t(o.flagged ? 'reports.ceremonial.over' : 'reports.ceremonial.ok')}</span>
      ${' '}${t('reports.ceremonial.line', { plays: fmtPercent(o.playShare), airtime: fmtPercent(o.airtimeShare), max: fmtPercent(ceremonial.maxShare) })}
    </p>
    ${over.length > 0 ? html`<p>${t('reports.ceremonial.zones', { list: over.join(', ') })}</p>` : null}
  </${Part}>`;
}

/** Incident counts; an operator can jump to those rows of the airtime log for the same month. */
export function Incidents({ incidents, period, zone, canReadLog, navigate }) {
  const totals = incidents.totals;
  const openLog = () => navigate('airtime', { from: period.from, to: period.to, outcome: 'failed', ...(zone && { zone }) });
  return html`<${Part} id="reports-incidents" title=${t('reports.incidents')}>
    <dl class="pairs">
      ${['failed', 'interrupted', 'preempted', 'skipped'].map((k) => html`<dt>${t(`reports.incidents.${k}`)}</dt><dd>${fmtNumber(totals[k])}</dd>`)}
    </dl>
    ${canReadLog && totals.failed > 0 ? html`<p><button type="button" class="link" onClick=${openLog}>${t('reports.incidents.open')}</button></p>` : null}
  </${Part}>`;
}
