// Soạn tin bằng giọng đọc: type a notice, choose a voice and a speed, listen to it (Nghe thử), then
// send it: the station's speech engine reads it and the item goes through ingest and review like an
// upload (its progress is shown here as an upload's is).
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiFailure, get, post } from '../../lib/api.js';
import { fmtNumber } from '../../lib/format.js';
import { html } from '../../lib/html.js';
import { currentLang, t } from '../../lib/i18n.js';
import { ErrorNote, Field, useAsync } from '../../lib/ui.js';
import { useIngestJob } from './ingestJob.js';
import { ItemFields } from './itemFields.js';
import { apiFieldsOf, formValuesOf, unitIsFixed } from './itemWords.js';

/** Voices the station's default engine (espeak-ng) has, by region; any other voice shows its id. */
const VOICE_KEYS = { vi: 'library.tts.voice.vi', 'vi-vn-x-central': 'library.tts.voice.vi-vn-x-central', 'vi-vn-x-south': 'library.tts.voice.vi-vn-x-south' };
const voiceLabel = (id) => (VOICE_KEYS[id] ? t(VOICE_KEYS[id]) : id);
const rateText = (rate) => t('library.tts.rateValue', { rate: fmtNumber(rate, 1) });
/** Characters as the server counts them: NFC, without leading and trailing spaces. */
const charCount = (text) => text.normalize('NFC').trim().length;

/** The start of a long text for the preview: up to `max` characters, cut after a sentence (or a word). */
export function previewPart(text, max) {
  const clean = text.normalize('NFC').trim();
  if (clean.length <= max) return clean;
  const head = clean.slice(0, max);
  const sentence = Math.max(...['.', '!', '?', '\n'].map((c) => head.lastIndexOf(c)));
  const cut = sentence > max / 2 ? sentence + 1 : head.lastIndexOf(' ') > 0 ? head.lastIndexOf(' ') : max;
  return head.slice(0, cut).trim();
}

/** POST /api/speech/preview answers audio, not JSON: fetched here with the session's CSRF token. */
async function fetchPreview(body) {
  const me = await get('/api/auth/me');
  let res;
  try {
    res = await fetch('/api/speech/preview', {
      method: 'POST', credentials: 'same-origin', body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', 'accept-language': currentLang(), 'x-csrf-token': me.csrfToken ?? '' },
    });
  } catch {
    throw new ApiFailure(0, 'network', t('app.error.network'));
  }
  if (!res.ok) {
    const failure = await res.json().catch(() => null);
    throw new ApiFailure(res.status, failure?.code ?? `http-${res.status}`, failure?.message ?? t('app.error.unexpected', { status: res.status }), failure?.details);
  }
  return res.blob();
}

/** One item from «sent» through the engine and ingest to ready (pending review) or failed. */
function SpeechJob({ job, onChanged, onDismiss }) {
  const [state] = useIngestJob(() => post('/api/items/tts', job.body), onChanged);
  const { phase, item, error } = state;
  const title = job.body.title;
  return html`<li class="lib-job">
    ${phase === 'sending' || phase === 'processing' ? html`<div class="progress">
        <progress aria-label=${t('library.tts.processingLabel', { title })}></progress>
      </div>
      <p role="status">${phase === 'sending' ? t('library.tts.speaking', { title }) : t('library.tts.processing')}</p>` : null}
    ${phase === 'ready' ? html`<p class="notice" role="status">${t('library.upload.ready', { title: item.title })}</p>` : null}
    ${phase === 'failed' ? html`<div class="error" role="alert"><p>${t('library.tts.failed', { title, reason: String(item.failureReason ?? '').replace(/[.\s]+$/, '') })}</p></div>` : null}
    ${phase === 'refused' || phase === 'lost' ? html`<${ErrorNote} error=${{ message: `${t('library.tts.refused', { title })} ${error.message}`, details: error.details }} />` : null}
    ${phase !== 'sending' && phase !== 'processing'
      ? html`<button type="button" class="link" onClick=${onDismiss}>${t('action.close')}</button>` : null}
  </li>`;
}

/** The preview player: plays as soon as the audio has come; the URL is freed when replaced. */
function PreviewPlayer({ preview }) {
  const audio = useRef(null);
  useEffect(() => {
    if (!preview) return undefined;
    audio.current?.play().catch(() => { /* autoplay refused: the controls are there */ });
    return () => URL.revokeObjectURL(preview.url);
  }, [preview]);
  if (!preview) return null;
  return html`<div class="lib-tts-preview">
    <audio ref=${audio} controls src=${preview.url} aria-label=${t('library.tts.previewLabel')}></audio>
    ${preview.partial ? html`<p class="muted">${t('library.tts.previewPart', { count: fmtNumber(preview.chars) })}</p>` : null}
  </div>`;
}

let jobSeq = 0;

