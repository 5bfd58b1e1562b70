/**
 * Why a target or a peak window went unserved. Each failed attempt (one scan of the candidate items)
 * is put down to one cause, the one that refused most of its items; a shortfall names the cause of
 * most of its failed attempts. Ties go to the cause listed first: a rule's max over the ceremonial
 * cap over the operator's orders over repeat limits over space, and validity only when nothing else
 * stood in the way (an item that is not valid was never on hand).
 */
import type { ShortfallReason } from '../domain/plan.ts';
import { Refusal } from './candidates.ts';

export const Cause = {
  max: 0,
  ceremonial: 1,
  excluded: 2,
  pinned: 3,
  repeat: 4,
  space: 5,
  validity: 6,
} as const;
export type Cause = (typeof Cause)[keyof typeof Cause];
const CAUSE_COUNT = 7;

const REASON_OF: readonly ShortfallReason[] = [
  'max-would-break',
  'ceremonial-cap',
  'excluded',
  'pinned-elsewhere',
  'repeat-limits',
  'windows-too-short',
  'items-expire',
];

/** The cause of a refusal, or −1 for none. */
export function causeOf(code: Refusal): Cause | -1 {
  switch (code) {
    case Refusal.fit:
      return Cause.space;
    case Refusal.notYetValid:
    case Refusal.expired:
      return Cause.validity;
    case Refusal.excluded:
      return Cause.excluded;
    case Refusal.reservedForPin:
      return Cause.pinned;
    case Refusal.oncePerWindow:
    case Refusal.perDay:
    case Refusal.repeatGap:
      return Cause.repeat;
    case Refusal.topicMax:
    case Refusal.weekSpread:
    case Refusal.priorityShare:
      return Cause.max;
    case Refusal.ceremonial:
      return Cause.ceremonial;
    default:
      return -1;
  }
}

/** Counts by cause (of refused items in a scan, or of failed scans of a target). */
export class CauseTally {
  private readonly counts = new Int32Array(CAUSE_COUNT);
  private total = 0;

  /** Counts one refusal code (OK is ignored). */
  addRefusal(code: Refusal): void {
    const cause = causeOf(code);
    if (cause >= 0) this.add(cause as Cause);
  }

  add(cause: Cause, n = 1): void {
    this.counts[cause]! += n;
    this.total += n;
  }

  /** The most counted cause (validity only when alone), or −1 when nothing was counted. */
  dominant(): Cause | -1 {
    let best: Cause | -1 = -1;
    let most = 0;
    for (let c = 0; c < Cause.validity; c++) {
      if (this.counts[c]! > most) [best, most] = [c as Cause, this.counts[c]!];
    }
    if (best < 0 && this.counts[Cause.validity]! > 0) best = Cause.validity;
    return best;
  }

  /** Adds every count of another tally. */
  addTally(other: CauseTally): void {
    if (other.total === 0) return;
    for (let c = 0; c < CAUSE_COUNT; c++) this.counts[c]! += other.counts[c]!;
    this.total += other.total;
  }

  clear(): void {
    if (this.total === 0) return;
    this.counts.fill(0);
    this.total = 0;
  }
}

/** The shortfall reason that names a cause. */
export function reasonOfCause(cause: Cause): ShortfallReason {
  return REASON_OF[cause]!;
}
