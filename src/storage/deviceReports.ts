/**
 * Plays that download devices report (migrations/0015) and how they reach the airtime log
 * (decisions §2): one row per zone per play, the device a carrier of it. A report attaches to the
 * zone's row for that slot (its receivers grow, the device joins its carriers), or, when Loa did not
 * air that slot in the zone (the zone has only download devices, the daemon was down), makes the row.
 */
import { localDate } from '../domain/time.ts';
import type { AirtimeCarrier, AirtimeOutcome } from './airtime.ts';
import type { Db } from './db.ts';

/** A reported play, once per (device, item, slot start). */
export interface DevicePlay {
  deviceId: string;
  itemId: string;
  slotStartMs: number;
  slotEndMs: number;
  zoneId: string;
  startedAt: number;
  endedAt: number;
  outcome: AirtimeOutcome;
  /** It counts as a receiver of the zone's play. */
  heard: boolean;
  reportedAt: number;
  settled: boolean;
  airtimeId: number | null;
}

interface PlayRow {
  device_id: string; item_id: string; slot_start_ms: number; slot_end_ms: number; zone_id: string; started_at: number;
  ended_at: number; outcome: AirtimeOutcome; heard: number; reported_at: number; settled: number; airtime_id: number | null;
}

const toPlay = (r: PlayRow): DevicePlay => ({
  deviceId: r.device_id, itemId: r.item_id, slotStartMs: r.slot_start_ms, slotEndMs: r.slot_end_ms, zoneId: r.zone_id,
  startedAt: r.started_at, endedAt: r.ended_at, outcome: r.outcome, heard: r.heard === 1, reportedAt: r.reported_at,
  settled: r.settled === 1, airtimeId: r.airtime_id,
});

/** The play a device already reported for this slot, if any (the idempotency key). */
export function findDevicePlay(db: Db, deviceId: string, itemId: string, slotStartMs: number): DevicePlay | undefined {
  const row = db
    .prepare('SELECT * FROM device_plays WHERE device_id = ? AND item_id = ? AND slot_start_ms = ?')
    .get(deviceId, itemId, slotStartMs) as PlayRow | undefined;
  return row && toPlay(row);
}

/** Stores a new report, unsettled; false when this slot was reported already (nothing written). */
export function insertDevicePlay(db: Db, p: Omit<DevicePlay, 'settled' | 'airtimeId'>): boolean {
  return (
    db
      .prepare(
        `INSERT INTO device_plays (device_id, item_id, slot_start_ms, slot_end_ms, zone_id, started_at, ended_at, outcome, heard, reported_at)
         VALUES (@deviceId, @itemId, @slotStartMs, @slotEndMs, @zoneId, @startedAt, @endedAt, @outcome, @heard, @reportedAt)
         ON CONFLICT DO NOTHING`,
      )
      .run({ ...p, heard: p.heard ? 1 : 0 }).changes > 0
  );
}

/** Reports still waiting for the zone's row to end, oldest first. */
export function listUnsettledPlays(db: Db): DevicePlay[] {
  return (db.prepare('SELECT * FROM device_plays WHERE settled = 0 ORDER BY slot_start_ms').all() as PlayRow[]).map(toPlay);
}

/** A device's reports whose slots started in [fromMs, toMs) (for tests and the monthly report). */
export function listDevicePlays(db: Db, q: { deviceId?: string; fromMs: number; toMs: number }): DevicePlay[] {
  return (
    db
      .prepare(
        `SELECT * FROM device_plays WHERE slot_start_ms >= @fromMs AND slot_start_ms < @toMs AND (@deviceId IS NULL OR device_id = @deviceId)
         ORDER BY slot_start_ms, device_id`,
      )
      .all({ deviceId: q.deviceId ?? null, fromMs: q.fromMs, toMs: q.toMs }) as PlayRow[]
  ).map(toPlay);
}

/** What became of a report in the airtime log. */
export type Settlement = 'attached' | 'created' | 'waiting' | 'unheard';

interface AirtimeRef {
  id: number;
  ended_at: number | null;
  outcome: AirtimeOutcome | null;
  receivers: number | null;
  carriers: string | null;
}

/**
 * How long after a slot's end a report may make the zone's row. Loa's own row of a slot can reach the
 * log after the slot: an item whose audio came too late is logged `skipped` as its slot runs out
 * (whatever holds the air then), and a start the database refused is retried (SettleContext.owesRow
 * says so while it waits). Until the grace has passed a report waits for that row.
 */
export const ZONE_ROW_GRACE_MS = 2 * 60_000;

/** When settleDevicePlay runs, and what Loa may still owe the log. */
export interface SettleContext {
  now: number;
  tz: string;
  /** True while the airtime log keeps the start of this zone's row of the play in memory (the database refused it). */
  owesRow?: (zoneId: string, itemId: string, plannedStart: number) => boolean;
  /**
   * When this run of the daemon began: no player of it aired a slot that had ended by then, so Loa
   * owes no row of such a slot (reports queued while it was down make their rows at once).
   */
  runSince?: number;
}

/** The carrier name of a device in an airtime row's `carriers` and `outputs`. */
export const deviceCarrier = (deviceId: string) => `device:${deviceId}`;

