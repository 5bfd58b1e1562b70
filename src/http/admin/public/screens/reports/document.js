// Where the month's report stands: a draft whose figures still follow the airtime log, or finalized
// versions frozen as they were sent (who, when, why a reissue). Reviewers and the admin finalize and
// reissue, each after a confirmation; what moved in the log since the newest version is listed.
import { useState } from 'preact/hooks';
import { post, query } from '../../lib/api.js';
import { fmtDateTime, fmtNumber, fmtPercent } from '../../lib/format.js';
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { ErrorNote, Field } from '../../lib/ui.js';

const monthWords = (month) => month.split('-').reverse().join('/');
/** A headline figure as the headline cards write it: shares as percentages, minutes with a decimal. */
const figure = (metric, value) => (metric.endsWith('Share') ? fmtPercent(value) : fmtNumber(value, 1));

/**
 * `view`: GET …/draft's answer; `version`: the version on screen ('' for the newest); `monthOver`:
 * whether the month has ended (only then can it be finalized); `dirty`: the draft has unsaved changes.
 */
export function DocumentStatus({ view, month, zone, version, canFinalize, monthOver, dirty, onChanged, onPickVersion }) {
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const final = view.status === 'finalized';
  const latest = view.versions.at(-1);
  const shown = view.versions.find((v) => String(v.version) === version) ?? latest;

  async function act() {
    setBusy(true);
    setError(null);
    try {
      const path = `/api/reports/monthly/${month}/${final ? 'reissue' : 'finalize'}${query({ zone })}`;
      await post(path, final && reason.trim() ? { reason: reason.trim() } : {});
      setConfirming(false);
      setReason('');
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const blocked = !monthOver ? t('reports.final.monthOpen', { month: monthWords(month) }) : dirty ? t('reports.final.saveFirst') : null;
  return html`<section class="card report-status" aria-labelledby="report-status-title">
    <h2 id="report-status-title">${t('reports.status.title')}</h2>
    ${final
      ? html`<p><span class="badge ok">${t('reports.status.final')}</span> ${t('reports.status.version', {
        version: shown.version, time: fmtDateTime(shown.finalizedAt), name: shown.finalizedBy.name })}${shown.reason ? ` ${t('reports.status.reason', { reason: shown.reason })}` : ''}</p>`
      : html`<p><span class="badge warn">${t('reports.status.draft')}</span> ${t('reports.status.draftNote')}</p>`}
    ${view.versions.length > 1 ? html`<${Field} id="report-version" label=${t('reports.status.pickVersion')}>
      <select id="report-version" value=${String(shown.version)} onChange=${(e) => onPickVersion(e.currentTarget.value === String(latest.version) ? '' : e.currentTarget.value)}>
        ${[...view.versions].reverse().map((v) => html`<option value=${String(v.version)}>${t('reports.status.versionOption', {
          version: v.version, time: fmtDateTime(v.finalizedAt), name: v.finalizedBy.name })}</option>`)}
      </select>
    </${Field}>` : null}
    ${final && view.changedSinceFinal.length > 0 ? html`<div class="changed" role="note">
      <p>${t('reports.status.changed', { version: latest.version })}</p>
      <ul>${view.changedSinceFinal.map((c) => html`<li>${t(`reports.metric.${c.metric}`)}: ${figure(c.metric, c.previous)} → ${figure(c.metric, c.current)}</li>`)}</ul>
    </div>` : null}
    <${ErrorNote} error=${error} />
    ${canFinalize ? html`<div class="final-actions">
      ${final ? html`<${Field} id="report-reissue-reason" label=${t('reports.final.reason')} hint=${t('reports.final.reason.hint')}>
        <input id="report-reissue-reason" maxlength="500" value=${reason} onInput=${(e) => setReason(e.currentTarget.value)} aria-describedby="report-reissue-reason-hint" />
      </${Field}>` : null}
      ${blocked ? html`<p class="hint" id="report-final-blocked">${blocked}</p>` : null}
      ${confirming
        ? html`<div class="confirm" role="group" aria-labelledby="report-final-confirm">
            <p id="report-final-confirm">${final ? t('reports.final.confirmReissue', { version: latest.version + 1 }) : t('reports.final.confirm')}</p>
            <div class="actions">
              <button type="button" class="primary" disabled=${busy} onClick=${act}>${final ? t('reports.final.reissueYes') : t('reports.final.finalizeYes')}</button>
              <button type="button" onClick=${() => setConfirming(false)}>${t('action.cancel')}</button>
            </div>
          </div>`
        : html`<button type="button" class=${final ? '' : 'primary'} disabled=${Boolean(blocked)} aria-describedby=${blocked ? 'report-final-blocked' : undefined}
            onClick=${() => setConfirming(true)}>${final ? t('reports.final.reissue') : t('reports.final.finalize')}</button>`}
    </div>` : null}
  </section>`;
}
