/**
 * The driver interface every output (HTTP mount, Icecast push, RTP, future vendor gateways) implements.
 * A zone player writes canonical MP3 frames, paced in real time, to each of its outputs; an output
 * never throws into the player: it records its failure in its health and retries on its own.
 */
export interface OutputHealth {
  /** Stable label, e.g. "http", "icecast://host:8000/tdp-1", "rtp://239.0.0.1:5004". */
  name: string;
  state: 'up' | 'down' | 'connecting' | 'idle';
  /** Devices currently listening (HTTP mount; monitors not counted) or null when not meaningful. */
  listeners: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  bytesSent: number;
}

/**
 * Someone an output hands frames to: an HTTP client, the Icecast server, the RTP destination. The
 * same object for as long as it is fed (it outlives a disconnect), so a play's reception is the growth
 * of `delivered()` between the play's first frame and its end (see reception.ts).
 */
export interface Receiver {
  /** Bytes it has taken so far: handed to its connection, less what was still unsent when it was lost. */
  delivered(): number;
}

export interface OutputDriver {
  readonly name: string;
  /** Opens connections; resolves once started (not necessarily connected). */
  start(): Promise<void>;
  /** One or more whole MP3 frames, in order. Must not block the player. */
  write(frames: Buffer): void;
  /** Called when the programme ends or pauses (between windows). */
  idle(): void;
  stop(): Promise<void>;
  health(): OutputHealth;
  /**
   * The receivers it feeds now, monitors left out. An output without it reaches no receiver Loa can
   * vouch for: plays it carries are not heard through it.
   */
  receivers?(): Iterable<Receiver>;
}