/** The «Soạn tin bằng giọng đọc» panel of the library: folded until opened. */
export function TtsForm({ user, choices, onChanged }) {
  const info = useAsync(() => get('/api/speech'), []);
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [voice, setVoice] = useState('');
  const [rate, setRate] = useState(1);
  const [values, setValues] = useState(formValuesOf(null));
  const [error, setError] = useState(null);
  const [preview, setPreview] = useState(null);
  const [previewing, setPreviewing] = useState(false);
  const [jobs, setJobs] = useState([]);
  const speech = info.data;
  const max = speech?.maxChars ?? 5000;
  const count = charCount(text);
  const speechOptions = () => ({ voice: voice || speech.defaultVoice, rate: Math.round(rate * 10) / 10 });

  const check = () => {
    if (count === 0) return new Error(t('library.tts.noText'));
    if (count > max) return new Error(t('library.tts.tooLong', { count: fmtNumber(count), max: fmtNumber(max) }));
    return null;
  };

  async function listen() {
    const problem = check();
    setError(problem);
    if (problem) return;
    const part = previewPart(text, speech.previewMaxChars);
    setPreviewing(true);
    try {
      const blob = await fetchPreview({ text: part, ...speechOptions() });
      setPreview({ url: URL.createObjectURL(blob), partial: part.length < count, chars: part.length });
    } catch (failure) {
      setError(failure);
    } finally {
      setPreviewing(false);
    }
  }

  function submit(e) {
    e.preventDefault();
    const problem = check() ?? (values.title.trim() ? null : new Error(t('library.upload.noTitle')));
    setError(problem);
    if (problem) return;
    const body = { ...apiFieldsOf(values, !unitIsFixed(user)), text: text.normalize('NFC').trim(), ...speechOptions() };
    setJobs((list) => [{ key: ++jobSeq, body }, ...list]);
    setText('');
    setValues(formValuesOf(null));
    setPreview(null);
  }

  const toggle = html`<button type="button" aria-expanded=${open} aria-controls="lib-tts-form" onClick=${() => setOpen(!open)}>
    ${open ? t('library.tts.close') : t('library.tts.open')}</button>`;
  return html`<section class="card lib-tts" aria-labelledby="lib-tts-heading">
    <div class="lib-tts-head">
      <h2 id="lib-tts-heading">${t('library.tts.title')}</h2>
      ${speech?.available ? toggle : null}
    </div>
    <p class="muted">${t('library.tts.intro')}</p>
    <${ErrorNote} error=${info.error} onRetry=${info.reload} />
    ${speech && !speech.available ? html`<p class="notice">${t('library.tts.unavailable')}</p>` : null}
    ${speech?.available && open ? html`<form id="lib-tts-form" onSubmit=${submit} noValidate>
      <${Field} id="lib-tts-text" label=${t('library.tts.text')} hint=${t('library.tts.textHint')}>
        <textarea id="lib-tts-text" rows="8" maxlength=${max} aria-required="true" aria-describedby="lib-tts-text-hint lib-tts-count"
          value=${text} onInput=${(e) => setText(e.currentTarget.value)}></textarea>
      </${Field}>
      <p id="lib-tts-count" class=${count > max ? 'lib-tts-count over' : 'lib-tts-count'}>
        ${t('library.tts.count', { count: fmtNumber(count), max: fmtNumber(max) })}</p>
      <div class="lib-tts-voice">
        <${Field} id="lib-tts-voice" label=${t('library.tts.voice')}>
          <select id="lib-tts-voice" value=${voice || speech.defaultVoice} onChange=${(e) => setVoice(e.currentTarget.value)}>
            ${speech.voices.map((v) => html`<option value=${v}>${voiceLabel(v)}</option>`)}
          </select>
        </${Field}>
        <${Field} id="lib-tts-rate" label=${t('library.tts.rate')} hint=${t('library.tts.rateHint', { min: fmtNumber(speech.minRate, 1), max: fmtNumber(speech.maxRate, 1) })}>
          <div class="lib-tts-rate">
            <input id="lib-tts-rate" type="range" min=${speech.minRate} max=${speech.maxRate} step="0.1" value=${rate}
              aria-describedby="lib-tts-rate-hint" aria-valuetext=${rateText(rate)} onInput=${(e) => setRate(Number(e.currentTarget.value))} />
            <output for="lib-tts-rate">${rateText(rate)}</output>
          </div>
        </${Field}>
      </div>
      <div class="actions">
        <button type="button" onClick=${listen} disabled=${previewing}>${t('library.tts.preview')}</button>
        ${previewing ? html`<span role="status">${t('library.tts.previewing')}</span>` : null}
      </div>
      <${PreviewPlayer} preview=${preview} />
      <${ItemFields} idPrefix="lib-tts-item" values=${values} onChange=${setValues} choices=${choices} user=${user} />
      <${ErrorNote} error=${error} />
      <button type="submit" class="primary">${t('library.tts.submit')}</button>
    </form>` : null}
    ${jobs.length ? html`<h3>${t('library.tts.jobs')}</h3>
      <ul class="lib-jobs">${jobs.map((job) => html`<${SpeechJob} key=${job.key} job=${job} onChanged=${onChanged}
        onDismiss=${() => setJobs((list) => list.filter((j) => j.key !== job.key))} />`)}</ul>` : null}
  </section>`;
}
