import type { Logger } from 'pino';
import type { AirtimeCarrier } from '../storage/airtime.ts';
import type { OutputDriver, OutputHealth } from './output.ts';
import type { Reception } from './reception.ts';

/** A player's outputs by the zone they belong to: each member of a group keeps its own. */
export type OutputsByZone = ReadonlyMap<string, readonly OutputDriver[]>;

/** What one zone's outputs did with an airing, for its airtime row. */
export interface ZoneCarriage {
  /** The outputs that carried it (were up while its frames went out), by name. */
  outputs: string[];
  /** When frames went out but none of the zone's outputs carried them: each output and its last error. */
  failure: string | null;
  /** How many receivers got it (monitors never count), and the outputs that delivered it to them. */
  receivers: number;
  carriers: AirtimeCarrier[];
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
   * Every output gets the same Buffer (never a copy per output or per listener). With `reception`
   * (the frames are an airing's, and nothing else), the receivers present before its first frame are
   * noted, and each output that carries these frames, judged by its health right after the write.
   */
  write(frames: Buffer, reception?: Reception): void {
    reception?.open(this.outputs);
    for (const out of this.outputs) {
      try {
        out.write(frames);
        if (this.failing.delete(out)) this.log.info({ output: out.name }, 'output accepts frames again');
      } catch (err) {
        this.fail(out, err, 'output write failed');
        continue;
      }
      if (reception && carries(out)) reception.carriers.add(out);
    }
    reception?.wrote(frames.length);
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
  carriage(zone: string, reception: Reception, aired: boolean): ZoneCarriage {
    const mine = this.byZone.get(zone) ?? [];
    const outputs = mine.filter((out) => reception.carriers.has(out)).map((out) => out.name);
    const carriers = reception.deliveredBy(mine);
    const heard = { receivers: carriers.reduce((n, c) => n + c.receivers, 0), carriers };
    if (outputs.length > 0 || !aired) return { outputs, failure: null, ...heard };
    if (mine.length === 0) return { outputs, failure: 'no output carried it: the zone has no outputs', ...heard };
    const why = mine.map((out) => {
      const h = healthOf(out);
      return `${out.name}: ${h?.lastError ?? (h ? `was ${h.state}` : 'health unknown')}`;
    });
    // A failed row lists the outputs that should have carried it (the detail says why each did not),
    // so reports can count failures per output.
    return { outputs: mine.map((out) => out.name), failure: `no output carried it — ${why.join('; ')}`, ...heard };
  }

  private fail(out: OutputDriver, err: unknown, message: string): void {
    // Writes repeat ~10 times a second: a broken output is logged when it breaks, not on every write.
    if (!this.failing.has(out)) this.log.error({ err, output: out.name }, message);
    this.failing.add(out);
  }
}

/**
 * An output carries what it was just given when it reports 'up'. A mount (an output with listeners)
 * is our own server: started, it carries, even while 'idle' (the frames were pure silence). Carrying
 * is not being heard: who received the frames is the Reception's to say.
 */
function carries(out: OutputDriver): boolean {
  const h = healthOf(out);
  if (!h) return false;
  return h.state === 'up' || (h.listeners !== null && h.state === 'idle');
}

function healthOf(out: OutputDriver): OutputHealth | null {
  try {
    return out.health();
  } catch {
    return null;
  }
}
