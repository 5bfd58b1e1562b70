// The admin page: log in, then one screen at a time chosen from the menu (hash routes: #/library).
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, onSessionEnded, setCsrfToken } from './lib/api.js';
import { closeEvents } from './lib/events.js';
import { html } from './lib/html.js';
import { currentLang, loadMessages, stationInfo, t } from './lib/i18n.js';
import { ErrorNote, Loading } from './lib/ui.js';
import { Login } from './screens/login.js';
import { screensFor } from './screens/index.js';

/** "#/library?status=pending" → { id: 'library', params: { status: 'pending' } } */
function parseHash() {
  const [path, q = ''] = location.hash.replace(/^#\/?/, '').split('?');
  return { id: path || '', params: Object.fromEntries(new URLSearchParams(q)) };
}

/** Goes to a screen (with optional params), as a link would. */
export function navigate(id, params = {}) {
  const q = new URLSearchParams(params).toString();
  location.hash = `#/${id}${q ? `?${q}` : ''}`;
}

function LangToggle({ onSwitch }) {
  // The label is in the language it switches to, and says so to screen readers.
  return html`<button type="button" class="link lang" lang=${currentLang() === 'vi' ? 'en' : 'vi'} title=${t('app.lang.label')} onClick=${onSwitch}>${t('app.lang.switch')}</button>`;
}

/** Loads a screen's module on first visit and renders it. */
function ScreenView({ screen, user, params }) {
  const [mod, setMod] = useState(null);
  const [failed, setFailed] = useState(null);
  useEffect(() => {
    let live = true;
    setMod(null);
    setFailed(null);
    // A module that cannot load (server restarting, network gone) says so instead of spinning.
    screen.load().then((m) => live && setMod(m), () => live && setFailed(new Error(t('app.error.network'))));
    return () => { live = false; };
  }, [screen.id]);
  if (failed) return html`<${ErrorNote} error=${failed} onRetry=${() => location.reload()} />`;
  if (!mod) return html`<${Loading} />`;
  return html`<${mod.default} user=${user} params=${params} navigate=${navigate} />`;
}

function Shell({ user, onLogout, langToggle }) {
  const [route, setRoute] = useState(parseHash());
  const hashAtRender = location.hash;
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => {
    const onHash = () => { setRoute(parseHash()); setMenuOpen(false); };
    addEventListener('hashchange', onHash);
    // The hash may have changed between the first render and this effect (a link followed at once): catch up.
    if (location.hash !== hashAtRender) onHash();
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const screens = screensFor(user);
  const screen = screens.find((s) => s.id === route.id) ?? screens[0];
  useEffect(() => { document.title = `${t(screen.label)} — Loa`; }, [screen.id, currentLang()]);
  return html`<a class="skip" href="#main" onClick=${(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>${t('app.skip')}</a>
    <header class="top">
      <span class="brand">Loa · ${stationInfo().name}</span>
      <button type="button" class="menu-toggle" aria-expanded=${menuOpen} aria-controls="nav" onClick=${() => setMenuOpen(!menuOpen)}>${t('app.menu')}</button>
      <nav id="nav" class=${menuOpen ? 'open' : ''} aria-label=${t('app.menu')}>
        <ul>${screens.map((s) => html`<li><a href=${`#/${s.id}`} aria-current=${s.id === screen.id ? 'page' : undefined}>${t(s.label)}</a></li>`)}</ul>
      </nav>
      <div class="who">
        <span>${t('user.signedInAs', { name: user.username, role: t(`role.${user.role}`) })}</span>
        ${langToggle}
        <button type="button" class="link" onClick=${onLogout}>${t('logout')}</button>
      </div>
    </header>
    <main id="main" tabindex="-1"><${ScreenView} key=${screen.id} screen=${screen} user=${user} params=${route.params} /></main>`;
}

function App() {
  const [user, setUser] = useState(undefined);
  const [expired, setExpired] = useState(false);
  const [, setLang] = useState(currentLang());

  useEffect(() => {
    // Expired, revoked, or the password was reset: back to the login form, saying why.
    onSessionEnded(() => { closeEvents(); setExpired(true); setUser(null); });
    api('GET', '/api/auth/me').then(
      (me) => { setCsrfToken(me.csrfToken); setUser(me); },
      () => setUser(null),
    );
  }, []);

  const switchLang = async () => setLang(await loadMessages(currentLang() === 'vi' ? 'en' : 'vi'));
  const langToggle = html`<${LangToggle} onSwitch=${switchLang} />`;
  const logout = async () => {
    closeEvents();
    await api('DELETE', '/api/auth/session').catch(() => {});
    setCsrfToken('');
    setUser(null);
  };

  if (user === undefined) return html`<${Loading} />`;
  if (!user) {
    const onLoggedIn = (session) => { setCsrfToken(session.csrfToken); setExpired(false); setUser(session.user); };
    return html`<${Login} langToggle=${langToggle} expired=${expired} onLoggedIn=${onLoggedIn} />`;
  }
  return html`<${Shell} user=${user} onLogout=${logout} langToggle=${langToggle} />`;
}

await loadMessages();
render(html`<${App} />`, document.getElementById('app'));
