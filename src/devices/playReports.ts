/**
 * What a download device says it played (POST /api/devices/:id/played, decisions §10): each report is
 * judged on its own. It must name an item a feed gave this device, starting within ±5 minutes of that
 * entry's slot; the slot is the idempotency key, so a retried report changes nothing. Accepted plays
 * reach the airtime log through src/storage/deviceReports.ts.
 */
import { z } from 'zod';
import { Instant } from '../domain/item.ts';
import { formatInstant, parseInstant } from '../domain/time.ts';
import { translate, type Lang, type MessageCode } from '../i18n/messages.ts';
import type { Db } from '../storage/db.ts';
import { findDevicePlay, insertDevicePlay, listUnsettledPlays, settleDevicePlay, type SettleContext, type Settlement } from '../storage/deviceReports.ts';
import { findGivenEntries, wasItemGiven, type DeviceRecord } from '../storage/devices.ts';

/** How far a reported start may lie from its slot's. */
export const SLOT_TOLERANCE_MS = 5 * 60_000;
/** A device's clock may run this far ahead of Loa's before its report counts as "in the future". */
const CLOCK_SKEW_MS = 60_000;
/** An interrupted play counts as heard from this share of its slot on (decisions §2: 90% of its frames). */
const HEARD_SHARE = 0.9;

export const PlayReport = z.object({
  itemId: z.string().min(1).max(64),
  start: Instant,
  end: Instant,
  outcome: z.enum(['completed', 'interrupted', 'preempted', 'failed', 'skipped']),
});
export type PlayReport = z.infer<typeof PlayReport>;
export const PlayReports = z.array(PlayReport).min(1).max(500);

export interface AcceptedPlay {
  index: number;
  itemId: string;
  start: string;
  /** The start of the feed entry it was matched to. */
  slotStart: string;
  /** This slot was reported before: nothing new was recorded. */
  duplicate: boolean;
  /** It counts as a receiver of the zone's play. */
  heard: boolean;
  /** What it did to the airtime log: attached to the zone's row, made it, waits for it to end, or nothing (not heard). */
  airtime: Settlement | 'already';
}

export interface RefusedPlay {
  index: number;
  itemId: string;
  start: string;
  reason: MessageCode;
  message: string;
}

export interface JudgedPlays {
  accepted: AcceptedPlay[];
  refused: RefusedPlay[];
}

/** Judges a batch of reports from one device; accepted ones are stored and settled into the airtime log. */
export function judgePlays(ctx: SettleContext & { db: Db; lang: Lang }, device: DeviceRecord, reports: PlayReport[]): JudgedPlays {
  const { db, now } = ctx;
  const out: JudgedPlays = { accepted: [], refused: [] };
  reports.forEach((r, index) => {
    const startMs = parseInstant(r.start)!;
    const endMs = parseInstant(r.end)!;
    const refuse = (reason: MessageCode, params: Record<string, string> = {}) =>
      out.refused.push({ index, itemId: r.itemId, start: r.start, reason, message: translate(reason, ctx.lang, { item: r.itemId, start: r.start, ...params }) });
    if (endMs < startMs) return refuse('device-play-times');
    if (endMs > now + CLOCK_SKEW_MS) return refuse('device-play-future');
    const given = findGivenEntries(db, { deviceId: device.id, itemId: r.itemId, fromMs: startMs - SLOT_TOLERANCE_MS, toMs: startMs + SLOT_TOLERANCE_MS, nearMs: startMs })[0];
    if (!given) return refuse(wasItemGiven(db, device.id, r.itemId) ? 'device-play-off-slot' : 'device-play-not-given');
    const slotDuration = Math.max(1, given.endMs - given.startMs);
    const heard = r.outcome === 'completed' || ((r.outcome === 'interrupted' || r.outcome === 'preempted') && endMs - startMs >= HEARD_SHARE * slotDuration);
    const base = { index, itemId: r.itemId, start: r.start, slotStart: formatInstant(given.startMs, ctx.tz), heard };
    const play = {
      deviceId: device.id, itemId: r.itemId, slotStartMs: given.startMs, slotEndMs: given.endMs, zoneId: device.zoneId,
      startedAt: startMs, endedAt: endMs, outcome: r.outcome, heard, reportedAt: now,
    };
    if (!insertDevicePlay(db, play)) {
      const before = findDevicePlay(db, device.id, r.itemId, given.startMs);
      out.accepted.push({ ...base, heard: before?.heard ?? heard, duplicate: true, airtime: 'already' });
      return;
    }
    const airtime = settleDevicePlay(db, { ...play, settled: false, airtimeId: null }, ctx);
    out.accepted.push({ ...base, duplicate: false, airtime });
  });
  return out;
}

/** Settles reports that waited for their zone's row to end; returns how many were settled now. */
export function settleWaitingPlays(db: Db, ctx: SettleContext): number {
  let settled = 0;
  for (const play of listUnsettledPlays(db)) if (settleDevicePlay(db, play, ctx) !== 'waiting') settled++;
  return settled;
}
