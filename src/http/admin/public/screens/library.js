// Thư viện: upload items (drag and drop, progress through ingest) or write them for the speech
// engine (ttsForm.js), find them with filters kept in
// the address (#/library?status=pending&topic=…), listen, edit, archive. A submitting unit sees
// only its own items (the API filters them) and is offered only what its role may do.
import { useEffect, useState } from 'preact/hooks';
import { get, query } from '../lib/api.js';
import { fmtDateTime } from '../lib/format.js';
import { html } from '../lib/html.js';
import { currentLang, t } from '../lib/i18n.js';
import { ErrorNote, Field, Loading, ScreenHeader, useAsync } from '../lib/ui.js';
import { ItemTable } from './library/itemTable.js';
import { ACTIVE_STATUSES, KINDS, STATUSES, unitIsFixed, useChoices } from './library/itemWords.js';
import { UploadPanel } from './library/uploadPanel.js';
import { TtsForm } from './library/ttsForm.js';

const PAGE_SIZE = 50;
/** How often the list is refreshed while some item in it is still in ingest. */
const PROCESSING_REFRESH_MS = 3000;
const FILTER_KEYS = ['status', 'topic', 'unit', 'kind', 'q'];

const filtersOf = (params) => Object.fromEntries(FILTER_KEYS.map((k) => [k, params[k] ?? '']));

/** The filters as the API reads them: no status means «all but archived», `all` means every status. */
function listQuery(filters, offset, user) {
  const status = filters.status === 'all' ? undefined : filters.status || ACTIVE_STATUSES.join(',');
  return query({
    status, topic: filters.topic, kind: filters.kind, q: filters.q.trim(),
    unit: unitIsFixed(user) ? undefined : filters.unit.trim(),
    limit: PAGE_SIZE, offset,
  });
}

function Filters({ params, choices, user, navigate }) {
  // Starts from the address; the screen re-mounts this form (key) whenever the address's filters change.
  const [values, setValues] = useState(filtersOf(params));
  const set = (key) => (e) => setValues({ ...values, [key]: e.currentTarget.value });
  // Applied on submit, not on each change: the list does not move under a keyboard or screen-reader user.
  const apply = (e) => {
    e.preventDefault();
    navigate('library', Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim())));
  };
  return html`<form class="card filters lib-filters" role="search" aria-label=${t('library.filter.title')} onSubmit=${apply}>
    <${Field} id="lib-f-status" label=${t('library.filter.status')}>
      <select id="lib-f-status" value=${values.status} onChange=${set('status')}>
        <option value="">${t('library.filter.active')}</option>
        <option value="all">${t('library.filter.any')}</option>
        ${STATUSES.map((s) => html`<option value=${s}>${t(`library.status.${s}`)}</option>`)}
      </select>
    </${Field}>
    <${Field} id="lib-f-topic" label=${t('library.field.topics')}>
      <select id="lib-f-topic" value=${values.topic} onChange=${set('topic')}>
        <option value="">${t('library.filter.any')}</option>
        ${(choices?.topics ?? []).map((tp) => html`<option value=${tp.id}>${tp.name}</option>`)}
      </select>
    </${Field}>
    ${unitIsFixed(user) ? null : html`<${Field} id="lib-f-unit" label=${t('library.field.unit')}>
      <input id="lib-f-unit" list="lib-f-units" maxlength="200" value=${values.unit} onInput=${set('unit')} />
      <datalist id="lib-f-units">${(choices?.units ?? []).map((u) => html`<option value=${u} />`)}</datalist>
    </${Field}>`}
    <${Field} id="lib-f-kind" label=${t('library.field.kind')}>
      <select id="lib-f-kind" value=${values.kind} onChange=${set('kind')}>
        <option value="">${t('library.filter.any')}</option>
        ${KINDS.map((k) => html`<option value=${k}>${t(`library.kind.${k}`)}</option>`)}
      </select>
    </${Field}>
    <${Field} id="lib-f-q" label=${t('library.filter.text')}>
      <input id="lib-f-q" type="search" maxlength="200" value=${values.q} onInput=${set('q')} />
    </${Field}>
    <div class="actions">
      <button type="submit" class="primary">${t('action.filter')}</button>
      <button type="button" onClick=${() => navigate('library', {})}>${t('library.filter.clear')}</button>
    </div>
  </form>`;
}

/** What the last edit or archive did; an archive also lists the planned slots it emptied. */
function ActionNotice({ notice }) {
  if (!notice) return null;
  return html`<div class="notice lib-notice" role="status">
    <p>${notice.text}</p>
    ${notice.recall?.length ? html`<p>${t('library.archive.recall', { count: notice.recall.length })}</p>
      <ul>${notice.recall.map((slot) => html`<li>${t('library.archive.slot', {
        zone: slot.zone, time: fmtDateTime(slot.start),
        what: slot.replacedBy ? t('library.archive.replaced') : t('library.archive.left'),
      })}</li>`)}</ul>` : null}
  </div>`;
}

export default function LibraryScreen({ user, params, navigate }) {
  const choices = useChoices();
  const filters = filtersOf(params);
  const offset = Math.max(0, Number(params.offset) || 0);
  const path = `/api/items${listQuery(filters, offset, user)}`;
  // Fetched again in the other language: failure reasons come from the server in the reader's language.
  const list = useAsync(() => get(path), [path, currentLang()]);
  const [notice, setNotice] = useState(null);

  useEffect(() => {
    if (!list.data?.items.some((i) => i.status === 'processing')) return undefined;
    const timer = setTimeout(list.reload, PROCESSING_REFRESH_MS);
    return () => clearTimeout(timer);
  }, [list.data]);

  const page = (to) => navigate('library', { ...params, offset: String(to) });
  const data = list.data;
  return html`<${ScreenHeader} title=${t('library.title')} />
    ${user.permissions.includes('items:upload')
      ? html`<${UploadPanel} user=${user} choices=${choices.data} onChanged=${list.reload} />
        <${TtsForm} user=${user} choices=${choices.data} onChanged=${list.reload} />` : null}
    <${ErrorNote} error=${choices.error} onRetry=${choices.reload} />
    <${Filters} key=${JSON.stringify(filters)} params=${params} choices=${choices.data} user=${user} navigate=${navigate} />
    <section aria-labelledby="lib-list-title">
      <h2 id="lib-list-title">${t('library.list.title')}</h2>
      <${ActionNotice} notice=${notice} />
      <${ErrorNote} error=${list.error} onRetry=${list.reload} />
      ${!data ? (list.error ? null : html`<${Loading} />`) : data.items.length === 0
        ? html`<p>${t(Object.values(filters).some(Boolean) ? 'library.list.empty' : 'library.list.none')}</p>`
        : html`<p class="lib-count">${t('library.list.count', { from: offset + 1, to: offset + data.items.length, total: data.total })}</p>
          <${ItemTable} items=${data.items} topics=${choices.data?.topics ?? []} user=${user} choices=${choices.data}
            onChanged=${list.reload} onNotice=${setNotice} />
          <div class="actions lib-pages">
            ${offset > 0 ? html`<button type="button" onClick=${() => page(Math.max(0, offset - PAGE_SIZE))}>${t('library.list.prev')}</button>` : null}
            ${offset + data.items.length < data.total ? html`<button type="button" onClick=${() => page(offset + PAGE_SIZE)}>${t('library.list.next')}</button>` : null}
          </div>`}
    </section>`;
}
