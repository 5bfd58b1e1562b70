// The library's list: one row per item, and under a row the panel its action opened — listen
// (<audio> on the item's audio), edit its metadata, or confirm its archiving. Only actions the
// role may do are offered; the server refuses the rest anyway.
import { useEffect, useRef, useState } from 'preact/hooks';
import { del, patch } from '../../lib/api.js';
import { fmtDateTime, fmtDuration } from '../../lib/format.js';
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { ErrorNote } from '../../lib/ui.js';
import { ItemFields } from './itemFields.js';
import { apiFieldsOf, formValuesOf, StatusBadge, topicNames, unitIsFixed } from './itemWords.js';

const COLUMNS = ['title', 'kind', 'topics', 'unit', 'status', 'duration', 'created', 'actions'];
const itemPath = (item) => `/api/items/${encodeURIComponent(item.id)}`;

/** Moves focus into a panel when it opens, so keyboard users land where the action continues. */
function useFocusOnOpen() {
  const ref = useRef(null);
  useEffect(() => { ref.current?.querySelector('audio, input, select, textarea, button')?.focus(); }, []);
  return ref;
}

/** Runs an API call, keeping its failure to show; resolves to the answer or undefined. */
function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const run = async (call) => {
    setBusy(true);
    setError(null);
    try { return await call(); } catch (err) { setError(err); return undefined; } finally { setBusy(false); }
  };
  return { busy, error, run };
}

function ListenPanel({ item }) {
  const ref = useFocusOnOpen();
  return html`<div ref=${ref}>
    <audio controls preload="metadata" src=${`${itemPath(item)}/audio`} aria-label=${t('library.listen.label', { title: item.title })}></audio>
  </div>`;
}

function EditPanel({ item, user, choices, onDone, onCancel }) {
  const ref = useFocusOnOpen();
  const [values, setValues] = useState(formValuesOf(item));
  const { busy, error, run } = useAction();
  const save = async (e) => {
    e.preventDefault();
    const saved = await run(() => patch(itemPath(item), apiFieldsOf(values, !unitIsFixed(user))));
    if (saved) onDone({ text: t('library.edit.saved', { title: saved.title }) });
  };
  return html`<form ref=${ref} onSubmit=${save} noValidate aria-labelledby=${`lib-edit-${item.id}`}>
    <h3 id=${`lib-edit-${item.id}`}>${t('library.edit.title', { title: item.title })}</h3>
    <${ItemFields} idPrefix=${`lib-edit-${item.id}`} values=${values} onChange=${setValues} choices=${choices} user=${user} />
    <${ErrorNote} error=${error} />
    <div class="actions">
      <button type="submit" class="primary" disabled=${busy}>${t('action.save')}</button>
      <button type="button" onClick=${onCancel}>${t('action.cancel')}</button>
    </div>
  </form>`;
}

function ArchivePanel({ item, onDone, onCancel }) {
  const ref = useFocusOnOpen();
  const { busy, error, run } = useAction();
  const archive = async () => {
    const archived = await run(() => del(itemPath(item)));
    if (archived) onDone({ text: t('library.archive.done', { title: archived.title }), recall: archived.recall });
  };
  return html`<div ref=${ref}>
    <p>${t('library.archive.confirm', { title: item.title })}</p>
    <${ErrorNote} error=${error} />
    <div class="actions">
      <button type="button" class="danger" disabled=${busy} onClick=${archive}>${t('library.action.archive')}</button>
      <button type="button" onClick=${onCancel}>${t('action.cancel')}</button>
    </div>
  </div>`;
}

/** Why an item is not airing, when it says: the ingest failure or the reviewer's note. */
function StatusCell({ item }) {
  return html`<${StatusBadge} status=${item.status} />
    ${item.status === 'failed' && item.failureReason ? html`<p class="lib-reason">${t('library.failureReason', { reason: item.failureReason })}</p>` : null}
    ${item.status === 'rejected' && item.reviewNote ? html`<p class="lib-reason">${t('library.reviewNote', { note: item.reviewNote })}</p>` : null}`;
}

