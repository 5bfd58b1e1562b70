/**
 * The driver interface every output (HTTP mount, Icecast push, RTP, future vendor gateways) implements.
 * A zone player writes canonical MP3 frames, paced in real time, to each of its outputs; an output
 * never throws into the player: it records its failure in its health and retries on its own.
 */
export interface OutputHealth {
  /** Stable label, e.g. "http", "icecast://host:8000/tdp-1", "rtp://239.0.0.1:5004". */
  name: string;
  state: 'up' | 'down' | 'connecting' | 'idle';
  /** Devices currently listening (HTTP mount) or null when not meaningful. */
  listeners: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  bytesSent: number;
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
}
