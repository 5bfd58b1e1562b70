// Người dùng (admin only): who may use Loa, add a user, reset a password, revoke a user's sessions.
import { useEffect, useRef, useState } from 'preact/hooks';
import { get, post } from '../lib/api.js';
import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { ErrorNote, Loading, Notice, ScreenHeader, useAsync } from '../lib/ui.js';
import { NewUser } from './users/newUser.js';
import { PasswordField } from './users/password.js';

export default function UsersScreen({ user }) {
  const list = useAsync(() => get('/api/users').then((r) => r.users), []);
  const [notice, setNotice] = useState('');
  // Which row has a panel open: { id, kind: 'reset' | 'revoke' }; one at a time keeps focus simple.
  const [open, setOpen] = useState(null);
  if (!user.permissions.includes('users:manage')) return html`<p class="error" role="alert">${t('app.notAllowed')}</p>`;

  const users = list.data ?? [];
  const units = [...new Set(users.map((u) => u.unit).filter(Boolean))].sort();
  const done = (text) => { setOpen(null); setNotice(text); list.reload(); };

  return html`<section class="users">
    <${ScreenHeader} title=${t('users.title')} />
    <p class="hint">${t('users.intro')}</p>
    <${Notice} text=${notice} />
    <${ErrorNote} error=${list.error} onRetry=${list.reload} />
    ${list.loading && !list.data ? html`<${Loading} />` : null}
    ${list.data ? html`<div class="table-wrap">
      <table class="users-list">
        <caption>${t('users.list')}</caption>
        <thead><tr>
          <th scope="col">${t('users.col.username')}</th>
          <th scope="col">${t('users.col.role')}</th>
          <th scope="col">${t('users.col.unit')}</th>
          <th scope="col">${t('users.col.actions')}</th>
        </tr></thead>
        <tbody>${users.map((u) => html`<${UserRow} key=${u.id} u=${u} self=${u.id === user.id}
          open=${open?.id === u.id ? open.kind : null} onOpen=${(kind) => { setNotice(''); setOpen(kind ? { id: u.id, kind } : null); }} onDone=${done} />`)}</tbody>
      </table>
    </div>` : null}
    <${NewUser} units=${units} onAdded=${(u) => done(t('users.add.done', { name: u.username, role: t(`role.${u.role}`) }))} />
  </section>`;
}

function UserRow({ u, self, open, onOpen, onDone }) {
  return html`<tr>
      <th scope="row">${u.username} ${self ? html`<span class="muted">${t('users.you')}</span>` : null}
        ${u.disabled ? html` <span class="badge muted">${t('users.disabled')}</span>` : null}</th>
      <td>${t(`role.${u.role}`)}</td>
      <td>${u.unit ?? t('users.noUnit')}</td>
      <td><div class="actions">
        <button type="button" aria-expanded=${open === 'reset'} onClick=${() => onOpen(open === 'reset' ? null : 'reset')}>${t('users.reset')}</button>
        <button type="button" class="danger" aria-expanded=${open === 'revoke'} onClick=${() => onOpen(open === 'revoke' ? null : 'revoke')}>${t('users.revoke')}</button>
      </div></td>
    </tr>
    ${open ? html`<tr class="user-panel"><td colspan="4">
      ${open === 'reset'
        ? html`<${ResetPassword} u=${u} onCancel=${() => onOpen(null)} onDone=${onDone} />`
        : html`<${ConfirmRevoke} u=${u} self=${self} onCancel=${() => onOpen(null)} onDone=${onDone} />`}
    </td></tr>` : null}`;
}

/** Runs one request for a panel, keeping its error on screen until the next try. */
function usePanelAction(action) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try { await action(); } catch (err) { setError(err); } finally { setBusy(false); }
  };
  return { busy, error, run };
}

function ResetPassword({ u, onCancel, onDone }) {
  const [password, setPassword] = useState('');
  const id = `users-reset-${u.id}`;
  // The panel opens under the row: the cursor goes to where the new password is typed.
  useEffect(() => document.getElementById(id)?.focus(), []);
  const { busy, error, run } = usePanelAction(async () => {
    const r = await post(`/api/users/${encodeURIComponent(u.id)}/password`, { password });
    onDone(t('users.reset.done', { name: u.username, n: r.revoked }));
  });
  return html`<form class="panel" onSubmit=${(e) => { e.preventDefault(); run(); }}>
    <${ErrorNote} error=${error} />
    <${PasswordField} id=${id} label=${t('users.reset.label', { name: u.username })} value=${password} onInput=${setPassword} />
    <div class="actions">
      <button type="submit" class="primary" disabled=${busy}>${t('users.reset.submit')}</button>
      <button type="button" onClick=${onCancel}>${t('action.cancel')}</button>
    </div>
  </form>`;
}

/** Revoking logs someone out everywhere, so it is asked once more, with the consequence in words. */
function ConfirmRevoke({ u, self, onCancel, onDone }) {
  const yes = useRef(null);
  useEffect(() => yes.current?.focus(), []);
  const { busy, error, run } = usePanelAction(async () => {
    const r = await post(`/api/users/${encodeURIComponent(u.id)}/revoke`);
    onDone(t('users.revoke.done', { name: u.username, n: r.revoked }));
  });
  const textId = `users-revoke-${u.id}`;
  return html`<div class="panel" role="group" aria-labelledby=${textId}>
    <${ErrorNote} error=${error} />
    <p id=${textId}>${t('users.revoke.confirm', { name: u.username })} ${self ? html`<strong>${t('users.revoke.self')}</strong>` : null}</p>
    <div class="actions">
      <button type="button" class="danger" ref=${yes} disabled=${busy} onClick=${run}>${t('users.revoke.yes')}</button>
      <button type="button" onClick=${onCancel}>${t('action.cancel')}</button>
    </div>
  </div>`;
}
