// Báo cáo: a month's report (optionally one zone) as figures and charts with its own words written
// beside them (the draft), its state as a document (draft, finalized versions; finalize and reissue),
// and the same report as DOCX, XLSX, CSV and the print view. The files are plain links: the session
// cookie rides along with them.
import { useState } from 'preact/hooks';
import { get, query } from '../lib/api.js';
import { fmtDate, todayLocal } from '../lib/format.js';
import { html } from '../lib/html.js';
import { currentLang, t } from '../lib/i18n.js';
import { ErrorNote, Field, Loading, ScreenHeader, useAsync } from '../lib/ui.js';
import { DocumentStatus } from './reports/document.js';
import { DraftEditor } from './reports/draft.js';
import { Headline } from './reports/headline.js';
import { Ceremonial, Incidents, Topics, WhereAndWhat } from './reports/sections.js';
import { CapAlerts, Devices } from './reports/devicesAlerts.js';
import { Broadcasts } from './reports/broadcasts.js';

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
/** The CSV carries one table; these are the report's tables, in its own order. */
const TABLES = [
  'summary', 'zones', 'days', 'kinds', 'topics', 'compliance', 'units', 'ceremonial', 'incidents', 'planned', 'bulletins', 'relayCuts',
  'reception', 'cap', 'capTests', 'devices', 'outages',
];

/** This month, "2026-12" on 3 December 2026: the latest month the API reports on. */
const thisMonth = () => todayLocal().slice(0, 7);

