// Tải lên: drop or pick a file, fill its metadata, then watch each upload: bytes sent (a real
// progress bar from XMLHttpRequest), then the ingest state until the item is ready or failed.
import { useEffect, useRef, useState } from 'preact/hooks';
import { get, upload } from '../../lib/api.js';
import { fmtBytes } from '../../lib/format.js';
import { html } from '../../lib/html.js';
import { currentLang, t } from '../../lib/i18n.js';
import { ErrorNote, Progress } from '../../lib/ui.js';
import { useIngestJob } from './ingestJob.js';
import { ItemFields } from './itemFields.js';
import { apiFieldsOf, formValuesOf, unitIsFixed } from './itemWords.js';

const titleFromName = (name) => name.replace(/\.[^.]+$/, '').replace(/[_]+/g, ' ').trim();
const withoutFinalStop = (text) => String(text ?? '').replace(/[.\s]+$/, '');

/** The multipart body of POST /api/items: the fields first, the file last. */
function uploadForm(file, values, user) {
  const form = new FormData();
  for (const [key, value] of Object.entries(apiFieldsOf(values, !unitIsFixed(user)))) {
    if (value === null) continue;
    if (key === 'topics') value.forEach((topic) => form.append('topics', topic));
    else form.append(key, String(value));
  }
  form.append('file', file, file.name);
  return form;
}

/** One upload from the first byte to «ready» (pending review) or «failed» with the reason. */
function UploadJob({ job, onChanged, onDismiss }) {
  const [bytes, setBytes] = useState({ sent: 0, total: job.size });
  const [state, setState] = useIngestJob(async (isLive) => {
    const item = await upload('/api/items', job.form, (sent, total) => isLive() && setBytes((b) => ({ sent, total: total || b.total })));
    setBytes((b) => ({ ...b, sent: b.total }));
    return item;
  }, onChanged);

  // A failure reason comes in the reader's language: read it again when the page switches language.
  const lang = currentLang();
  useEffect(() => {
    if (state.phase !== 'failed') return undefined;
    let live = true;
    get(`/api/items/${encodeURIComponent(state.item.id)}`).then((item) => live && setState((s) => ({ ...s, item })), () => {});
    return () => { live = false; };
  }, [lang]);

  const { phase, item, error } = state;
  const { sent, total } = bytes;
  const finished = phase !== 'sending' && phase !== 'processing';
  return html`<li class="lib-job">
    <${Progress} value=${sent} max=${total} label=${t('library.upload.sending', { name: job.name })} />
    <p class="muted lib-bytes">${t('library.upload.bytes', { sent: fmtBytes(sent), total: fmtBytes(total) })}</p>
    ${phase === 'processing' ? html`<div class="progress">
        <progress aria-label=${t('library.upload.processingLabel', { name: job.name })}></progress>
      </div>
      <p role="status">${t('library.upload.processing')}</p>` : null}
    ${phase === 'ready' ? html`<p class="notice" role="status">${t('library.upload.ready', { title: item.title })}</p>` : null}
    ${phase === 'failed' ? html`<div class="error" role="alert"><p>${t('library.upload.failed', { name: job.name, reason: withoutFinalStop(item.failureReason) })}</p></div>` : null}
    ${phase === 'refused' || phase === 'lost'
      ? html`<${ErrorNote} error=${{ message: `${t('library.upload.refused', { name: job.name })} ${error.message}`, details: error.details }} />`
      : null}
    ${finished ? html`<button type="button" class="link" onClick=${onDismiss}>${t('action.close')}</button>` : null}
  </li>`;
}

let jobSeq = 0;

/** The upload form with its drop zone, and the progress of every upload started from this page. */
export function UploadPanel({ user, choices, onChanged }) {
  const [file, setFile] = useState(null);
  const [values, setValues] = useState(formValuesOf(null));
  const [dragging, setDragging] = useState(false);
  const [error, setError] = useState(null);
  const [jobs, setJobs] = useState([]);
  const fileInput = useRef(null);

  const choose = (chosen) => {
    if (!chosen) return;
    setFile(chosen);
    setError(null);
    setValues((v) => (v.title.trim() ? v : { ...v, title: titleFromName(chosen.name) }));
  };
  const drop = (e) => {
    e.preventDefault();
    setDragging(false);
    choose(e.dataTransfer?.files?.[0]);
  };

  function submit(e) {
    e.preventDefault();
    if (!file) return setError(new Error(t('library.upload.noFile')));
    if (!values.title.trim()) return setError(new Error(t('library.upload.noTitle')));
    setError(null);
    setJobs((list) => [{ key: ++jobSeq, name: file.name, size: file.size, form: uploadForm(file, values, user) }, ...list]);
    setFile(null);
    setValues(formValuesOf(null));
    if (fileInput.current) fileInput.current.value = '';
  }

  // The file input is visually hidden behind its label: the native picker's own words («Choose File»)
  // follow the browser's language, the label's follow the page's. It still takes focus and keys.
  return html`<section class="card lib-upload" aria-labelledby="lib-upload-title">
    <h2 id="lib-upload-title">${t('library.upload.title')}</h2>
    <form onSubmit=${submit} noValidate>
      <div class=${`lib-drop${dragging ? ' over' : ''}`}
        onDragOver=${(e) => { e.preventDefault(); setDragging(true); }}
        onDragLeave=${() => setDragging(false)}
        onDrop=${drop}>
        <p class="lib-drop-title" aria-hidden="true">${t('library.upload.file')}</p>
        <p aria-hidden="true">${dragging ? t('library.upload.dropping') : t('library.upload.drop')}</p>
        <input id="lib-file" class="sr-only" ref=${fileInput} type="file" name="file" aria-describedby="lib-file-hint lib-file-chosen"
          accept="audio/*,.mp3,.wav,.ogg,.oga,.flac,.m4a,.aac"
          onChange=${(e) => choose(e.currentTarget.files?.[0])} />
        <label for="lib-file" class="lib-pick">${t('library.upload.pick')}</label>
        <p id="lib-file-chosen" class=${file ? 'lib-chosen' : 'muted'}>
          ${file ? t('library.upload.chosen', { name: file.name, size: fmtBytes(file.size) }) : t('library.upload.none')}</p>
        <small id="lib-file-hint">${t('library.upload.fileHint')}</small>
      </div>
      <${ItemFields} idPrefix="lib-up" values=${values} onChange=${setValues} choices=${choices} user=${user} />
      <${ErrorNote} error=${error} />
      <button type="submit" class="primary">${t('library.upload.submit')}</button>
    </form>
    ${jobs.length ? html`<h3>${t('library.upload.jobs')}</h3>
      <ul class="lib-jobs">${jobs.map((job) => html`<${UploadJob} key=${job.key} job=${job} onChanged=${onChanged}
        onDismiss=${() => setJobs((list) => list.filter((j) => j.key !== job.key))} />`)}</ul>` : null}
  </section>`;
}
