// Chính sách: the station's planning policy — the ceremonial cap (seed 000: under 15%) and its planning
// margin, repeat limits, the planning horizon and the jingles — each field with a hint in words.
import { useEffect, useRef, useState } from 'preact/hooks';
import { get, put, query } from '../lib/api.js';
import { fmtNumber } from '../lib/format.js';
import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { ErrorNote, Loading, Notice, ScreenHeader, useAsync } from '../lib/ui.js';
import { problemsOf, SaveProblem } from '../lib/problems.js';
import { JingleField, NumberField, POLICY_FIELDS, textsOf, valuesOf } from './policy/fields.js';

const FORM = 'policy-form';
// Seed 000 §3: ceremonial content "dưới 15%"; the planner aims under 12% by default (README).
const DIRECTIVE = { ceremonialMaxShare: '15', ceremonialPlanShare: '12' };
// The worked example under the ceremonial fields: a month of this many plays in one zone.
const EXAMPLE_PLAYS = 200;

/** "200 plays a month: under 30 ceremonial; the programme keeps them under 24." */
function CeremonialExample({ texts }) {
  const cap = Number(texts.ceremonialMaxShare) / 100, plan = Number(texts.ceremonialPlanShare) / 100;
  if (!(cap > 0) || !(plan > 0)) return null;
  return html`<p class="policy-example">${t('policy.ceremonial.example', {
    plays: fmtNumber(EXAMPLE_PLAYS), cap: fmtNumber(cap * EXAMPLE_PLAYS, 1), plan: fmtNumber(plan * EXAMPLE_PLAYS, 1),
  })}</p>`;
}

function ReadOnlyPolicy({ policy }) {
  const texts = textsOf(policy);
  return html`<div class="card"><dl class="policy-read">
    ${POLICY_FIELDS.map((f) => html`<dt>${t(`policy.${f.key}.label`)}</dt>
      <dd><strong>${texts[f.key]}${f.unit ? ` ${t(f.unit)}` : ''}</strong><br /><small class="hint">${t(`policy.${f.key}.hint`)}</small></dd>`)}
    ${['openingJingle', 'closingJingle'].map((key) => html`<dt>${t(`policy.${key}.label`)}</dt><dd>${policy[key] ?? t('policy.jingle.none')}</dd>`)}
  </dl></div>`;
}

function PolicyForm({ policy, jingles }) {
  const [texts, setTexts] = useState(() => textsOf(policy));
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const formRef = useRef(null);
  const problems = error?.details ? problemsOf(error) : {};
  useEffect(() => { if (error) formRef.current?.querySelector('[aria-invalid="true"]')?.focus(); }, [error]);
  const set = (key, value) => { setTexts({ ...texts, [key]: value }); setNotice(''); };

  async function save(e) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setNotice('');
    try {
      const saved = await put('/api/policy', valuesOf(texts));
      setTexts(textsOf(saved));
      setNotice(t('state.saved'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const field = (f) => html`<${NumberField} f=${f} formId=${FORM} value=${texts[f.key]} problems=${problems} onInput=${(v) => set(f.key, v)} />`;
  const [ceremonial, planning] = [POLICY_FIELDS.filter((f) => f.group === 'ceremonial'), POLICY_FIELDS.filter((f) => f.group === 'planning')];
  const shown = new Set([...POLICY_FIELDS.map((f) => f.key), 'openingJingle', 'closingJingle']);
  return html`<form ref=${formRef} class="policy-form" onSubmit=${save} novalidate aria-busy=${busy}>
    <section class="card" aria-labelledby="policy-ceremonial-title">
      <h2 id="policy-ceremonial-title">${t('policy.ceremonial.title')}</h2>
      <p class="hint">${t('policy.ceremonial.intro')}</p>
      ${ceremonial.map(field)}
      <${CeremonialExample} texts=${texts} />
      <button type="button" onClick=${() => { setTexts({ ...texts, ...DIRECTIVE }); setNotice(t('policy.directive.applied')); }}>${t('policy.directive.apply')}</button>
    </section>
    <section class="card" aria-labelledby="policy-planning-title">
      <h2 id="policy-planning-title">${t('policy.planning.title')}</h2>
      ${planning.map(field)}
    </section>
    <section class="card" aria-labelledby="policy-jingles-title">
      <h2 id="policy-jingles-title">${t('policy.jingles.title')}</h2>
      <p class="hint">${t('policy.jingles.intro')}</p>
      ${['openingJingle', 'closingJingle'].map((key) => html`<${JingleField} field=${key} formId=${FORM} value=${texts[key]} jingles=${jingles} problems=${problems} onChange=${(v) => set(key, v)} />`)}
    </section>
    <${SaveProblem} error=${error} problems=${problems} shown=${shown} />
    <div class="actions policy-save"><button type="submit" class="primary" disabled=${busy}>${busy ? t('policy.saving') : t('action.save')}</button></div>
    <${Notice} text=${notice} />
  </form>`;
}

export default function PolicyScreen({ user }) {
  const canEdit = user.permissions.includes('station:edit');
  const policy = useAsync(() => get('/api/policy'), []);
  // Jingles are approved items of kind «nhạc hiệu»; a reviewer's read-only view names them by id.
  const jingles = useAsync(() => (canEdit ? get(`/api/items${query({ kind: 'nhac-hieu', status: 'approved', limit: 500 })}`) : Promise.resolve({ items: [] })), []);

  return html`<${ScreenHeader} title=${t('policy.title')} />
    <p class="hint">${t(canEdit ? 'policy.intro.edit' : 'policy.intro.read')}</p>
    ${policy.loading && !policy.data ? html`<${Loading} />` : null}
    <${ErrorNote} error=${policy.error} onRetry=${policy.reload} />
    <${ErrorNote} error=${jingles.error} />
    ${policy.data && (canEdit
      ? html`<${PolicyForm} policy=${policy.data} jingles=${jingles.data?.items ?? []} />`
      : html`<${ReadOnlyPolicy} policy=${policy.data} />`)}`;
}
