// The seed directives as ready-made rules: Đại hội XIV (3–5 a week, 1–2 a day in the campaign's peak)
// and the standing «Cải cách hành chính» segment. A preset fills the editor; nothing is saved until Save.
import { useState } from 'preact/hooks';
import { addDays } from '../../lib/format.js';
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';

// Topic names are the station's data, kept in Vietnamese whatever the page's language.
const CONGRESS = { id: 'dai-hoi-xiv', name: 'Đại hội XIV của Đảng' };
const REFORM = { id: 'cai-cach-hanh-chinh', name: 'Cải cách hành chính' };

const rule = (per, min, max, from = null, to = null) => ({ per, min, max, peakOnly: false, from, to, zones: null });

/**
 * Seed 003: "tần suất trung bình 3-5 lần/tuần, cao điểm 1-2 lần/ngày". Outside the peak, 3–5 a week;
 * inside it, 1–2 a day. The week rule stops the day before the peak and resumes the day after, so
 * the two never count the same days (as the demo ward does).
 */
export function congressRules(peakFrom, peakTo) {
  if (!peakFrom || !peakTo) return [rule('week', 3, 5)];
  return [rule('week', 3, 5, null, addDays(peakFrom, -1)), rule('day', 1, 2, peakFrom, peakTo), rule('week', 3, 5, addDays(peakTo, 1), null)];
}

/** Seed 002 keeps a standing segment but names no figure: at least twice a week, at most daily. */
export const reformRules = () => [rule('week', 2, 7)];

function CongressPreset({ onApply }) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [problem, setProblem] = useState('');
  function apply() {
    if (Boolean(from) !== Boolean(to)) return setProblem(t('topics.preset.congress.bothDates'));
    if (from && to < from) return setProblem(t('topics.preset.congress.order'));
    setProblem('');
    onApply({ ...CONGRESS, rules: congressRules(from, to) });
  }
  const dateField = (id, label, value, set) => html`<div class="field">
    <label for=${id}>${label}</label>
    <input id=${id} type="date" value=${value} aria-describedby="preset-congress-dates-hint" aria-invalid=${problem ? 'true' : undefined} onInput=${(e) => set(e.currentTarget.value)} />
  </div>`;
  return html`<article class="topics-preset" aria-labelledby="preset-congress-title">
    <h3 id="preset-congress-title">${t('topics.preset.congress.name')}</h3>
    <p><q>${t('topics.preset.congress.quote')}</q> — ${t('topics.preset.congress.source')}</p>
    <p>${t('topics.preset.congress.sets')}</p>
    <div class="filters">
      ${dateField('preset-congress-from', t('topics.preset.congress.from'), from, setFrom)}
      ${dateField('preset-congress-to', t('topics.preset.congress.to'), to, setTo)}
    </div>
    <small id="preset-congress-dates-hint" class="hint">${t('topics.preset.congress.datesHint')}</small>
    ${problem ? html`<p class="field-problem" role="alert">${problem}</p>` : null}
    <p><button type="button" onClick=${apply}>${t('topics.preset.apply', { name: t('topics.preset.congress.short') })}</button></p>
  </article>`;
}

function ReformPreset({ onApply }) {
  return html`<article class="topics-preset" aria-labelledby="preset-reform-title">
    <h3 id="preset-reform-title">${t('topics.preset.reform.name')}</h3>
    <p><q>${t('topics.preset.reform.quote')}</q> — ${t('topics.preset.reform.source')}</p>
    <p>${t('topics.preset.reform.sets')}</p>
    <p><button type="button" onClick=${() => onApply({ ...REFORM, rules: reformRules() })}>
      ${t('topics.preset.apply', { name: t('topics.preset.reform.short') })}
    </button></p>
  </article>`;
}

/** The presets, and why the ceremonial cap is not among them (it is a policy, not a topic rule). */
export function Presets({ onApply }) {
  return html`<section class="card topics-presets" aria-labelledby="topics-presets-title">
    <h2 id="topics-presets-title">${t('topics.preset.title')}</h2>
    <p class="hint">${t('topics.preset.hint')}</p>
    <div class="grid">
      <${CongressPreset} onApply=${onApply} />
      <${ReformPreset} onApply=${onApply} />
    </div>
    <p class="hint">${t('topics.preset.ceremonial')} <a href="#/policy">${t('topics.preset.ceremonialLink')}</a></p>
  </section>`;
}
