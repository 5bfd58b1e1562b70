// Nhật ký thay đổi: who changed what and when, with the fields before and after (GET /api/audit).
import { useState } from 'preact/hooks';
import { get, query } from '../lib/api.js';
import { addDays, fmtClock, fmtDate, fmtNumber, todayLocal } from '../lib/format.js';
import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { ErrorNote, Field, Loading, ScreenHeader, useAsync } from '../lib/ui.js';

/** Rows per "page"; «Xem thêm» asks for one more page on top. */
const PAGE = 100;
/** The nouns GET /api/audit takes as `action` (all of their actions), in the order the filter offers them. */
const NOUNS = ['item', 'zone', 'topic', 'policy', 'pin', 'exclusion', 'plan', 'programme', 'user', 'token', 'auth', 'demo', 'emergency', 'cap', 'device', 'priority', 'live'];
const BADGE = { 'auth.login-failed': 'bad', 'item.reject': 'warn', 'zone.delete': 'warn', 'topic.delete': 'warn', 'user.revoke': 'warn' };
/** A value longer than this is cut in the table (the API has it whole). */
const MAX_VALUE = 160;

/** The filter as the hash holds it, with the last seven days (station time) by default. */
function filterOf(params) {
  const today = todayLocal();
  return { from: params.from ?? addDays(today, -6), to: params.to ?? today, actor: params.actor ?? '', action: params.action ?? '', target: params.target ?? '' };
}

export default function AuditScreen({ params, navigate, user }) {
  const filter = filterOf(params);
  const [pages, setPages] = useState(1);
  const shown = PAGE * pages;
  const log = useAsync(
    () => get(`/api/audit${query({ ...filter, limit: shown })}`),
    [filter.from, filter.to, filter.actor, filter.action, filter.target, shown],
  );
  if (!user.permissions.includes('audit:read')) return html`<p class="error" role="alert">${t('app.notAllowed')}</p>`;
  const apply = (next) => { setPages(1); navigate('audit', next); };

  return html`<section class="audit">
    <${ScreenHeader} title=${t('audit.title')} />
    <p class="hint">${t('audit.intro')}</p>
    <${Filters} key=${JSON.stringify(filter)} filter=${filter} onApply=${apply} />
    <${ErrorNote} error=${log.error} onRetry=${log.reload} />
    ${log.loading && !log.data ? html`<${Loading} />` : null}
    ${log.data ? html`<${AuditTable} data=${log.data} busy=${log.loading} onMore=${() => setPages(pages + 1)} />` : null}
  </section>`;
}

/** Nothing is asked of the server until «Lọc», so half-typed dates never load. */
function Filters({ filter, onApply }) {
  const [draft, setDraft] = useState(filter);
  const [problem, setProblem] = useState(null);
  const set = (key) => (e) => setDraft({ ...draft, [key]: e.currentTarget.value.trim() });
  const submit = (e) => {
    e.preventDefault();
    if (draft.from && draft.to && draft.to < draft.from) return setProblem(new Error(t('audit.filter.badRange')));
    setProblem(null);
    onApply(draft);
  };
  return html`<form class="filters card" onSubmit=${submit} aria-label=${t('action.filter')}>
    <${Field} id="audit-from" label=${t('audit.filter.from')}>
      <input id="audit-from" type="date" value=${draft.from} onChange=${set('from')} />
    </${Field}>
    <${Field} id="audit-to" label=${t('audit.filter.to')}>
      <input id="audit-to" type="date" value=${draft.to} onChange=${set('to')} />
    </${Field}>
    <${Field} id="audit-actor" label=${t('audit.filter.actor')}>
      <input id="audit-actor" type="text" maxlength="64" value=${draft.actor} onChange=${set('actor')} placeholder=${t('audit.filter.actor.placeholder')} />
    </${Field}>
    <${Field} id="audit-action" label=${t('audit.filter.action')}>
      <select id="audit-action" value=${draft.action} onChange=${set('action')}>
        <option value="">${t('audit.filter.allActions')}</option>
        ${NOUNS.map((n) => html`<option value=${n}>${t(`audit.noun.${n}`)}</option>`)}
      </select>
    </${Field}>
    <${Field} id="audit-target" label=${t('audit.filter.target')}>
      <input id="audit-target" type="text" maxlength="200" value=${draft.target} onChange=${set('target')} placeholder="zone:tdp-1" />
    </${Field}>
    <button type="submit" class="primary">${t('action.filter')}</button>
    <div class="filter-problem"><${ErrorNote} error=${problem} /></div>
  </form>`;
}

function AuditTable({ data, busy, onMore }) {
  if (data.entries.length === 0) return html`<p class="notice" role="status">${t('audit.empty')}</p>`;
  const more = data.total > data.entries.length;
  return html`<p role="status" class="audit-count">${t('audit.count', { n: fmtNumber(data.entries.length), total: fmtNumber(data.total) })}</p>
    <div class="table-wrap" role="region" aria-label=${t('audit.caption')} tabindex="0">
      <table class="audit-log">
        <caption>${t('audit.caption')}</caption>
        <thead><tr>
          <th scope="col">${t('audit.col.time')}</th>
          <th scope="col">${t('audit.col.actor')}</th>
          <th scope="col">${t('audit.col.action')}</th>
          <th scope="col">${t('audit.col.target')}</th>
          <th scope="col">${t('audit.col.change')}</th>
        </tr></thead>
        <tbody>${data.entries.map((e) => html`<${AuditRow} key=${e.id} entry=${e} />`)}</tbody>
      </table>
    </div>
    ${more ? html`<button type="button" onClick=${onMore} disabled=${busy}>${busy ? t('app.loading') : t('audit.more')}</button>` : null}`;
}

const actorName = (actor) => (actor === 'cli' || actor === 'system' ? t(`audit.actor.${actor}`) : actor);

/** Whether a row made its target (then only "after" is shown) or removed it (only "before"). */
const CREATES = /\.(put|add|upload)$/;

function AuditRow({ entry }) {
  return html`<tr>
    <td class="when"><span class="date">${fmtDate(entry.at)}</span> ${fmtClock(entry.at)}</td>
    <td>${actorName(entry.actor)}${entry.address ? html`<small class="muted">${entry.address}</small>` : null}</td>
    <td><span class="badge ${BADGE[entry.action] ?? 'muted'}">${t(`audit.action.${entry.action}`)}</span></td>
    <td class="target"><code>${entry.target}</code>
      ${entry.zones.length ? html`<small class="muted">${t('audit.zones', { zones: entry.zones.join(', ') })}</small>` : null}</td>
    <td><${Change} action=${entry.action} before=${entry.before} after=${entry.after} />
      ${entry.note ? html`<small class="note">${entry.note}</small>` : null}</td>
  </tr>`;
}

const show = (v) => {
  const text = v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text;
};

/** Each field the change touched: its value before → after (a new thing has only after, a removed one only before). */
function Change({ action, before, after }) {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  if (keys.length === 0) return html`<span class="muted">${t('audit.noChange')}</span>`;
  const state = before === null && CREATES.test(action) ? t('audit.created') : after === null && before !== null ? t('audit.removed') : null;
  return html`${state ? html`<small class="muted">${state}</small>` : null}
    <dl class="change">${keys.map((k) => html`<dt>${k}</dt><dd>
      ${before && after ? html`<del>${show(before[k])}</del> → <ins>${show(after[k])}</ins>` : show((after ?? before)[k])}
    </dd>`)}</dl>`;
}