/**
 * Brings one report into the airtime log, in one transaction:
 * - the zone's row for the slot (same zone, item and planned start) is still on air: 'waiting' (the
 *   report is settled later, once the row has ended);
 * - it has ended: the report is linked to it and, when heard, the row gains a receiver and the
 *   device as a carrier ('attached');
 * - there is none, the slot ended before the daemon's run began or more than ZONE_ROW_GRACE_MS ago,
 *   and the row's start is not waiting in the airtime log (so Loa owes no row of that slot that
 *   could come after it): a heard report makes the row, final, with the device's times and outcome
 *   and the item's facts ('created'); an unheard one makes nothing ('unheard'), so a play no device
 *   heard never enters the log with a device's failure as its outcome. Until then it waits, so one
 *   play never has two rows.
 */
export function settleDevicePlay(db: Db, play: DevicePlay, opts: SettleContext): Settlement {
  return db.transaction((): Settlement => {
    const rows = db
      .prepare(
        `SELECT id, ended_at, outcome, receivers, carriers FROM airtime
         WHERE zone_id = @zoneId AND item_id = @itemId AND planned_start = @slotStartMs ORDER BY id`,
      )
      .all(play) as AirtimeRef[];
    if (rows.some((r) => r.ended_at === null)) return 'waiting';
    // A slot cut and aired again has several rows: the one that went out whole, else the last.
    const row = rows.find((r) => r.outcome === 'completed') ?? rows.at(-1);
    let settlement: Settlement;
    let airtimeId: number | null = null;
    if (row) {
      airtimeId = row.id;
      settlement = 'attached';
      if (play.heard) addReceiver(db, row, play.deviceId);
    } else if (mayStillCome(play, opts)) {
      return 'waiting';
    } else if (play.heard) {
      airtimeId = insertReportedRow(db, play, opts.tz);
      settlement = airtimeId === null ? 'unheard' : 'created';
    } else {
      settlement = 'unheard';
    }
    db.prepare('UPDATE device_plays SET settled = 1, airtime_id = @airtimeId WHERE device_id = @deviceId AND item_id = @itemId AND slot_start_ms = @slotStartMs')
      .run({ ...play, airtimeId });
    return settlement;
  })();
}

/** True when Loa may still write its own row of the play's slot in its zone (see SettleContext). */
function mayStillCome(play: DevicePlay, opts: SettleContext): boolean {
  if (opts.owesRow?.(play.zoneId, play.itemId, play.slotStartMs) === true) return true;
  if (opts.runSince !== undefined && play.slotEndMs <= opts.runSince) return false;
  return opts.now < play.slotEndMs + ZONE_ROW_GRACE_MS;
}

/** The row gains one receiver, carried by the device (only under a grant: see migrations/0015). */
function addReceiver(db: Db, row: AirtimeRef, deviceId: string): void {
  const carriers = row.carriers === null ? [] : (JSON.parse(row.carriers) as AirtimeCarrier[]);
  const name = deviceCarrier(deviceId);
  const mine = carriers.find((c) => c.output === name);
  // A device is one receiver: a second report of the same play (another slot key) never adds another.
  if (mine) return;
  carriers.push({ output: name, kind: 'device', receivers: 1 });
  db.prepare('INSERT INTO airtime_reception_grants (airtime_id) VALUES (?) ON CONFLICT DO NOTHING').run(row.id);
  try {
    db.prepare('UPDATE airtime SET receivers = @receivers, carriers = @carriers WHERE id = @id').run({
      id: row.id, receivers: (row.receivers ?? 0) + 1, carriers: JSON.stringify(carriers),
    });
  } finally {
    db.prepare('DELETE FROM airtime_reception_grants WHERE airtime_id = ?').run(row.id);
  }
}

/** A final row for a play only a device aired, with the facts of the item and of the feed entry. */
function insertReportedRow(db: Db, play: DevicePlay, tz: string): number | null {
  const name = deviceCarrier(play.deviceId);
  const info = db
    .prepare(
      `INSERT INTO airtime (zone_id, item_id, item_title, item_kind, topics, ceremonial, unit, priority, source, window,
         planned_start, started_at, heartbeat_at, ended_at, played_ms, outcome, detail, outputs, receivers, carriers, local_date)
       SELECT @zoneId, i.id, i.title, i.kind, i.topics, i.ceremonial, i.unit, i.priority, f.source, f.window,
         @slotStartMs, @startedAt, @endedAt, @endedAt, @playedMs, @outcome, @detail, @outputs, 1, @carriers, @localDate
       FROM items i JOIN device_feed_entries f ON f.item_id = i.id AND f.device_id = @deviceId AND f.start_ms = @slotStartMs
       WHERE i.id = @itemId`,
    )
    .run({
      zoneId: play.zoneId, itemId: play.itemId, deviceId: play.deviceId, slotStartMs: play.slotStartMs,
      startedAt: play.startedAt, endedAt: play.endedAt, playedMs: Math.max(0, play.endedAt - play.startedAt), outcome: play.outcome,
      detail: `reported by device ${play.deviceId}`, outputs: JSON.stringify([name]),
      carriers: JSON.stringify([{ output: name, kind: 'device', receivers: 1 } satisfies AirtimeCarrier]),
      localDate: localDate(play.startedAt, tz),
    });
  return info.changes > 0 ? Number(info.lastInsertRowid) : null;
}
