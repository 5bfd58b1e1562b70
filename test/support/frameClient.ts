import { readFile } from 'node:fs/promises';
import net from 'node:net';
import { indexFrames, parseFrameHeader } from '../../src/library/mp3Frames.ts';

/**
 * A plain device on a zone's stream (a raw socket, no decoder): it notes when each MP3 frame arrived,
 * which is when a loudspeaker head-end would have it. Tests and benches find an item's frames in what
 * came by content (see framesOf), so a bulletin's arrival is timed without a decoder's buffering.
 */
export interface FrameClient {
  ready: Promise<number>;
  /** Every whole frame received, with the wall-clock ms its last byte arrived. */
  frames(): { at: number; frame: Buffer }[];
  close(): void;
}

/** Connects to `path` (use `?monitor=1`: a test is not a receiver) on the daemon at `port`. */
export function connectFrameClient(port: number, path: string): FrameClient {
  const socket = net.connect({ host: '127.0.0.1', port });
  socket.on('error', () => {});
  const got: { at: number; frame: Buffer }[] = [];
  let head: Buffer | null = Buffer.alloc(0);
  let body: Buffer = Buffer.alloc(0);
  // A relay (icecast2) may start a listener mid-frame: the first whole frame is found by its header.
  let synced = false;
  let resolveReady: (status: number) => void = () => {};
  const ready = new Promise<number>((resolve, reject) => {
    resolveReady = resolve;
    socket.on('close', () => reject(new Error(`stream ${path} closed before its head`)));
  });
  socket.on('connect', () => socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`));
  socket.on('data', (chunk: Buffer) => {
    const at = Date.now();
    if (head !== null) {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      resolveReady(Number(/^HTTP\/1\.[01] (\d{3})/.exec(head.toString('latin1', 0, end))?.[1] ?? 0));
      body = head.subarray(end + 4);
      head = null;
    } else body = Buffer.concat([body, chunk]);
    let o = synced ? 0 : syncPoint(body);
    if (o < 0) return; // no two frames in a row yet: wait for more
    synced = true;
    for (let h = parseFrameHeader(body, o); h && o + h.frameBytes <= body.length; h = parseFrameHeader(body, o)) {
      got.push({ at, frame: Buffer.from(body.subarray(o, o + h.frameBytes)) });
      o += h.frameBytes;
    }
    body = body.subarray(o);
  });
  return { ready, frames: () => got, close: () => void socket.destroy() };
}

/** Where the first frame starts that is followed by another frame (a lone header may be audio bytes); -1 when not found yet. */
function syncPoint(body: Buffer): number {
  for (let o = 0; o + 4 <= body.length; o++) {
    const h = parseFrameHeader(body, o);
    if (h && parseFrameHeader(body, o + h.frameBytes)) return o;
  }
  return -1;
}

/** The frames of a canonical MP3 file as a set of their bytes (hex), less any found in `exclude` (shared frames identify nothing). */
export async function framesOf(path: string, exclude: Set<string> = new Set()): Promise<Set<string>> {
  const bytes = await readFile(path);
  const { offsets, sizes, frameCount } = indexFrames(bytes);
  const out = new Set<string>();
  for (let i = 0; i < frameCount; i++) {
    const hex = bytes.subarray(offsets[i]!, offsets[i]! + sizes[i]!).toString('hex');
    if (!exclude.has(hex)) out.add(hex);
  }
  return out;
}

/** Arrival times of the received frames that belong to `set`. */
export function arrivalsOf(client: FrameClient, set: Set<string>): number[] {
  return client.frames().filter((f) => set.has(f.frame.toString('hex'))).map((f) => f.at);
}
