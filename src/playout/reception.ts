import type { AirtimeCarrier, CarrierKind } from '../storage/airtime.ts';
import type { OutputDriver, Receiver } from './output.ts';

/**
 * A receiver heard a play when it took at least this share of the play's bytes (decisions §2): a
 * device that left half-way, or joined late, did not hear it.
 */
export const HEARD_SHARE = 0.9;

/**
 * What the outputs did with one airing's frames: which outputs carried them (OutputFanout judges that
 * by their health) and which receivers got them. It opens on the airing's first write: only receivers
 * present then can count (an HTTP client that connects mid-play cannot have heard the play), each
 * with what it had taken by then, so that its share of the play is what it took since. What a
 * receiver took is its output's to say: an HTTP mount counts what the device's TCP stack acknowledged
 * (httpMount.ts, tcpBacklog.ts), not what was handed to the kernel on its behalf.
 */
export class Reception {
  /** The outputs that carried some of the frames. */
  readonly carriers = new Set<OutputDriver>();
  /** Bytes of the airing written to the outputs (each output got the same bytes). */
  private bytes = 0;
  /** Per output, its receivers at the first frame and what each had taken by then. */
  private baselines: Map<OutputDriver, Map<Receiver, number>> | null = null;

  /** True once the first frame went out. */
  get opened(): boolean {
    return this.baselines !== null;
  }

  /** Notes the receivers of `outputs` just before the airing's first frame goes out (once). */
  open(outputs: readonly OutputDriver[]): void {
    if (this.baselines) return;
    this.baselines = new Map();
    for (const out of outputs) {
      const start = new Map<Receiver, number>();
      for (const r of receiversOf(out)) start.set(r, delivered(r));
      this.baselines.set(out, start);
    }
  }

  /** `bytes` of the airing were just written to the outputs. */
  wrote(bytes: number): void {
    this.bytes += bytes;
  }

  /** How many of `out`'s receivers took at least HEARD_SHARE of the airing (0 when nothing of it went out). */
  receivedBy(out: OutputDriver): number {
    const start = this.baselines?.get(out);
    if (!start || this.bytes === 0) return 0;
    const needed = HEARD_SHARE * this.bytes;
    let n = 0;
    for (const [r, before] of start) if (delivered(r) - before >= needed) n++;
    return n;
  }

  /** The outputs among `outputs` that delivered the airing to a receiver, with how many. */
  deliveredBy(outputs: readonly OutputDriver[]): AirtimeCarrier[] {
    return outputs.flatMap((out) => {
      const receivers = this.receivedBy(out);
      return receivers > 0 ? [{ output: out.name, kind: carrierKind(out.name), receivers }] : [];
    });
  }
}

/** The kind of an output, from its name (http:/stream/…, icecast://…, rtp://…). */
export function carrierKind(name: string): CarrierKind {
  if (name.startsWith('http:')) return 'http';
  if (name.startsWith('icecast://')) return 'icecast';
  if (name.startsWith('rtp://')) return 'rtp';
  return 'other';
}

/** An output's receivers; an output that throws has none (outputs never throw into the player). */
function receiversOf(out: OutputDriver): Iterable<Receiver> {
  try {
    return [...(out.receivers?.() ?? [])];
  } catch {
    return [];
  }
}

function delivered(r: Receiver): number {
  try {
    return r.delivered();
  } catch {
    return 0;
  }
}
