// Thêm người dùng: a name, a role, a unit and a first password, with the API's rules as hints.
import { useState } from 'preact/hooks';
import { ApiFailure, post } from '../../lib/api.js';
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { ErrorNote, Field } from '../../lib/ui.js';
import { PasswordField } from './password.js';

const ROLES = ['operator', 'reviewer', 'submitter', 'admin'];
/** The API's username rule (src/domain/user.ts), checked by the browser before sending. */
const USERNAME_PATTERN = '[a-zA-Z0-9._\\-]{2,64}';
const EMPTY = { username: '', role: 'operator', unit: '', password: '' };

/** `units`: units already in use, offered as suggestions so one body is not spelled two ways. */
export function NewUser({ units, onAdded }) {
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = (key) => (value) => setForm({ ...form, [key]: value });
  const input = (key) => (e) => set(key)(e.currentTarget.value);

  async function submit(e) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const user = await post('/api/users', { ...form, unit: form.unit.trim() || null });
      setForm(EMPTY);
      onAdded(user);
    } catch (err) {
      // The API's conflict sentence carries the English reason; say it in the page's language.
      const taken = err instanceof ApiFailure && err.status === 409;
      setError(taken ? new Error(t('users.add.taken', { name: form.username })) : err);
    } finally {
      setBusy(false);
    }
  }

  return html`<form class="card new-user" onSubmit=${submit} aria-labelledby="users-add-title">
    <h2 id="users-add-title">${t('users.add.title')}</h2>
    <${ErrorNote} error=${error} />
    <div class="grid">
      <${Field} id="users-username" label=${t('users.col.username')} hint=${t('users.add.username.hint')}>
        <input id="users-username" required pattern=${USERNAME_PATTERN} maxlength="64" autocomplete="off" autocapitalize="none" spellcheck="false"
          aria-describedby="users-username-hint" value=${form.username} onInput=${input('username')} />
      </${Field}>
      <${Field} id="users-role" label=${t('users.col.role')} hint=${t('users.add.role.hint')}>
        <select id="users-role" value=${form.role} onChange=${input('role')} aria-describedby="users-role-hint">
          ${ROLES.map((r) => html`<option value=${r}>${t(`role.${r}`)}</option>`)}
        </select>
      </${Field}>
      <${Field} id="users-unit" label=${t('users.col.unit')} hint=${t('users.add.unit.hint')}>
        <input id="users-unit" list="users-units" maxlength="200" required=${form.role === 'submitter'}
          aria-describedby="users-unit-hint" value=${form.unit} onInput=${input('unit')} />
        <datalist id="users-units">${units.map((u) => html`<option value=${u} />`)}</datalist>
      </${Field}>
      <${PasswordField} id="users-password" label=${t('users.password')} value=${form.password} onInput=${set('password')} />
    </div>
    <button type="submit" class="primary" disabled=${busy}>${busy ? t('users.add.busy') : t('users.add.submit')}</button>
  </form>`;
}