/** An action button whose accessible name also says which item it acts on. */
const ActionButton = ({ id, label, item, expanded, danger, onClick }) => html`<button type="button" id=${id} class=${danger ? 'danger' : ''}
  aria-expanded=${expanded} onClick=${onClick}>${label}<span class="sr-only"> ${t('library.action.of', { title: item.title })}</span></button>`;

export function ItemTable({ items, topics, user, choices, onChanged, onNotice }) {
  const [open, setOpen] = useState(null);
  const may = (permission) => user.permissions.includes(permission);
  const actionsOf = (item) => [
    item.audioSha256 && { mode: 'listen', label: t('library.action.listen') },
    may('items:edit') && item.status !== 'archived' && { mode: 'edit', label: t('action.edit') },
    may('items:archive') && !['archived', 'processing'].includes(item.status) && { mode: 'archive', label: t('library.action.archive'), danger: true },
  ].filter(Boolean);
  const isOpen = (item, mode) => open?.id === item.id && open.mode === mode;
  const toggle = (item, mode) => setOpen(isOpen(item, mode) ? null : { id: item.id, mode });
  const done = (notice) => { setOpen(null); onNotice(notice); onChanged(); };
  const buttonId = (item, mode) => `lib-act-${mode}-${item.id}`;
  // Cancel gives the keyboard back to the button that opened the panel.
  const close = () => {
    const opener = open && buttonId({ id: open.id }, open.mode);
    setOpen(null);
    if (opener) requestAnimationFrame(() => document.getElementById(opener)?.focus());
  };

  const panelOf = (item) => {
    if (open?.id !== item.id) return null;
    if (open.mode === 'listen') return html`<${ListenPanel} item=${item} />`;
    if (open.mode === 'edit') return html`<${EditPanel} item=${item} user=${user} choices=${choices} onDone=${done} onCancel=${close} />`;
    return html`<${ArchivePanel} item=${item} onDone=${done} onCancel=${close} />`;
  };

  return html`<div class="table-wrap">
    <table class="lib-table">
      <thead><tr>${COLUMNS.map((c) => html`<th scope="col">${t(`library.col.${c}`)}</th>`)}</tr></thead>
      <tbody>${items.map((item) => {
        const panel = panelOf(item);
        return [
          html`<tr key=${item.id} class=${panel ? 'lib-row-open' : ''}>
            <td data-label=${t('library.col.title')}><strong>${item.title}</strong>
              ${item.originalName ? html`<small class="muted lib-file">${item.originalName}</small>` : null}</td>
            <td data-label=${t('library.col.kind')}>${t(`library.kind.${item.kind}`)}</td>
            <td data-label=${t('library.col.topics')}>${topicNames(item.topics, topics) || '—'}</td>
            <td data-label=${t('library.col.unit')}>${item.unit ?? '—'}</td>
            <td data-label=${t('library.col.status')}><${StatusCell} item=${item} /></td>
            <td data-label=${t('library.col.duration')}>${item.durationMs === null ? '—' : fmtDuration(item.durationMs)}</td>
            <td data-label=${t('library.col.created')}>${fmtDateTime(item.createdAt)}</td>
            <td data-label=${t('library.col.actions')}><div class="actions">
              ${actionsOf(item).map((a) => html`<${ActionButton} id=${buttonId(item, a.mode)} label=${a.label} item=${item} danger=${a.danger}
                expanded=${isOpen(item, a.mode)} onClick=${() => toggle(item, a.mode)} />`)}
            </div></td>
          </tr>`,
          panel ? html`<tr key=${`${item.id}-panel`} class="lib-panel"><td colspan=${COLUMNS.length}>${panel}</td></tr>` : null,
        ];
      })}</tbody>
    </table>
  </div>`;
}
