import { readFile } from 'node:fs/promises';
import { indexFrames } from '../library/mp3Frames.ts';

/** The MP3 frames of one canonical audio file, which the player writes one by one. */
export interface FrameSource {
  readonly path: string;
  readonly frameCount: number;
  readonly durationMs: number;
  /** Size of the file in bytes (what it costs to keep cached). */
  readonly bytes: number;
  /** Frame `i` (0-based) as a view into the file's bytes (no copy). */
  frame(i: number): Buffer;
  /** Set on a source still growing (liveFrames.ts): an airing of it ends only once it has ended. */
  readonly live?: { ended(): boolean };
}

/** Loads the frames of a file; a zone player calls it ahead of each entry. */
export type FrameLoader = (path: string) => Promise<FrameSource>;

/** Options of createFrameLoader. */
export interface FrameLoaderOptions {
  /** Cache budget in bytes of MP3 (default 64 MiB, ~90 min of 96 kbps audio). */
  maxBytes?: number;
  /** Injected for tests; defaults to fs.readFile. */
  read?: (path: string) => Promise<Buffer>;
}

/**
 * Indexes a canonical MP3 (MPEG-1 Layer III, 44.1 kHz, mono, no tags) into a FrameSource. Throws
 * when the bytes are not that, because mixing formats inside one stream breaks devices' decoders.
 */
export function frameSourceOf(path: string, bytes: Buffer): FrameSource {
  const index = indexFrames(bytes);
  if (index.frameCount === 0) throw new Error(`${path}: no MP3 frames found (${bytes.length} bytes)`);
  if (index.version !== 1 || index.sampleRate !== 44_100 || index.channels !== 1) {
    throw new Error(
      `${path}: not canonical audio (MPEG-${index.version} ${index.sampleRate} Hz, ${index.channels} channel(s); ` +
        'want MPEG-1 44100 Hz mono): re-ingest the item',
    );
  }
  const { offsets, sizes } = index;
  return {
    path,
    frameCount: index.frameCount,
    durationMs: index.durationMs,
    bytes: bytes.length,
    frame(i) {
      const at = offsets[i];
      const size = sizes[i];
      if (at === undefined || size === undefined) throw new RangeError(`${path}: no frame ${i} of ${index.frameCount}`);
      return bytes.subarray(at, at + size);
    },
  };
}

/**
 * A FrameLoader with an LRU cache by path (audio files are content-addressed, so a path's bytes never
 * change). Concurrent loads of one path share a read; failures are not cached (the file may come back).
 */
export function createFrameLoader(opts: FrameLoaderOptions = {}): FrameLoader {
  const maxBytes = opts.maxBytes ?? 64 * 1024 * 1024;
  const read = opts.read ?? ((path: string) => readFile(path));
  // Map order is recency order: a hit is deleted and set again, the oldest is evicted first.
  const cache = new Map<string, Promise<FrameSource>>();
  const sizes = new Map<string, number>();
  let total = 0;

  function forget(path: string): void {
    cache.delete(path);
    total -= sizes.get(path) ?? 0;
    sizes.delete(path);
  }

  function evict(): void {
    for (const path of cache.keys()) {
      if (total <= maxBytes || cache.size <= 1) return;
      if (sizes.has(path)) forget(path);
    }
  }

  return (path) => {
    const hit = cache.get(path);
    if (hit) {
      cache.delete(path);
      cache.set(path, hit);
      return hit;
    }
    const source = read(path).then(
      (bytes) => frameSourceOf(path, bytes),
      (err: unknown) => {
        throw new Error(`cannot read audio ${path}: ${(err as Error).message}`, { cause: err });
      },
    );
    cache.set(path, source);
    source.then(
      (s) => {
        if (cache.get(path) !== source) return;
        sizes.set(path, s.bytes);
        total += s.bytes;
        evict();
      },
      () => {
        if (cache.get(path) === source) forget(path);
      },
    );
    return source;
  };
}

/** Where an entry's audio stands for the player. */
export type AudioLoad = { state: 'loading' } | { state: 'ready'; frames: FrameSource } | { state: 'failed'; reason: string };

/**
 * The audio of upcoming entries by entry key, requested ahead of time. The loader may answer with a
 * plain value (tests, warm cache) or a promise; a load that settles after its entry was dropped is ignored.
 */
export class EntryAudio {
  private readonly loads = new Map<string, AudioLoad>();

  constructor(private readonly load: (path: string) => FrameSource | Promise<FrameSource>) {}

  /** Starts loading on first call; returns where the load stands. */
  request(key: string, path: string): AudioLoad {
    const known = this.loads.get(key);
    if (known) return known;
    this.loads.set(key, { state: 'loading' });
    const settle = (load: AudioLoad) => {
      if (this.loads.get(key)?.state === 'loading') this.loads.set(key, load);
    };
    try {
      const result = this.load(path);
      if (result instanceof Promise) {
        result.then(
          (frames) => settle({ state: 'ready', frames }),
          (err: unknown) => settle({ state: 'failed', reason: (err as Error).message }),
        );
      } else {
        settle({ state: 'ready', frames: result });
      }
    } catch (err) {
      settle({ state: 'failed', reason: (err as Error).message });
    }
    return this.loads.get(key) as AudioLoad;
  }

  forget(key: string): void {
    this.loads.delete(key);
  }

  /** Drops the loads of entries no longer in the plan. */
  keepOnly(keys: Set<string>): void {
    for (const key of this.loads.keys()) if (!keys.has(key)) this.loads.delete(key);
  }
}
