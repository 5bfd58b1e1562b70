/**
 * The reference device's link to Loa: its feed (with If-None-Match), the audio the feed names, and
 * its play reports. Every call carries the device key in X-Stream-Key and gives up after a timeout:
 * a weak mobile link must never stall the player.
 */

/** One feed entry as GET /api/devices/:id/feed gives it. */
export interface LinkEntry {
  start: string;
  end: string;
  durationMs: number;
  itemId: string;
  title: string;
  source: string;
  audioUrl: string;
  size: number;
  sha256: string;
}

export interface LinkFeed {
  device: string;
  zone: string;
  entries: LinkEntry[];
}

/** A play as the device reports it (POST /api/devices/:id/played). */
export interface PlayedReport {
  itemId: string;
  start: string;
  end: string;
  outcome: 'completed' | 'interrupted' | 'failed';
}

/** What Loa answered to a batch of reports: the indexes it is done with (accepted or refused for good). */
export type ReportAnswer = { done: number[]; refused: { index: number; reason: string }[] } | { retry: string };

export interface LoaLink {
  /** The feed, or 'unchanged' when it still has `etag`. Throws on a network failure or an unexpected answer. */
  fetchFeed(etag: string | null): Promise<{ feed: LinkFeed; etag: string | null } | 'unchanged'>;
  /** The bytes of an audio URL of the feed (a path on Loa's host). */
  fetchAudio(audioUrl: string): Promise<Buffer>;
  /** Sends reports; never throws (a failure is { retry }). */
  sendReports(reports: PlayedReport[]): Promise<ReportAnswer>;
}

/** Where a device's calls go, from the feed URL (…/api/devices/<id>/feed) or a base URL and a device id. */
export function feedUrlOf(url: string, deviceId?: string): URL {
  const u = new URL(url);
  if (/\/api\/devices\/[^/]+\/feed$/.test(u.pathname)) return u;
  if (!deviceId) throw new Error('give the feed URL (…/api/devices/<id>/feed) or --device ID');
  return new URL(`/api/devices/${encodeURIComponent(deviceId)}/feed`, u);
}

export function createLoaLink(opts: { feedUrl: URL; key: string; timeoutMs?: number; downloadTimeoutMs?: number }): LoaLink {
  const timeout = opts.timeoutMs ?? 15_000;
  const headers = { 'x-stream-key': opts.key, 'accept-language': 'en' };
  const playedUrl = new URL(opts.feedUrl.pathname.replace(/\/feed$/, '/played'), opts.feedUrl);

  return {
    async fetchFeed(etag) {
      const res = await fetch(opts.feedUrl, { headers: { ...headers, ...(etag && { 'if-none-match': etag }) }, signal: AbortSignal.timeout(timeout) });
      if (res.status === 304) return 'unchanged';
      if (!res.ok) throw new Error(`feed answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
      return { feed: (await res.json()) as LinkFeed, etag: res.headers.get('etag') };
    },
    async fetchAudio(audioUrl) {
      const res = await fetch(new URL(audioUrl, opts.feedUrl), { headers, signal: AbortSignal.timeout(opts.downloadTimeoutMs ?? 300_000) });
      if (!res.ok) throw new Error(`audio ${audioUrl} answered ${res.status}`);
      return Buffer.from(await res.arrayBuffer());
    },
    async sendReports(reports) {
      try {
        const res = await fetch(playedUrl, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(reports),
          signal: AbortSignal.timeout(timeout),
        });
        const body = (await res.json().catch(() => null)) as { accepted?: { index: number }[]; refused?: { index: number; reason: string }[]; details?: { index?: number; reason?: string }[] } | null;
        if (res.ok && body) {
          const refused = body.refused ?? [];
          return { done: [...(body.accepted ?? []).map((a) => a.index), ...refused.map((r) => r.index)], refused };
        }
        // A 400 will never become a 200: the reports are dropped, not resent (decisions §10).
        if (res.status === 400) {
          const refused = (body?.details ?? []).map((d, i) => ({ index: d.index ?? i, reason: d.reason ?? 'invalid' }));
          return { done: reports.map((_, i) => i), refused };
        }
        return { retry: `played answered ${res.status}` };
      } catch (err) {
        return { retry: (err as Error).message };
      }
    },
  };
}
