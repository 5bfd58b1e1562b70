// The report's charts, drawn without a chart library and readable without sight: a bar table whose
// bars sit beside the numbers they draw, and a column chart of the days with its figures as a table.
import { fmtDate, fmtNumber } from '../../lib/format.js';
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';

/** A bar's width in % of the largest value (a zero stays visible as a hairline, not as nothing). */
const share = (value, max) => (max > 0 ? Math.max(0.5, (value / max) * 100) : 0);

/**
 * A table whose last column carries a bar beside its number. `columns`: [{ label, value(row), format? }];
 * the last column is the one drawn. The bars are decoration (aria-hidden): the numbers are the data.
 * `labelledBy`: the id of the heading that names the table.
 */
export function BarTable({ labelledBy, rows, rowLabel, rowHeader, columns }) {
  const drawn = columns[columns.length - 1];
  const max = Math.max(0, ...rows.map((r) => drawn.value(r)));
  const cell = (col, r) => (col.format ?? fmtNumber)(col.value(r));
  return html`<div class="table-wrap">
    <table class="bar-table" aria-labelledby=${labelledBy}>
      <thead><tr>
        <th scope="col">${rowHeader}</th>
        ${columns.map((c) => html`<th scope="col" class="num">${c.label}</th>`)}
      </tr></thead>
      <tbody>${rows.map((r) => html`<tr>
        <th scope="row">${rowLabel(r)}</th>
        ${columns.slice(0, -1).map((c) => html`<td class="num">${cell(c, r)}</td>`)}
        <td class="bar-cell">
          <span class="bar" aria-hidden="true"><span style=${`width:${share(drawn.value(r), max)}%`}></span></span>
          <span class="num">${cell(drawn, r)}</span>
        </td>
      </tr>`)}</tbody>
    </table>
  </div>`;
}

const CHART = { width: 620, height: 160, top: 8, bottom: 22 };

/**
 * Minutes aired per day as columns (an SVG that scales to its box), named for screen readers by a
 * sentence with the busiest day; the same figures follow in a table for anyone who wants them.
 */
export function DayChart({ days }) {
  const max = Math.max(0, ...days.map((d) => d.minutes));
  const busiest = days.find((d) => d.minutes === max);
  const slot = CHART.width / Math.max(1, days.length);
  const plot = CHART.height - CHART.top - CHART.bottom;
  const summary = max > 0
    ? t('reports.byDay.summary', { days: days.length, max: fmtNumber(max, 1), date: fmtDate(busiest.date) })
    : t('reports.byDay.empty');
  return html`<figure class="day-chart">
    <figcaption id="reports-day-caption">${t('reports.byDay')}</figcaption>
    <svg viewBox=${`0 0 ${CHART.width} ${CHART.height}`} role="img" aria-labelledby="reports-day-caption reports-day-summary">
      <line x1="0" x2=${CHART.width} y1=${CHART.height - CHART.bottom} y2=${CHART.height - CHART.bottom} class="axis" />
      ${days.map((d, i) => {
        const h = max > 0 ? (d.minutes / max) * plot : 0;
        const x = i * slot;
        const day = Number(d.date.slice(8, 10));
        return html`<g>
          <rect x=${x + slot * 0.15} width=${slot * 0.7} y=${CHART.top + plot - h} height=${h}>
            <title>${fmtDate(d.date)}: ${fmtNumber(d.minutes, 1)}</title>
          </rect>
          ${day === 1 || day % 5 === 0 ? html`<text x=${x + slot / 2} y=${CHART.height - 6} text-anchor="middle">${day}</text>` : null}
        </g>`;
      })}
    </svg>
    <p id="reports-day-summary" class="hint">${summary}</p>
    <details>
      <summary>${t('reports.byDay.table')}</summary>
      <div class="table-wrap">
        <table aria-labelledby="reports-day-caption">
          <thead><tr>
            <th scope="col">${t('reports.col.date')}</th>
            <th scope="col">${t('reports.col.weekday')}</th>
            <th scope="col" class="num">${t('reports.col.programmes')}</th>
            <th scope="col" class="num">${t('reports.col.plays')}</th>
            <th scope="col" class="num">${t('reports.col.minutes')}</th>
          </tr></thead>
          <tbody>${days.map((d) => html`<tr>
            <th scope="row">${fmtDate(d.date)}</th>
            <td>${t(`weekday.${d.weekday}`)}</td>
            <td class="num">${fmtNumber(d.programmes)}</td>
            <td class="num">${fmtNumber(d.plays)}</td>
            <td class="num">${fmtNumber(d.minutes, 1)}</td>
          </tr>`)}</tbody>
        </table>
      </div>
    </details>
  </figure>`;
}
