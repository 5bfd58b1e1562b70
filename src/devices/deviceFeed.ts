/**
 * The store-and-forward feed of a device: its zone's programme for today and the next days, read as
 * the zone's player reads it (the saved plan, with hand-made and emergency entries in the place of the
 * planned slots they overlap: src/playout/planSource.ts), each entry naming content-addressed audio.
 * Relays and live broadcasts are not offered to download devices (decisions §10): the feed shows
 * their time as a gap, and why. A device of a group member gets the group's shared programme.
 */
import { statSync } from 'node:fs';
import { audioPath } from '../library/audioStore.ts';
import { addDays, localDate, zonedInstant } from '../domain/time.ts';
import type { Zone } from '../domain/station.ts';
import { createPlanSource } from '../playout/planSource.ts';
import { playerIdOf } from '../playout/playoutService.ts';
import type { Db } from '../storage/db.ts';
import { getItem } from '../storage/items.ts';

/** Today and the next two days, in station time. */
export const FEED_DAYS = 3;

/** One play the device should make, with the audio to fetch for it. */
export interface FeedEntry {
  startMs: number;
  endMs: number;
  durationMs: number;
  itemId: string;
  title: string;
  source: string;
  window: string | null;
  sha256: string;
  size: number;
}

/** Time in the programme the feed does not offer: a relay or live broadcast, or an entry whose audio is missing. */
export interface FeedGap {
  startMs: number;
  endMs: number;
  reason: 'relay' | 'no-audio';
  itemId: string;
}

export interface DeviceFeed {
  deviceId: string;
  zoneId: string;
  /** The zones sharing this programme (the device's zone, or its group). */
  zones: string[];
  fromMs: number;
  toMs: number;
  entries: FeedEntry[];
  gaps: FeedGap[];
}

export interface FeedBuilderDeps {
  db: Db;
  audioDir: string;
  tz: string;
  zones: () => Zone[];
}

export interface FeedBuilder {
  /** The feed of a device of `zoneId` at `now`: entries overlapping today and the next days. */
  build(device: { id: string; zoneId: string }, now: number): DeviceFeed;
}

export function createFeedBuilder(deps: FeedBuilderDeps): FeedBuilder {
  const { db, tz } = deps;
  // Audio files never change under their hash, so a size once read stays true.
  const sizes = new Map<string, number>();
  const sizeOf = (sha: string): number | null => {
    const known = sizes.get(sha);
    if (known !== undefined) return known;
    try {
      const size = statSync(audioPath(deps.audioDir, sha)).size;
      sizes.set(sha, size);
      return size;
    } catch {
      return null;
    }
  };

  return {
    build(device, now) {
      const today = localDate(now, tz);
      const fromMs = zonedInstant(today, 0, tz);
      const toMs = zonedInstant(addDays(today, FEED_DAYS), 0, tz);
      const all = deps.zones();
      const zone = all.find((z) => z.id === device.zoneId);
      // A zone's player plays for its enabled zones only; a device of a paused or deleted zone gets nothing.
      const members = zone && zone.enabled ? all.filter((z) => z.enabled && playerIdOf(z) === playerIdOf(zone)).map((z) => z.id) : [];
      const feed: DeviceFeed = { deviceId: device.id, zoneId: device.zoneId, zones: members, fromMs, toMs, entries: [], gaps: [] };
      if (members.length === 0) return feed;
      const source = createPlanSource(db, deps.audioDir, () => members);
      for (const e of source.entriesBetween(zone ? playerIdOf(zone) : device.zoneId, fromMs, toMs)) {
        if (e.source === 'relay') {
          feed.gaps.push({ startMs: e.startMs, endMs: e.endMs, reason: 'relay', itemId: e.itemId });
          continue;
        }
        const sha = getItem(db, e.itemId)?.audioSha256 ?? null;
        const size = sha ? sizeOf(sha) : null;
        if (!sha || size === null) {
          feed.gaps.push({ startMs: e.startMs, endMs: e.endMs, reason: 'no-audio', itemId: e.itemId });
          continue;
        }
        feed.entries.push({
          startMs: e.startMs, endMs: e.endMs, durationMs: e.durationMs, itemId: e.itemId, title: e.item.title,
          source: e.source, window: e.window, sha256: sha, size,
        });
      }
      return feed;
    },
  };
}
