/**
 * The timeline of a player's continuous output stream: frame `slot` is due at anchor + slot × 26.122 ms.
 * Due times are computed from the whole frame count (in samples), never accumulated, so hours of
 * streaming do not drift; items start on this grid, which keeps every listener's buffer constant.
 */
export class StreamGrid {
  private anchor = 0;
  private slot = 0;
  private expectedAt = 0;

  /** Starts a fresh stream timeline at `at` (start-up, clock jump). */
  reset(at: number): void {
    this.anchor = at;
    this.slot = 0;
  }

  /** When the next frame to write is due. */
  due(): number {
    return this.dueOf(this.slot);
  }

  /** When the frame `ahead` slots after the next one is due (−1: the frame written last). */
  dueAfter(ahead: number): number {
    return this.dueOf(this.slot + ahead);
  }

  /** When the first frame from the next one on that is due at or after `ms` is due. */
  firstDueFrom(ms: number): number {
    let s = Math.max(this.slot, Math.ceil(((ms - this.anchor) * 44_100) / 1_152_000));
    // The division above and dueOf() round differently: settle on the exact slot dueOf() agrees with.
    while (this.dueOf(s) < ms) s++;
    while (s > this.slot && this.dueOf(s - 1) >= ms) s--;
    return this.dueOf(s);
  }

  /** One frame written. */
  advance(): void {
    this.slot++;
  }

  /** Remembers and returns when the next tick is planned (see jump()). */
  plan(atMs: number): number {
    this.expectedAt = atMs;
    return atMs;
  }

  /**
   * How far the wall clock stepped since the tick was planned: > 0 forward (a tick `forwardMs` late),
   * < 0 backward (a tick `backwardMs` early, which timers on the monotonic clock never are), else 0.
   */
  jump(now: number, forwardMs: number, backwardMs: number): number {
    const late = now - this.expectedAt;
    if (this.slot === 0 || (late < forwardMs && late > -backwardMs)) return 0;
    return late;
  }

  private dueOf(slot: number): number {
    return this.anchor + (slot * 1152 * 1000) / 44_100;
  }
}
