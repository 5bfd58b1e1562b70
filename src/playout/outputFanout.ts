import type { Logger } from 'pino';
import type { OutputDriver, OutputHealth } from './output.ts';

/** A player's outputs by the zone they belong to: each member of a group keeps its own. */
export type OutputsByZone = ReadonlyMap<string, readonly OutputDriver[]>;

/**
 * The outputs that carried an airing's frames, each with the most listeners it had while doing so
 * (null for outputs without listeners). Filled by OutputFanout.write, read by carriage().
 */
export type Carried = Map<OutputDriver, number | null>;

/** What one zone's outputs did with an airing, for its airtime row. */
export interface ZoneCarriage {
  /** The outputs that carried it, as the airtime log lists them ("http:/stream/tdp-1 (3 listeners)"). */
  outputs: string[];
  /** When frames went out but none of the zone's outputs carried them: each output and its last error. */
  failure: string | null;
}

/**
 * A player's outputs driven together. Each call is isolated per output: one that throws (or rejects)
 * is logged, once until it recovers, and never stops the player or the other outputs.
 */
export class OutputFanout {
  private readonly failing = new Set<OutputDriver>();
  /** Every output once, even if a misconfigured group lists one under two zones. */
  private readonly outputs: readonly OutputDriver[];

  constructor(
    private readonly byZone: OutputsByZone,
    private readonly log: Logger,
  ) {
    this.outputs = [...new Set([...byZone.values()].flat())];
  }

  async start(): Promise<void> {
    await Promise.all(this.outputs.map((out) => out.start().catch((err: unknown) => this.fail(out, err, 'output failed to start'))));
  }

  async stop(): Promise<void> {
    await Promise.all(this.outputs.map((out) => out.stop().catch((err: unknown) => this.fail(out, err, 'output failed to stop'))));
  }

  /**
   * Every output gets the same Buffer (never a copy per output or per listener). With `carried`, each
   * output that carries these frames is noted in it, judged by its health right after the write.
   */
  write(frames: Buffer, carried?: Carried): void {
    for (const out of this.outputs) {
      try {
        out.write(frames);
        if (this.failing.delete(out)) this.log.info({ output: out.name }, 'output accepts frames again');
      } catch (err) {
        this.fail(out, err, 'output write failed');
        continue;
      }
      if (carried) noteCarrier(out, carried);
    }
  }

  idle(): void {
    for (const out of this.outputs) {
      try {
        out.idle();
      } catch (err) {
        this.fail(out, err, 'output failed to go idle');
      }
    }
  }

  /** Names of the zone's outputs not reported down: what an airing starts on, until its end says what carried it. */
  live(zone: string): string[] {
    return (this.byZone.get(zone) ?? [])
      .filter((out) => {
        const state = healthOf(out)?.state;
        return state !== undefined && state !== 'down';
      })
      .map((out) => out.name);
  }

  /**
   * What the zone's outputs did with an airing. `aired` is false when no frame of it was written at
   * all (stopped or cut before its first frame): then no output is at fault either.
   */
  carriage(zone: string, carried: Carried, aired: boolean): ZoneCarriage {
    const mine = this.byZone.get(zone) ?? [];
    const outputs = mine.filter((out) => carried.has(out)).map((out) => label(out, carried.get(out) ?? null));
    if (outputs.length > 0 || !aired) return { outputs, failure: null };
    if (mine.length === 0) return { outputs, failure: 'no output carried it: the zone has no outputs' };
    const why = mine.map((out) => {
      const h = healthOf(out);
      return `${out.name}: ${h?.lastError ?? (h ? `was ${h.state}` : 'health unknown')}`;
    });
    // A failed row lists the outputs that should have carried it (the detail says why each did not),
    // so reports can count failures per output.
    return { outputs: mine.map((out) => out.name), failure: `no output carried it — ${why.join('; ')}` };
  }

  private fail(out: OutputDriver, err: unknown, message: string): void {
    // Writes repeat ~10 times a second: a broken output is logged when it breaks, not on every write.
    if (!this.failing.has(out)) this.log.error({ err, output: out.name }, message);
    this.failing.add(out);
  }
}

/**
 * An output carries what it was just given when it reports 'up'. A mount (an output with listeners)
 * is our own server: started, it carries, even while 'idle' (the frames were pure silence).
 */
function noteCarrier(out: OutputDriver, carried: Carried): void {
  const h = healthOf(out);
  if (!h) return;
  const mount = h.listeners !== null;
  if (h.state !== 'up' && !(mount && h.state === 'idle')) return;
  carried.set(out, mount ? Math.max(carried.get(out) ?? 0, h.listeners ?? 0) : null);
}

function healthOf(out: OutputDriver): OutputHealth | null {
  try {
    return out.health();
  } catch {
    return null;
  }
}

function label(out: OutputDriver, listeners: number | null): string {
  return listeners === null ? out.name : `${out.name} (${listeners} ${listeners === 1 ? 'listener' : 'listeners'})`;
}
