// Nhật ký phát: what actually aired and who got it, filtered by zone, dates, outcome and receivers,
// with the same filter as a CSV.
import { useState } from 'preact/hooks';
import { get, query } from '../lib/api.js';
import { addDays, fmtClock, fmtDate, fmtDuration, fmtNumber, todayLocal } from '../lib/format.js';
import { html } from '../lib/html.js';
import { currentLang, t } from '../lib/i18n.js';
import { ErrorNote, Field, Loading, ScreenHeader, useAsync } from '../lib/ui.js';

/** Rows per "page"; «Xem thêm» asks for one more page on top. */
const PAGE = 200;
const OUTCOMES = ['completed', 'interrupted', 'preempted', 'failed', 'skipped', 'airing'];
const OUTCOME_BADGE = { completed: 'ok', airing: 'ok', interrupted: 'warn', preempted: 'warn', failed: 'bad', skipped: 'muted' };
/** Who got a play (GET /api/airtime?reception=). */
const RECEPTIONS = ['heard', 'unheard', 'unknown'];
/** Sources worth a word beside the title (a planned play needs none). */
const SOURCE_WORDS = ['emergency', 'relay', 'programme'];

/** The filter as the hash holds it, with the last seven days (station time) by default. */
function filterOf(params) {
  const today = todayLocal();
  return {
    zone: params.zone ?? '',
    from: params.from ?? addDays(today, -6),
    to: params.to ?? today,
    outcome: params.outcome ?? '',
    reception: params.reception ?? '',
  };
}

export default function AirtimeScreen({ params, navigate }) {
  const filter = filterOf(params);
  const [pages, setPages] = useState(1);
  const zones = useAsync(() => get('/api/zones').then((r) => r.zones), []);
  const shown = PAGE * pages;
  // One row past the page says whether there are more, without a count query.
  const log = useAsync(
    () => get(`/api/airtime${query({ ...filter, order: 'desc', limit: shown + 1 })}`),
    [filter.zone, filter.from, filter.to, filter.outcome, filter.reception, shown],
  );
  const apply = (next) => { setPages(1); navigate('airtime', next); };
  const zoneName = (id) => zones.data?.find((z) => z.id === id)?.name ?? id;
  const csvHref = `/api/airtime${query({ ...filter, format: 'csv', lang: currentLang() })}`;

  return html`<section class="airtime">
    <${ScreenHeader} title=${t('airtime.title')}>
      <a class="download" href=${csvHref} download aria-describedby="airtime-export-hint">${t('airtime.export')}</a>
    </${ScreenHeader}>
    <p class="hint">${t('airtime.intro')} <span id="airtime-export-hint">${t('airtime.export.hint')}</span></p>
    <p class="hint" id="airtime-receivers-hint">${t('airtime.receivers.hint')}</p>
    <${Filters} key=${JSON.stringify(filter)} filter=${filter} zones=${zones.data ?? []} onApply=${apply} />
    <${ErrorNote} error=${zones.error} />
    <${ErrorNote} error=${log.error} onRetry=${log.reload} />
    ${log.loading && !log.data ? html`<${Loading} />` : null}
    ${log.data ? html`<${LogTable} data=${log.data} filter=${filter} shown=${shown} zoneName=${zoneName} busy=${log.loading} onMore=${() => setPages(pages + 1)} />` : null}
  </section>`;
}

/**
 * The filter form: nothing is asked of the server until «Lọc», so half-typed dates never load. It is
 * keyed by the applied filter, so going back in history shows the filter of the rows on screen.
 */
function Filters({ filter, zones, onApply }) {
  const [draft, setDraft] = useState(filter);
  const [problem, setProblem] = useState(null);
  const set = (key) => (e) => setDraft({ ...draft, [key]: e.currentTarget.value });
  const submit = (e) => {
    e.preventDefault();
    if (draft.to < draft.from) return setProblem(new Error(t('airtime.filter.badRange')));
    setProblem(null);
    onApply(draft);
  };
  return html`<form class="filters card" onSubmit=${submit} aria-label=${t('action.filter')}>
    <${Field} id="airtime-zone" label=${t('airtime.filter.zone')}>
      <select id="airtime-zone" value=${draft.zone} onChange=${set('zone')}>
        <option value="">${t('airtime.filter.allZones')}</option>
        ${zones.map((z) => html`<option value=${z.id}>${z.name}</option>`)}
      </select>
    </${Field}>
    <${Field} id="airtime-from" label=${t('airtime.filter.from')}>
      <input id="airtime-from" type="date" required value=${draft.from} onChange=${set('from')} />
    </${Field}>
    <${Field} id="airtime-to" label=${t('airtime.filter.to')}>
      <input id="airtime-to" type="date" required value=${draft.to} onChange=${set('to')} />
    </${Field}>
    <${Field} id="airtime-outcome" label=${t('airtime.filter.outcome')}>
      <select id="airtime-outcome" value=${draft.outcome} onChange=${set('outcome')}>
        <option value="">${t('airtime.filter.allOutcomes')}</option>
        ${OUTCOMES.map((o) => html`<option value=${o}>${t(`airtime.outcome.${o}`)}</option>`)}
      </select>
    </${Field}>
    <${Field} id="airtime-reception" label=${t('airtime.filter.reception')}>
      <select id="airtime-reception" value=${draft.reception} onChange=${set('reception')}>
        <option value="">${t('airtime.filter.anyReception')}</option>
        ${RECEPTIONS.map((r) => html`<option value=${r}>${t(`airtime.reception.${r}`)}</option>`)}
      </select>
    </${Field}>
    <button type="submit" class="primary">${t('action.filter')}</button>
    <div class="filter-problem"><${ErrorNote} error=${problem} /></div>
  </form>`;
}

