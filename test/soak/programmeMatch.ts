/**
 * Does the airtime log say exactly what the programme was? The programme is the saved plan (slots
 * that started are never replaced, so the slots table holds what was due) and the emergency bulletins'
 * airings (a cancel deletes the airings it spared and cuts the one on air short). Pure: rows and
 * programme in, problems out.
 *
 * The rules (decisions §11: "the log matches the programme except where an emergency's log says it
 * preempted"):
 * - every row is of a programme entry: a plan row of a slot (zone, planned start, item), a bulletin
 *   row of an airing (zone, planned start, item);
 * - a slot no bulletin airing overlaps has exactly one row, 'completed', started on time and as
 *   long as its item (within a frame). On time is the player's contract: an entry starts in the first
 *   stream slot at its start, and one up to two frames late still plays from its first frame (airing.ts),
 *   so after a bulletin the programme may run up to two frames late until its window's next gap;
 * - a slot a bulletin overlaps has at most one 'preempted' row (its detail names the emergency), then
 *   at most one 'completed' row where the clock resumed it; nothing else;
 * - every bulletin airing has exactly one row: 'completed', 'interrupted' by its cancel, or
 *   'preempted' by a newer emergency (its detail says which). A bulletin cut in between two ticks
 *   starts in the stream slot the stream had reached (frames go out in batches of TICK_FRAMES), so
 *   its row may start up to one batch before the instant it was triggered (its airing's start).
 */
import { FRAME_MS } from '../../src/playout/airing.ts';
import { TICK_FRAMES } from '../../src/playout/tickPlan.ts';
import type { AirtimeRow } from '../../src/storage/airtime.ts';
import type { SavedSlot } from '../../src/storage/plans.ts';

/** One airing of an emergency bulletin in one zone (programme_entries with an emergency id). */
export interface BulletinAiring {
  zoneId: string;
  startMs: number;
  endMs: number;
  itemId: string;
  emergencyId: string;
}

export interface ProgrammeMatch {
  problems: string[];
  slots: number;
  bulletinAirings: number;
  rows: number;
  /** Slots a bulletin cut (a 'preempted' row) or covered whole (no row). */
  slotsCut: number;
  slotsCovered: number;
  /** Bulletin airings cut short by their cancel, or by a newer emergency. */
  bulletinsCancelled: number;
  bulletinsPreempted: number;
}

/** One frame of 44.1 kHz MPEG audio, plus a millisecond of rounding. */
const FRAME_SLACK_MS = FRAME_MS + 1;
/** Late by up to this, an entry still starts from its first frame (CUT_IN_AFTER_MS in airing.ts), plus rounding. */
const START_SLACK_MS = 2 * FRAME_MS + 1;
/** One batch of frames (TICK_FRAMES, src/playout/tickPlan.ts), plus a millisecond of rounding. */
const BATCH_SLACK_MS = TICK_FRAMES * FRAME_MS + 1;

const slotKey = (zone: string, start: number, item: string) => `${zone}|${start}|${item}`;

