import { randomBytes } from 'node:crypto';

/**
 * Short-lived listen passes for the admin page's «Nghe thử» (decisions §1): a pass opens one zone's
 * stream for a few minutes, only while the browser session that asked for it is still live. Such a
 * listener is a monitor, never a receiver. Memory only: a restart ends every pass.
 */
const PASS_TTL_MS = 5 * 60_000;

interface Pass {
  zone: string;
  sessionTokenId: string;
  expiresAt: number;
}

export interface ListenPasses {
  /** A new pass for the zone, bound to the session's token id. */
  issue(zone: string, sessionTokenId: string, now: number): { pass: string; expiresAt: number };
  /** True when the pass is known, unexpired, for this zone, and its session is still live. */
  admits(zone: string, pass: string, now: number, sessionLive: (tokenId: string) => boolean): boolean;
}

export function createListenPasses(): ListenPasses {
  const passes = new Map<string, Pass>();
  const prune = (now: number) => {
    for (const [k, p] of passes) if (p.expiresAt <= now) passes.delete(k);
  };
  return {
    issue(zone, sessionTokenId, now) {
      prune(now);
      const pass = randomBytes(18).toString('base64url');
      const expiresAt = now + PASS_TTL_MS;
      passes.set(pass, { zone, sessionTokenId, expiresAt });
      return { pass, expiresAt };
    },
    admits(zone, pass, now, sessionLive) {
      const p = passes.get(pass);
      return !!p && p.zone === zone && p.expiresAt > now && sessionLive(p.sessionTokenId);
    },
  };
}
