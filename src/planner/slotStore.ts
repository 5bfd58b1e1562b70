/**
 * Every programme's planned slots in compact arrays, turned into the plan's Slots at the end.
 *
 * A city's month is about a million slots sharing a few hundred thousand instant texts (every
 * zone whose window opens at 05:30 starts a slot then). Made programme after programme, each
 * slot's texts are looked up all over a month's table: a cache miss each. Made day after day, the
 * lookups of a day stay within that day's texts. The Slots still go out programme after programme
 * (each member's in time order): each is written at its place in the result.
 */
import type { Slot } from '../domain/plan.ts';
import type { Programme } from './programmes.ts';
import type { PlannedSlots } from './planned.ts';
import { instantFormatter } from '../domain/fastTime.ts';

/** Slots per chunk of the store's arrays (chunks, not one growing array: no copy, no slack). */
const CHUNK = 1 << 16;

/** What the store needs to make Slots. */
export interface SlotTexts {
  /** Item ids and durations, by library index. */
  ids: readonly string[];
  durations: Float64Array;
  /** Reason arrays, by number (ReasonCatalogue). */
  reasons: readonly string[][];
  /** The ISO text of an instant in the station's zone. */
  instantText: (ms: number) => string;
}

export class SlotStore {
  private count = 0;
  private readonly items: Int32Array[] = [];
  private readonly starts: Float64Array[] = [];
  private readonly labels: Int32Array[] = [];
  private readonly reasons: Int32Array[] = [];
  /** Window labels, by number: each programme's definitions in order from labelBase on. */
  private readonly labelTexts: string[] = [];
  private readonly programmes: { members: string[]; first: number; count: number; dayStarts: Int32Array | null }[] = [];

  /** `fromDay`..`toDay`: the planned days (dayIndex). */
  constructor(
    private readonly fromDay: number,
    private readonly toDay: number,
  ) {}

  /** Keeps a programme's slots, in time order. */
  keep(programme: Programme, planned: PlannedSlots): void {
    const n = planned.length;
    const order = planned.timeOrder();
    const labelBase = this.labelTexts.length;
    for (const def of programme.defs) this.labelTexts.push(def.label);
    const first = this.count;
    const days = this.toDay - this.fromDay + 1;
    // dayStarts[d]: the first of the programme's slots on day fromDay + d, when days come in order.
    let dayStarts: Int32Array | null = new Int32Array(days + 1);
    let day = 0;
    for (let r = 0; r < n; r++) {
      const k = order[r]!;
      const window = planned.windows[k]!;
      const at = this.count++;
      const chunk = at >>> 16;
      if (chunk === this.items.length) this.addChunk();
      const offset = at & (CHUNK - 1);
      this.items[chunk]![offset] = planned.items[k]!;
      this.starts[chunk]![offset] = planned.starts[k]!;
      this.labels[chunk]![offset] = labelBase + window.def.ordinal;
      this.reasons[chunk]![offset] = planned.reasons[k]!;
      const d = window.day - this.fromDay;
      if (dayStarts && (d < day || d >= days)) dayStarts = null;
      while (dayStarts && day < d) dayStarts[++day] = r;
    }
    if (dayStarts) while (day < days) dayStarts[++day] = n;
    this.programmes.push({ members: programme.members.map((m) => m.id), first, count: n, dayStarts });
  }

  /** The Slots of every programme kept, programme after programme, each member's in time order. */
  slots(texts: SlotTexts): Slot[] {
    let total = 0;
    const bases: number[] = [];
    for (const p of this.programmes) {
      bases.push(total);
      total += p.count * p.members.length;
    }
    const out = new Array<Slot>(total);
    const days = this.toDay - this.fromDay + 1;
    for (let d = 0; d < days; d++) {
      this.programmes.forEach((p, k) => {
        if (p.dayStarts) this.write(p, bases[k]!, p.dayStarts[d]!, p.dayStarts[d + 1]!, texts, out);
      });
    }
    // A programme whose slots do not come day after day (not met in practice) is written whole.
    this.programmes.forEach((p, k) => {
      if (!p.dayStarts) this.write(p, bases[k]!, 0, p.count, texts, out);
    });
    return out;
  }

  /** Writes the programme's slots from..to (positions in its time order) for every member. */
  private write(p: SlotStore['programmes'][number], base: number, from: number, to: number, texts: SlotTexts, out: Slot[]): void {
    const { ids, durations, reasons, instantText } = texts;
    for (let r = from; r < to; r++) {
      const at = p.first + r;
      const chunk = at >>> 16;
      const offset = at & (CHUNK - 1);
      const item = this.items[chunk]![offset]!;
      const startMs = this.starts[chunk]![offset]!;
      const start = instantText(startMs);
      const end = instantText(startMs + durations[item]!);
      const itemId = ids[item]!;
      const window = this.labelTexts[this.labels[chunk]![offset]!]!;
      const reason = reasons[this.reasons[chunk]![offset]!]!;
      for (let m = 0; m < p.members.length; m++) {
        out[base + m * p.count + r] = { zone: p.members[m]!, start, end, itemId, window, reason };
      }
    }
  }

  private addChunk(): void {
    this.items.push(new Int32Array(CHUNK));
    this.starts.push(new Float64Array(CHUNK));
    this.labels.push(new Int32Array(CHUNK));
    this.reasons.push(new Int32Array(CHUNK));
  }
}

/**
 * formatInstant in the station's zone, each instant's text made once per plan. Texts of whole
 * seconds from `baseMs` on are kept in one array per hour, made when an instant of that hour is
 * first asked for; other instants are formatted each time.
 */
export function instantTexts(tz: string, baseMs: number): (ms: number) => string {
  const format = instantFormatter(tz);
  const hours: (string | undefined)[][] = [];
  return (ms) => {
    const second = (ms - baseMs) / 1000;
    if (!(second >= 0) || !Number.isInteger(second)) return format(ms);
    const hour = Math.floor(second / 3600);
    if (hour >= 1_000_000) return format(ms);
    while (hours.length <= hour) hours.push(NO_TEXTS);
    let texts = hours[hour]!;
    if (texts === NO_TEXTS) hours[hour] = texts = new Array<string | undefined>(3600).fill(undefined);
    return (texts[second - hour * 3600] ??= format(ms));
  };
}

const NO_TEXTS: (string | undefined)[] = [];
