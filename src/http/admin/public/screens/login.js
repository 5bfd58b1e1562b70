import { useState } from 'preact/hooks';
import { api, ApiFailure } from '../lib/api.js';
import { html } from '../lib/html.js';
import { stationInfo, t } from '../lib/i18n.js';
import { ErrorNote, Field } from '../lib/ui.js';

/** Đăng nhập: a cookie session; a lock-out says how long to wait (the API's own sentence). */
export function Login({ onLoggedIn, langToggle, expired }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  async function submit(e) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onLoggedIn(await api('POST', '/api/auth/session', { username, password }));
    } catch (err) {
      setError(err instanceof ApiFailure ? err : new Error(String(err)));
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return html`<main id="main" class="login">
    <form class="card" onSubmit=${submit} aria-describedby="login-hint">
      <h1>${t('login.title')}</h1>
      <p class="station-name">${stationInfo().name}</p>
      ${expired && !error ? html`<p class="notice" role="status">${t('api.session-expired')}</p>` : null}
      <${ErrorNote} error=${error} />
      <${Field} id="login-username" label=${t('login.username')}>
        <input id="login-username" name="username" autocomplete="username" required value=${username} onInput=${(e) => setUsername(e.currentTarget.value)} />
      </${Field}>
      <${Field} id="login-password" label=${t('login.password')}>
        <input id="login-password" name="password" type="password" autocomplete="current-password" required value=${password} onInput=${(e) => setPassword(e.currentTarget.value)} />
      </${Field}>
      <button type="submit" class="primary" disabled=${busy}>${busy ? t('login.busy') : t('login.submit')}</button>
      <p id="login-hint" class="hint">${t('login.hint')}</p>
      ${langToggle}
    </form>
  </main>`;
}
