// The API as the page uses it: the session cookie rides along, state changes carry the CSRF token,
// and every failure becomes an ApiFailure whose message is the API's own sentence in the page's language.
import { currentLang, t } from './i18n.js';

let csrfToken = '';
let onUnauthorized = () => {};

export function setCsrfToken(token) { csrfToken = token || ''; }
/** Called when the session has ended (401): the app goes back to the login screen. */
export function onSessionEnded(fn) { onUnauthorized = fn; }

export class ApiFailure extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

function headers(json) {
  return {
    'accept-language': currentLang(),
    ...(json && { 'content-type': 'application/json' }),
    ...(csrfToken && { 'x-csrf-token': csrfToken }),
  };
}

async function failureOf(res) {
  let body = null;
  try { body = await res.json(); } catch { /* not JSON */ }
  const message = body?.message ?? t('app.error.unexpected', { status: res.status });
  return new ApiFailure(res.status, body?.code ?? 'http-' + res.status, message, body?.details);
}

/** Sends a request; resolves to the parsed JSON (or null for 204), rejects with ApiFailure. */
export async function api(method, path, body) {
  let res;
  try {
    res = await fetch(path, { method, headers: headers(body !== undefined), credentials: 'same-origin', ...(body !== undefined && { body: JSON.stringify(body) }) });
  } catch {
    throw new ApiFailure(0, 'network', t('app.error.network'));
  }
  if (res.status === 401 && !path.startsWith('/api/auth/')) onUnauthorized();
  if (!res.ok) throw await failureOf(res);
  if (res.status === 204) return null;
  const type = res.headers.get('content-type') || '';
  return type.includes('json') ? res.json() : res.text();
}

export const get = (path) => api('GET', path);
export const post = (path, body = {}) => api('POST', path, body);
export const put = (path, body) => api('PUT', path, body);
export const patch = (path, body) => api('PATCH', path, body);
export const del = (path) => api('DELETE', path);

/** Builds a query string from the set values of an object. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * Uploads a form with real progress (fetch cannot report upload progress; XMLHttpRequest can).
 * `onProgress(sent, total)` is called as bytes leave; resolves to the JSON answer.
 */
export function upload(path, form, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('accept-language', currentLang());
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => onProgress?.(e.loaded, e.lengthComputable ? e.total : 0);
    xhr.onerror = () => reject(new ApiFailure(0, 'network', t('app.error.network')));
    xhr.onload = () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body);
      if (xhr.status === 401) onUnauthorized();
      reject(new ApiFailure(xhr.status, body?.code ?? 'http-' + xhr.status, body?.message ?? t('app.error.unexpected', { status: xhr.status }), body?.details));
    };
    xhr.send(form);
  });
}
