// Small building blocks every screen uses: loading data, showing errors, labelled fields.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { html } from './html.js';
import { t } from './i18n.js';

/** Runs `load` when `deps` change; gives { data, error, loading, reload }. */
export function useAsync(load, deps = []) {
  const [state, setState] = useState({ data: undefined, error: null, loading: true });
  const run = useCallback(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    load().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error) => live && setState((s) => ({ ...s, error, loading: false })),
    );
    return () => { live = false; };
  }, deps);
  useEffect(run, [run]);
  return { ...state, reload: run };
}

/** An error the user must read: announced by screen readers, says what to fix. */
export function ErrorNote({ error, onRetry }) {
  if (!error) return null;
  return html`<div class="error" role="alert">
    <p>${error.message || String(error)}</p>
    ${error.details?.length ? html`<ul>${error.details.map((d) => html`<li>${d.problem === undefined ? d.field : `${d.field}: ${d.problem}`}</li>`)}</ul>` : null}
    ${onRetry ? html`<button type="button" onClick=${onRetry}>${t('action.retry')}</button>` : null}
  </div>`;
}

/** A polite status line (saved, queued…). */
export const Notice = ({ text }) => (text ? html`<p class="notice" role="status">${text}</p>` : null);

export const Loading = () => html`<p class="loading" role="status">${t('app.loading')}</p>`;

/** A label above its control; `hint` is read out with the control. */
export function Field({ id, label, hint, children }) {
  return html`<div class="field">
    <label for=${id}>${label}</label>
    ${children}
    ${hint ? html`<small id=${`${id}-hint`}>${hint}</small>` : null}
  </div>`;
}

/** A progress bar with its value in words (for screen readers too). */
export function Progress({ value, max = 1, label }) {
  const pct = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 0;
  return html`<div class="progress">
    <progress value=${pct} max="100" aria-label=${label}>${pct}%</progress>
    <span>${label ? `${label}: ` : ''}${pct}%</span>
  </div>`;
}

/** A screen's title and its actions. */
export const ScreenHeader = ({ title, children }) => html`<header class="screen-header"><h1>${title}</h1><div class="actions">${children}</div></header>`;
