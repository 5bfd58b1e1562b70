// The month's headline figures, each beside last month's, in words (a colour alone says nothing).
import { fmtNumber } from '../../lib/format.js';
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';

/** The figures a ward reports first, in the order its monthly report lists them. */
const SHOWN = ['programmes', 'plays', 'distinctItems', 'minutes', 'activeZones', 'emergencyPlays', 'relayPlays', 'failed', 'interruptions'];

const DECIMALS = { minutes: 1 };

function change(c) {
  const digits = DECIMALS[c.metric] ?? 0;
  if (c.delta === 0) return t('reports.same');
  const delta = fmtNumber(Math.abs(c.delta), digits);
  return t(c.delta > 0 ? 'reports.up' : 'reports.down', { delta });
}

/** One card per figure: the value, then "Tháng trước: 12 (tăng 3)". */
export function Headline({ comparison }) {
  const byMetric = new Map(comparison.map((c) => [c.metric, c]));
  return html`<section class="report-part" aria-labelledby="reports-headline">
    <h2 id="reports-headline">${t('reports.headline')}</h2>
    <ul class="figures">
      ${SHOWN.filter((m) => byMetric.has(m)).map((m) => {
        const c = byMetric.get(m);
        const digits = DECIMALS[m] ?? 0;
        return html`<li class="figure" data-metric=${m}>
          <span class="figure-label">${t(`reports.metric.${m}`)}</span>
          <strong class="figure-value">${fmtNumber(c.current, digits)}</strong>
          <span class="figure-previous">${t('reports.previous', { value: fmtNumber(c.previous, digits) })} (${change(c)})</span>
        </li>`;
      })}
    </ul>
  </section>`;
}
