/**
 * A device feed as it goes over the wire: JSON (what the reference client reads) or an extended M3U8
 * playlist (for devices that take one), each with a strong ETag over its bytes, so a device polling
 * every minute gets a 304 with no body while nothing changed.
 */
import { createHash } from 'node:crypto';
import { formatInstant } from '../domain/time.ts';
import { bilingual } from '../i18n/messages.ts';
import type { DeviceFeed } from './deviceFeed.ts';

/** Why a stretch of the programme is not in the feed, in both languages (devices send no Accept-Language). */
const GAP_NOTES = {
  relay: bilingual('device-gap-relay'),
  'no-audio': bilingual('device-gap-no-audio'),
} as const;

/** The path of a piece of audio for one device (content-addressed: one URL per file, never changing). */
export const deviceAudioPath = (deviceId: string, sha256: string) => `/api/devices/${encodeURIComponent(deviceId)}/audio/${sha256}.mp3`;

/** The JSON feed. `audioUrl` is a path on the feed's own host; the device sends its key with it. */
export function feedJson(feed: DeviceFeed, tz: string) {
  const iso = (ms: number) => formatInstant(ms, tz);
  return {
    device: feed.deviceId,
    zone: feed.zoneId,
    zones: feed.zones,
    from: iso(feed.fromMs),
    to: iso(feed.toMs),
    entries: feed.entries.map((e) => ({
      start: iso(e.startMs),
      end: iso(e.endMs),
      durationMs: e.durationMs,
      itemId: e.itemId,
      title: e.title,
      source: e.source,
      window: e.window,
      audioUrl: deviceAudioPath(feed.deviceId, e.sha256),
      size: e.size,
      sha256: e.sha256,
    })),
    gaps: feed.gaps.map((g) => ({ start: iso(g.startMs), end: iso(g.endMs), reason: g.reason, itemId: g.itemId, note: GAP_NOTES[g.reason] })),
  };
}
export type FeedJson = ReturnType<typeof feedJson>;

/**
 * The feed as an extended M3U8 playlist: each entry's start (#EXT-X-PROGRAM-DATE-TIME), length and
 * title (#EXTINF), and its absolute audio URL carrying the device's key; gaps as comments.
 */
export function feedM3u8(feed: DeviceFeed, tz: string, opts: { origin: string; key: string }): string {
  const iso = (ms: number) => formatInstant(ms, tz);
  const lines = ['#EXTM3U', `# Loa: ${feed.zoneId} ${iso(feed.fromMs)} – ${iso(feed.toMs)}`];
  const items = [
    ...feed.entries.map((e) => ({ at: e.startMs, text: [
      `#EXT-X-PROGRAM-DATE-TIME:${iso(e.startMs)}`,
      `#EXTINF:${(e.durationMs / 1000).toFixed(3)},${e.title.replace(/[\r\n]+/g, ' ')}`,
      `${opts.origin}${deviceAudioPath(feed.deviceId, e.sha256)}?key=${encodeURIComponent(opts.key)}`,
    ] })),
    ...feed.gaps.map((g) => ({ at: g.startMs, text: [`# ${iso(g.startMs)} – ${iso(g.endMs)}: ${GAP_NOTES[g.reason]}`] })),
  ].sort((a, b) => a.at - b.at);
  for (const item of items) lines.push(...item.text);
  return `${lines.join('\n')}\n`;
}

/** A strong ETag over exactly the bytes sent. */
export const strongEtag = (body: string): string => `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;

/** Whether an If-None-Match header names this ETag (or is "*"). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}
