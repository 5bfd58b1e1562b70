/**
 * What the audit log keeps of a secret (decisions §1): passwords and tokens never (the field is left
 * out, hashes included), stream and device keys as "***" with `hasKey: true`, and the password inside
 * a URL (`icecast://source:***@host:8000/mount`, an http source with credentials) as "***".
 */

/** Fields whose value is left out whole: the audit log never holds them, not even hidden. */
const NEVER_KEPT = new Set(['password', 'passwordHash', 'token', 'tokenHash', 'liveToken', 'secret']);
/** Fields shown as "***" with a `hasKey` beside them, so a reader still sees that a key is set. */
const SHOWN_HIDDEN = new Set(['key', 'deviceKey', 'streamKey']);
export const HIDDEN = '***';

/** `scheme://user:password@` → `scheme://user:***@`, anywhere in a string. */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):[^\s@/]*@/gi;

export function redactUrlPasswords(text: string): string {
  return text.replace(URL_PASSWORD, `$1:${HIDDEN}@`);
}

/** A deep copy of a JSON value with every secret left out or hidden. */
export function redactSecrets(value: unknown): unknown {
  if (typeof value === 'string') return redactUrlPasswords(value);
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (NEVER_KEPT.has(k)) continue;
    if (SHOWN_HIDDEN.has(k) && typeof v === 'string') {
      out[k] = HIDDEN;
      out.hasKey = true;
      continue;
    }
    out[k] = redactSecrets(v);
  }
  return out;
}

/** Query parameters that carry a secret in a URL (stream and device keys, listen passes, SSE tokens). */
const SECRET_QUERY = /([?&](?:key|listen|token)=)[^&#]*/gi;

/** A request URL as logs may keep it: `/stream/tdp-1?key=***` (decisions §1: every read shows secrets redacted). */
export function redactUrlSecrets(url: string): string {
  return redactUrlPasswords(url.replace(SECRET_QUERY, `$1${HIDDEN}`));
}
