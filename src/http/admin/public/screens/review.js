// Kiểm duyệt: every item waiting for review, with its metadata and who sent it; listen, approve,
// or reject with a reason. The four-eyes rule is shown where it applies: on your own upload the
// approve button is not offered and the card says why (an admin may, and that is recorded).
import { useEffect, useRef, useState } from 'preact/hooks';
import { get, post, query } from '../lib/api.js';
import { fmtDateTime, fmtDuration, fmtNumber } from '../lib/format.js';
import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { ErrorNote, Field, Loading, Notice, ScreenHeader, useAsync } from '../lib/ui.js';
import { topicNames, useChoices } from './library/itemWords.js';

/** The queue is read in one page: a ward has tens of items a week, not thousands. */
const QUEUE_LIMIT = 200;
const itemPath = (item) => `/api/items/${encodeURIComponent(item.id)}`;

function validityOf(item) {
  if (!item.validFrom && !item.validUntil) return t('review.validity.open');
  return t('review.validity', {
    from: item.validFrom ? fmtDateTime(item.validFrom) : '…',
    until: item.validUntil ? fmtDateTime(item.validUntil) : '…',
  });
}

function loudnessOf(item) {
  const before = item.loudnessBefore?.integratedLufs;
  const after = item.loudnessAfter?.integratedLufs;
  if (before == null || after == null) return null;
  return t('review.loudness', { before: fmtNumber(before, 1), after: fmtNumber(after, 1) });
}

/** Everything a reviewer reads before deciding, as term/value pairs. */
function ItemFacts({ item, user, topics }) {
  const submitter = item.submittedByName ?? t('review.unknownUser');
  const facts = [
    ['review.field.submittedBy', item.submittedBy === user.id ? t('review.you', { name: submitter }) : submitter],
    ['library.field.unit', item.unit ?? '—'],
    ['review.field.submittedAt', fmtDateTime(item.createdAt)],
    ['library.field.kind', t(`library.kind.${item.kind}`)],
    ['library.field.priority', t(`library.priority.${item.priority}`)],
    ['library.field.topics', topicNames(item.topics, topics) || '—'],
    ['review.field.ceremonial', t(item.ceremonial ? 'review.ceremonial.yes' : 'review.ceremonial.no')],
    ['review.field.validity', validityOf(item)],
    ['review.field.duration', item.durationMs === null ? '—' : fmtDuration(item.durationMs)],
    ['review.field.loudness', loudnessOf(item)],
    ['review.field.file', item.originalName],
    ['library.field.note', item.note],
  ].filter(([, value]) => value);
  return html`<dl class="pairs rev-facts">${facts.map(([key, value]) => html`<dt>${t(key)}</dt><dd>${value}</dd>`)}</dl>`;
}

/** Reject with a required reason: the form opens on demand and keeps focus on what to fix. */
function RejectForm({ item, busy, onReject }) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const noteField = useRef(null);
  const id = `rev-note-${item.id}`;
  // The button that opened the form is gone: put the keyboard in the reason it asks for.
  useEffect(() => { if (open) noteField.current?.focus(); }, [open]);
  const submit = (e) => {
    e.preventDefault();
    if (!note.trim()) {
      setMissing(true);
      noteField.current?.focus();
      return;
    }
    onReject(note.trim());
  };
  if (!open) {
    return html`<button type="button" class="danger" aria-expanded="false" onClick=${() => setOpen(true)}>
      ${t('review.reject.open')}<span class="sr-only"> ${t('library.action.of', { title: item.title })}</span></button>`;
  }
  return html`<form class="rev-reject" onSubmit=${submit} noValidate>
    <${Field} id=${id} label=${t('review.reject.note')} hint=${t('review.reject.hint')}>
      <textarea id=${id} ref=${noteField} maxlength="2000" aria-required="true" aria-invalid=${missing ? 'true' : 'false'}
        aria-describedby=${`${id}-hint${missing ? ` ${id}-error` : ''}`} value=${note}
        onInput=${(e) => { setNote(e.currentTarget.value); setMissing(false); }}></textarea>
    </${Field}>
    ${missing ? html`<p id=${`${id}-error`} class="error" role="alert">${t('api.reject-note-required')}</p>` : null}
    <div class="actions">
      <button type="submit" class="danger" disabled=${busy}>${t('review.reject.submit')}</button>
      <button type="button" onClick=${() => { setOpen(false); setMissing(false); }}>${t('action.cancel')}</button>
    </div>
  </form>`;
}

function ReviewCard({ item, user, topics, onDecided }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const own = item.submittedBy === user.id;
  // The server refuses a reviewer's own approval (four-eyes); an admin may, and it is recorded.
  const mayApprove = !own || user.role === 'admin';
  const decide = async (action, body, doneKey) => {
    setBusy(true);
    setError(null);
    try {
      const decided = await post(`${itemPath(item)}/${action}`, body);
      onDecided(t(doneKey, { title: decided.title }));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  const headingId = `rev-title-${item.id}`;
  return html`<article class="card rev-item" aria-labelledby=${headingId}>
    <h2 id=${headingId}>${item.title}</h2>
    <${ItemFacts} item=${item} user=${user} topics=${topics} />
    <audio class="rev-audio" controls preload="none" src=${`${itemPath(item)}/audio`} aria-label=${t('review.listen', { title: item.title })}></audio>
    ${own ? html`<p class=${mayApprove ? 'muted' : 'rev-own'}>${t(mayApprove ? 'review.ownItemAdmin' : 'review.ownItem')}</p>` : null}
    <${ErrorNote} error=${error} />
    <div class="actions rev-actions">
      ${mayApprove ? html`<button type="button" class="primary" disabled=${busy} onClick=${() => decide('approve', {}, 'review.approved')}>
        ${t('review.approve')}<span class="sr-only"> ${t('library.action.of', { title: item.title })}</span></button>` : null}
      <${RejectForm} item=${item} busy=${busy} onReject=${(note) => decide('reject', { note }, 'review.rejected')} />
    </div>
  </article>`;
}

export default function ReviewScreen({ user }) {
  const choices = useChoices();
  const queue = useAsync(() => get(`/api/items${query({ status: 'pending', limit: QUEUE_LIMIT })}`), []);
  const [notice, setNotice] = useState('');
  const decided = (text) => { setNotice(text); queue.reload(); };
  const items = queue.data?.items ?? [];
  return html`<${ScreenHeader} title=${t('review.title')}>
      <button type="button" onClick=${queue.reload}>${t('review.reload')}</button>
    </${ScreenHeader}>
    <p class="rev-rule">${t('review.rule')}</p>
    <${Notice} text=${notice} />
    <${ErrorNote} error=${queue.error ?? choices.error} onRetry=${queue.error ? queue.reload : choices.reload} />
    ${!queue.data ? (queue.error ? null : html`<${Loading} />`) : html`
      <p class="rev-count">${items.length ? t('review.count', { count: queue.data.total }) : t('review.empty')}</p>
      <ul class="rev-list">${items.map((item) => html`<li key=${item.id}>
        <${ReviewCard} item=${item} user=${user} topics=${choices.data?.topics ?? []} onDecided=${decided} />
      </li>`)}</ul>`}`;
}
