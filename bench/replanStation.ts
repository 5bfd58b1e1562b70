/**
 * The replan bench's station (bench/replanStall.bench.ts): zones with three windows a day (two of
 * them peak, 3 hours in all), topics with rules, 80 approved items of 1–3 minutes on five real
 * tones in the audio store, and the month so far in the airtime log: each week planned from its
 * Monday by the plan service and logged as aired, up to the instant measured. Built in the database
 * file before the daemon starts on it.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pino } from 'pino';
import type { Clock } from '../src/clock.ts';
import { Policy, Topic, Zone } from '../src/domain/station.ts';
import { audioPath } from '../src/library/audioStore.ts';
import { createPlanService } from '../src/scheduling/planService.ts';
import { StationEvents } from '../src/stationEvents.ts';
import { openDatabase } from '../src/storage/db.ts';
import { listSlots } from '../src/storage/plans.ts';
import { savePolicy, upsertTopic, upsertZone } from '../src/storage/station.ts';

export const TZ = 'Asia/Ho_Chi_Minh';
/** Local instant of a date and HH:MM. */
export const local = (date: string, time: string) => Date.parse(`${date}T${time}:00+07:00`);
/** The Mondays of the month, June 2026, and the one that the replan measured plans from. */
const MONDAYS = ['2026-06-01', '2026-06-08', '2026-06-15', '2026-06-22', '2026-06-29'];
/** The instant measured: the last Monday of the month, 20 minutes into the morning window. */
export const MEASURED_AT = local('2026-06-29', '05:50');
const TONE_SECONDS = [60, 90, 120, 150, 180];
const TOPIC_CYCLE = [['an-ninh'], ['moi-truong'], ['dai-hoi'], ['suc-khoe'], [], []];
const TOPICS = [
  { id: 'an-ninh', name: 'An ninh trật tự', rules: [{ per: 'day', min: 1, max: 4 }] },
  { id: 'moi-truong', name: 'Vệ sinh môi trường', rules: [{ per: 'week', min: 5 }] },
  { id: 'dai-hoi', name: 'Đại hội Đảng các cấp', rules: [{ per: 'week', min: 4, max: 20, peakOnly: true }] },
  { id: 'suc-khoe', name: 'Y tế, sức khoẻ', rules: [{ per: 'week', min: 2 }] },
];
const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];
const WINDOWS = [
  { days: ALL_DAYS, start: '05:30', end: '06:30', peak: true },
  { days: ALL_DAYS, start: '11:00', end: '11:30', peak: false },
  { days: ALL_DAYS, start: '17:00', end: '18:30', peak: true },
];

/** Builds the station in `dataDir`/loa.sqlite with `zones` zones; returns the airtime rows logged. */
export function buildReplanStation(dir: { dataDir: string; audioDir: string; tmpDir: string }, zones: number): number {
  mkdirSync(dir.dataDir, { recursive: true });
  const db = openDatabase(join(dir.dataDir, 'loa.sqlite'));
  try {
    const t0 = local('2026-05-20', '09:00');
    const tones = TONE_SECONDS.map((seconds) => storeTone(dir, seconds));
    savePolicy(db, Policy.parse({}), t0);
    for (const t of TOPICS) upsertTopic(db, Topic.parse(t), t0);
    for (let z = 1; z <= zones; z++) upsertZone(db, Zone.parse({ id: `tdp-${z}`, name: `Tổ dân phố ${z}`, windows: WINDOWS }), t0);
    const insertItem = db.prepare(
      `INSERT INTO items (id, title, kind, topics, ceremonial, unit, priority, status, duration_ms, audio_sha256, created_at, updated_at, approved_at)
       VALUES (@id, @title, 'tin', @topics, 0, NULL, 'normal', 'approved', @ms, @sha, @at, @at, @at)`,
    );
    for (let i = 0; i < 80; i++) {
      const tone = tones[i % tones.length]!;
      insertItem.run({ id: `item-${i}`, title: `Tin ${i}`, topics: JSON.stringify(TOPIC_CYCLE[i % TOPIC_CYCLE.length]), ms: tone.ms, sha: tone.sha, at: t0 });
    }
    return logHistory(db);
  } finally {
    db.close();
  }
}

/** A sine tone of `seconds` as the store keeps it (content-addressed MP3). */
function storeTone(dir: { audioDir: string; tmpDir: string }, seconds: number): { sha: string; ms: number } {
  mkdirSync(dir.tmpDir, { recursive: true });
  const file = join(dir.tmpDir, `tone-${seconds}.mp3`);
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `sine=frequency=${200 + seconds}:duration=${seconds}`, '-ac', '1', '-ar', '44100', '-b:a', '96k', file]);
  const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
  const to = audioPath(dir.audioDir, sha);
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(file, to);
  return { sha, ms: seconds * 1000 };
}

/** Plans each week from its Monday and logs its slots up to MEASURED_AT as aired; the rows logged. */
function logHistory(db: ReturnType<typeof openDatabase>): number {
  let now = 0;
  const clock: Clock = { now: () => now, at: () => () => {} };
  const plans = createPlanService({ db, clock, tz: TZ, log: pino({ level: 'silent' }), events: new StationEvents() });
  const insertRow = db.prepare(
    `INSERT INTO airtime (zone_id, item_id, item_title, item_kind, topics, ceremonial, unit, priority, source, window,
       planned_start, started_at, heartbeat_at, ended_at, played_ms, outcome, outputs, local_date, receivers, carriers)
     VALUES (@zone, @item, @title, 'tin', @topics, 0, NULL, 'normal', 'plan', @window, @start, @start, @end, @end, @ms,
       'completed', '["http"]', @date, 1, '[{"output":"http","kind":"http","receivers":1}]')`,
  );
  let rows = 0;
  for (const monday of MONDAYS) {
    now = local(monday, '00:00');
    plans.replan({ cause: 'bench history' });
    const until = Math.min(now + 7 * 86_400_000, MEASURED_AT);
    db.transaction(() => {
      for (const s of listSlots(db, { fromMs: now, toMs: until })) {
        if (s.endMs > until) continue;
        const i = Number(s.itemId.slice('item-'.length));
        insertRow.run({
          zone: s.zoneId, item: s.itemId, title: `Tin ${i}`, topics: JSON.stringify(TOPIC_CYCLE[i % TOPIC_CYCLE.length]),
          window: s.window, start: s.startMs, end: s.endMs, ms: s.endMs - s.startMs, date: s.date,
        });
        rows++;
      }
    })();
  }
  return rows;
}
