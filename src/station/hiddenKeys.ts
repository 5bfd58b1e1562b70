import type { Zone } from '../domain/station.ts';

/** What the API shows instead of a stream key it does not reveal. */
export const HIDDEN_KEY = '***';

/**
 * A zone sent back as it was read may carry its stream keys hidden ("***"): such a key means "keep
 * the one stored for this output" (matched by position among the zone's HTTP outputs), so saving a
 * zone's windows never changes or drops the key the devices already use.
 */
export function keepHiddenKeys(body: unknown, stored: Zone | undefined): unknown {
  if (!body || typeof body !== 'object' || !Array.isArray((body as { outputs?: unknown }).outputs)) return body;
  const storedKeys = (stored?.outputs ?? []).filter((o) => o.type === 'http').map((o) => o.key);
  let httpIndex = 0;
  const outputs = ((body as { outputs: unknown[] }).outputs).map((o) => {
    if (!o || typeof o !== 'object' || (o as { type?: unknown }).type !== 'http') return o;
    const storedKey = storedKeys[httpIndex++];
    // With no stored key to keep, "***" stays and the schema refuses it (never an open stream by accident).
    if ((o as { key?: unknown }).key !== HIDDEN_KEY || storedKey === undefined) return o;
    return { ...o, key: storedKey };
  });
  return { ...body, outputs };
}