/** Matches the log to the programme for entries due before `untilMs`. */
export function matchProgramme(input: { rows: AirtimeRow[]; slots: SavedSlot[]; bulletins: BulletinAiring[]; durationOf: (itemId: string) => number; untilMs: number }): ProgrammeMatch {
  const problems: string[] = [];
  const problem = (text: string) => {
    if (problems.length < 50) problems.push(text);
    else if (problems.length === 50) problems.push('… (more)');
  };
  const slots = input.slots.filter((s) => s.startMs < input.untilMs);
  const bulletins = input.bulletins.filter((b) => b.startMs < input.untilMs);
  const bySlot = new Map<string, AirtimeRow[]>();
  const byBulletin = new Map<string, AirtimeRow[]>();
  for (const s of slots) bySlot.set(slotKey(s.zoneId, s.startMs, s.itemId), []);
  for (const b of bulletins) byBulletin.set(slotKey(b.zoneId, b.startMs, b.itemId), []);

  for (const row of input.rows) {
    const key = slotKey(row.zoneId, row.plannedStart ?? Number.NaN, row.itemId);
    const home = row.source === 'plan' ? bySlot.get(key) : row.source === 'emergency' ? byBulletin.get(key) : undefined;
    if (!home) problem(`row ${row.id} (${row.source} ${row.zoneId} ${iso(row.plannedStart)} ${row.itemId}, ${row.outcome}) is of no programme entry`);
    else home.push(row);
  }

  const bulletinsOf = new Map<string, BulletinAiring[]>();
  for (const b of bulletins) bulletinsOf.set(b.zoneId, [...(bulletinsOf.get(b.zoneId) ?? []), b]);
  let slotsCut = 0;
  let slotsCovered = 0;
  for (const s of slots) {
    const rows = bySlot.get(slotKey(s.zoneId, s.startMs, s.itemId))!;
    const what = `slot ${s.zoneId} ${iso(s.startMs)} ${s.itemId}`;
    const cutBy = (bulletinsOf.get(s.zoneId) ?? []).filter((b) => b.startMs < s.endMs && s.startMs < b.endMs);
    if (cutBy.length === 0) {
      if (rows.length !== 1) {
        problem(`${what}: ${rows.length} rows (${rows.map((r) => r.outcome).join(', ')}), expected exactly one`);
        continue;
      }
      const r = rows[0]!;
      const late = r.startedAt - s.startMs;
      if (r.outcome !== 'completed') problem(`${what}: ${r.outcome} (${r.detail ?? ''})`);
      if (late < -1 || late > START_SLACK_MS) problem(`${what}: started ${late} ms off its slot`);
      if (Math.abs((r.playedMs ?? 0) - input.durationOf(s.itemId)) > FRAME_SLACK_MS) problem(`${what}: played ${r.playedMs} ms of ${input.durationOf(s.itemId)}`);
      continue;
    }
    const preempted = rows.filter((r) => r.outcome === 'preempted');
    const completed = rows.filter((r) => r.outcome === 'completed');
    if (rows.length === 0) slotsCovered++;
    else slotsCut++;
    if (preempted.length > 1 || completed.length > 1 || preempted.length + completed.length !== rows.length) {
      problem(`${what} (under a bulletin): rows ${rows.map((r) => r.outcome).join(', ')}`);
    }
    for (const r of preempted) {
      if (!cutBy.some((b) => r.detail?.includes(b.emergencyId))) problem(`${what}: preempted, but not by a bulletin airing then (${r.detail ?? ''})`);
    }
  }

  let bulletinsCancelled = 0;
  let bulletinsPreempted = 0;
  for (const b of bulletins) {
    const rows = byBulletin.get(slotKey(b.zoneId, b.startMs, b.itemId))!;
    const what = `bulletin ${b.emergencyId} ${b.zoneId} ${iso(b.startMs)}`;
    if (rows.length !== 1) {
      problem(`${what}: ${rows.length} rows, expected exactly one`);
      continue;
    }
    const r = rows[0]!;
    if (r.outcome === 'interrupted' && r.detail?.startsWith('cancelled by')) bulletinsCancelled++;
    else if (r.outcome === 'preempted' && /preempted by emergency /.test(r.detail ?? '')) bulletinsPreempted++;
    else if (r.outcome !== 'completed') problem(`${what}: ${r.outcome} (${r.detail ?? ''})`);
    if (r.startedAt < b.startMs - BATCH_SLACK_MS) problem(`${what}: started ${b.startMs - r.startedAt} ms early`);
  }
  return {
    problems, slots: slots.length, bulletinAirings: bulletins.length, rows: input.rows.length,
    slotsCut, slotsCovered, bulletinsCancelled, bulletinsPreempted,
  };
}

const iso = (ms: number | null) => (ms === null ? 'null' : new Date(ms + 7 * 3_600_000).toISOString().replace('Z', '+07:00'));
