import { HIDDEN, redactUrlPasswords } from '../audit/redact.ts';
import type { Output, Zone } from '../domain/station.ts';

/**
 * A zone's secrets are write-only (decisions §1): stream keys and the passwords inside Icecast URLs
 * are shown as "***" on every read, and a zone sent back as it was read keeps the stored secrets.
 */

/** An output as the API shows it: the key hidden (with whether one is set), the Icecast password hidden. */
export type PresentedOutput = Output & { hasKey?: boolean };

/** "icecast://source:hackme@host:8000/m" → "icecast://source:***@host:8000/m" (no password: unchanged). */
export const hideUrlPassword = redactUrlPasswords;

export function presentOutput(output: Output): PresentedOutput {
  if (output.type === 'http') {
    const { key, ...rest } = output;
    return key === undefined ? { ...rest, hasKey: false } : { ...rest, key: HIDDEN, hasKey: true };
  }
  if (output.type === 'icecast') return { ...output, url: hideUrlPassword(output.url) };
  return output;
}

/** A zone as every API read shows it. */
export function presentZone(zone: Zone): Omit<Zone, 'outputs'> & { outputs: PresentedOutput[] } {
  return { ...zone, outputs: zone.outputs.map(presentOutput) };
}

/**
 * Puts the stored secrets back where a body carries them hidden, matched by position among the
 * zone's outputs of the same type: saving a zone's windows never changes or drops the key the
 * devices use or the password Icecast expects. With nothing stored to keep, "***" stays and the
 * schema refuses it (never an open stream or a wrong password by accident).
 */
export function keepHiddenSecrets(body: unknown, stored: Zone | undefined): unknown {
  if (!body || typeof body !== 'object' || !Array.isArray((body as { outputs?: unknown }).outputs)) return body;
  const storedOf = (type: Output['type']) => (stored?.outputs ?? []).filter((o) => o.type === type);
  const storedHttp = storedOf('http') as Extract<Output, { type: 'http' }>[];
  const storedIcecast = storedOf('icecast') as Extract<Output, { type: 'icecast' }>[];
  let httpIndex = 0;
  let icecastIndex = 0;
  const outputs = (body as { outputs: unknown[] }).outputs.map((o) => {
    if (!o || typeof o !== 'object') return o;
    const out = o as { type?: unknown; key?: unknown; url?: unknown; hasKey?: unknown };
    if (out.type === 'http') {
      const { hasKey: _shown, ...rest } = out;
      const storedKey = storedHttp[httpIndex++]?.key;
      return rest.key === HIDDEN && storedKey !== undefined ? { ...rest, key: storedKey } : rest;
    }
    if (out.type === 'icecast' && typeof out.url === 'string') {
      const storedUrl = storedIcecast[icecastIndex++]?.url;
      return storedUrl !== undefined && out.url === hideUrlPassword(storedUrl) && out.url !== storedUrl ? { ...out, url: storedUrl } : out;
    }
    return o;
  });
  return { ...body, outputs };
}