function LogTable({ data, filter, shown, zoneName, busy, onMore }) {
  const more = data.rows.length > shown;
  const rows = data.rows.slice(0, shown);
  if (rows.length === 0) return html`<p class="notice" role="status">${t('airtime.empty')}</p>`;
  const caption = t('airtime.caption', { from: fmtDate(filter.from), to: fmtDate(filter.to) });
  return html`<p role="status" class="airtime-count">
      ${more ? t('airtime.countMore', { n: fmtNumber(rows.length) }) : t('airtime.count', { n: fmtNumber(rows.length) })}
    </p>
    <div class="table-wrap" role="region" aria-label=${caption} tabindex="0">
      <table class="airtime-log">
        <caption>${caption}</caption>
        <thead><tr>
          <th scope="col">${t('airtime.col.time')}</th>
          <th scope="col">${t('airtime.col.zone')}</th>
          <th scope="col">${t('airtime.col.title')}</th>
          <th scope="col">${t('airtime.col.played')}</th>
          <th scope="col">${t('airtime.col.outcome')}</th>
          <th scope="col" aria-describedby="airtime-receivers-hint">${t('airtime.col.receivers')}</th>
        </tr></thead>
        <tbody>${rows.map((r) => html`<${LogRow} key=${r.id} row=${r} zoneName=${zoneName} />`)}</tbody>
      </table>
    </div>
    ${more ? html`<button type="button" onClick=${onMore} disabled=${busy}>${busy ? t('app.loading') : t('airtime.more')}</button>` : null}`;
}

function LogRow({ row, zoneName }) {
  const outcome = row.outcome ?? 'airing';
  // A play that started more than a minute off its planned time says when it was meant to start.
  const late = row.plannedStart && Math.abs(Date.parse(row.startedAt) - Date.parse(row.plannedStart)) > 60_000;
  return html`<tr>
    <td class="when"><span class="date">${fmtDate(row.startedAt)}</span> ${fmtClock(row.startedAt)}
      ${late ? html`<small class="muted">${t('airtime.planned', { time: fmtClock(row.plannedStart) })}</small>` : null}</td>
    <td>${zoneName(row.zone)}</td>
    <td>${row.title}
      ${SOURCE_WORDS.includes(row.source) ? html` <span class="badge muted">${t(`airtime.source.${row.source}`)}</span>` : null}</td>
    <td class="num">${row.playedMs === null ? '—' : fmtDuration(row.playedMs)}</td>
    <td>
      <span class="badge ${OUTCOME_BADGE[outcome]}">${t(`airtime.outcome.${outcome}`)}</span>
      ${row.detail ? html`<small class="detail" title=${t('airtime.detail')} lang="en">${row.detail}</small>` : null}
    </td>
    <td><${Receivers} row=${row} /></td>
  </tr>`;
}

/**
 * How many receivers got the play and through which outputs; a play that went out to nobody says so
 * (the monthly report shows those apart), and an uncounted one says «Không rõ».
 */
function Receivers({ row }) {
  if (row.outcome === null) return html`<span class="muted">—</span>`;
  if (row.receivers === null) return html`<span class="badge muted">${t('airtime.receivers.unknown')}</span>`;
  if (row.receivers === 0) {
    const aired = row.playedMs > 0 && row.outcome !== 'failed' && row.outcome !== 'skipped';
    return aired ? html`<span class="badge warn">${t('airtime.reception.unheard')}</span>` : html`<span class="muted">${t('airtime.receivers.none')}</span>`;
  }
  const list = row.carriers.map((c) => `${c.output} (${fmtNumber(c.receivers)})`).join('; ');
  return html`<span class="badge ok">${t('airtime.receivers.count', { n: fmtNumber(row.receivers) })}</span>
    <small class="detail">${t('airtime.receivers.through', { list })}</small>`;
}