/** The last complete month, the one a ward reports on ("2026-11" on 3 December 2026). */
function lastMonth() {
  const [y, m] = thisMonth().split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

const reportUrl = (month, zone, extra = {}) => `/api/reports/monthly${query({ month, zone, lang: currentLang(), ...extra })}`;

export default function ReportsScreen({ user, params, navigate }) {
  const month = MONTH_RE.test(params.month ?? '') ? params.month : lastMonth();
  const zone = params.zone ?? '';
  const version = /^\d+$/.test(params.version ?? '') ? params.version : '';
  const [dirty, setDirty] = useState(false);
  const zones = useAsync(() => get('/api/zones').then((r) => r.zones), []);
  const report = useAsync(() => get(reportUrl(month, zone, { version })), [month, zone, version]);
  const draftUrl = `/api/reports/monthly/${month}/draft${query({ zone, lang: currentLang() })}`;
  const draft = useAsync(() => get(draftUrl), [draftUrl]);
  const [saved, setSaved] = useState(null);
  const view = saved?.url === draftUrl ? saved.view : draft.data;
  // Only set values go in the hash: an empty zone means every zone, no version the newest.
  const choose = (next) => {
    const wanted = { month, zone, version, ...next };
    if ('month' in next || 'zone' in next) wanted.version = next.version ?? '';
    navigate('reports', Object.fromEntries(Object.entries(wanted).filter(([, v]) => v)));
  };
  const reloadAll = () => { setSaved(null); draft.reload(); report.reload(); };
  const can = (p) => user.permissions.includes(p);

  return html`<section class="reports">
    <${ScreenHeader} title=${t('reports.title')} />
    <p class="hint">${t('reports.intro')}</p>
    <${Choice} month=${month} zone=${zone} zones=${zones.data ?? []} onChoose=${choose} />
    <${ErrorNote} error=${zones.error} />
    ${view && !draft.loading ? html`<${DocumentStatus} view=${view} month=${month} zone=${zone} version=${version}
      canFinalize=${can('reports:finalize')} monthOver=${month < thisMonth()} dirty=${dirty}
      onChanged=${reloadAll} onPickVersion=${(v) => choose({ version: v })} />` : null}
    <${Downloads} month=${month} zone=${zone} version=${version} />
    <${ErrorNote} error=${report.error ?? draft.error} onRetry=${reloadAll} />
    ${report.loading ? html`<${Loading} />` : null}
    <div class="report-desk">
      ${report.data && !report.loading ? html`<${Report} report=${report.data} user=${user} navigate=${navigate} />` : html`<div></div>`}
      ${view && !draft.loading ? html`<${DraftEditor} view=${view} month=${month} zone=${zone} canWrite=${can('reports:draft')} final=${view.status === 'finalized'}
        onSaved=${(next) => { setSaved({ url: draftUrl, view: next }); report.reload(); }} onDirty=${setDirty} />` : null}
    </div>
  </section>`;
}

/** Month and zone: each choice loads at once (a month input only reports a whole month). */
function Choice({ month, zone, zones, onChoose }) {
  const [problem, setProblem] = useState(null);
  const pickMonth = (e) => {
    const value = e.currentTarget.value;
    if (!MONTH_RE.test(value)) return setProblem(new Error(t('reports.badMonth')));
    if (value > thisMonth()) return setProblem(new Error(t('reports.futureMonth')));
    setProblem(null);
    onChoose({ month: value });
  };
  const pickZone = (e) => onChoose({ zone: e.currentTarget.value });
  return html`<form class="filters card" onSubmit=${(e) => e.preventDefault()} aria-label=${t('action.filter')}>
    <${Field} id="reports-month" label=${t('reports.month')} hint=${t('reports.month.hint')}>
      <input id="reports-month" type="month" required pattern="[0-9]{4}-[0-9]{2}" max=${thisMonth()} value=${month} onChange=${pickMonth} aria-describedby="reports-month-hint" />
    </${Field}>
    <${Field} id="reports-zone" label=${t('reports.zone')}>
      <select id="reports-zone" value=${zone} onChange=${pickZone}>
        <option value="">${t('reports.zone.all')}</option>
        ${zones.map((z) => html`<option value=${z.id}>${z.name}</option>`)}
      </select>
    </${Field}>
    <div class="filter-problem"><${ErrorNote} error=${problem} /></div>
  </form>`;
}

function Downloads({ month, zone, version }) {
  const [table, setTable] = useState('summary');
  const url = (extra) => reportUrl(month, zone, { version, ...extra });
  return html`<section class="card downloads" aria-labelledby="reports-downloads">
    <h2 id="reports-downloads">${t('reports.downloads')}</h2>
    <div class="filters">
      <a class="download" href=${url({ format: 'docx' })} download aria-describedby="reports-docx-hint">${t('reports.docx')}</a>
      <a class="download" href=${url({ format: 'html' })} target="_blank" rel="noopener" aria-describedby="reports-print-hint">${t('reports.print')}</a>
      <a class="download" href=${url({ format: 'xlsx' })} download aria-describedby="reports-xlsx-hint">${t('reports.xlsx')}</a>
      <${Field} id="reports-table" label=${t('reports.csvTable')}>
        <select id="reports-table" value=${table} onChange=${(e) => setTable(e.currentTarget.value)}>
          ${TABLES.map((k) => html`<option value=${k}>${t(`reports.table.${k}`)}</option>`)}
        </select>
      </${Field}>
      <a class="download" href=${url({ format: 'csv', table })} download>${t('reports.csv')}</a>
    </div>
    <p class="hint"><span id="reports-docx-hint">${t('reports.docx.hint')}</span> <span id="reports-xlsx-hint">${t('reports.xlsx.hint')}</span> <span id="reports-print-hint">${t('reports.print.hint')}</span></p>
  </section>`;
}

function Report({ report, user, navigate }) {
  const { period } = report;
  const aired = report.headline.plays > 0;
  return html`<article class="report" aria-label=${`${t('reports.title')} ${report.month}`}>
    <p class="period">${t('reports.period', { from: fmtDate(period.from), to: fmtDate(period.to) })}</p>
    ${aired ? null : html`<p class="notice" role="status">${t('reports.empty', { month: report.month.split('-').reverse().join('/') })}</p>`}
    <${Headline} comparison=${report.comparison} />
    ${aired ? html`
      <${WhereAndWhat} report=${report} />
      <${Topics} topics=${report.topics} />
      <${Ceremonial} ceremonial=${report.ceremonial} />` : null}
    <${Incidents} incidents=${report.incidents} period=${period} zone=${report.zone}
      canReadLog=${user.permissions.includes('airtime:read')} navigate=${navigate} />
    ${aired ? html`<${Broadcasts} bulletins=${report.bulletins} relays=${report.relays} />` : null}
    <${CapAlerts} cap=${report.cap} />
    <${Devices} devices=${report.devices} />
  </article>`;
}
