import net from 'node:net';
import { parseFrameHeader } from '../../src/library/mp3Frames.ts';

/**
 * A plain device pulling /stream/:zone over a raw socket (no decoder): it reads the MP3 frames as they
 * come and tells the silence Loa sends between programmes (the frame the stream starts with, repeated)
 * from programme audio, so a test can say how much of a play it got, or leave part-way through one.
 */
export interface StreamListener {
  /** Resolves with the response's status once its head has come (the mount has attached it by then). */
  ready: Promise<number>;
  /** Bytes of programme audio (frames other than the silence it started with) received so far. */
  programmeBytes(): number;
  /** True once the socket is closed (by the server, by close(), or by `leaveAfter`). */
  closed(): boolean;
  close(): void;
}

export interface StreamListenerOptions {
  /** Leave (close the socket) once this many bytes of programme audio have come. */
  leaveAfter?: number;
}

/** Connects to `path` (e.g. "/stream/tdp-1?monitor=1") on the daemon at `port`, on loopback. */
export function listenToStream(port: number, path: string, opts: StreamListenerOptions = {}): StreamListener {
  const socket = net.connect({ host: '127.0.0.1', port });
  socket.on('error', () => {}); // a close is all a test looks at
  let head: Buffer | null = Buffer.alloc(0);
  let body: Buffer = Buffer.alloc(0);
  let silence: Buffer | null = null;
  let programme = 0;
  let resolveReady: (status: number) => void = () => {};
  let rejectReady: (err: Error) => void = () => {};
  const ready = new Promise<number>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  socket.on('connect', () => socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUser-Agent: loa-test-device\r\n\r\n`));
  socket.on('close', () => rejectReady(new Error(`stream ${path} closed before its head`)));

  const readFrames = () => {
    let at = 0;
    for (;;) {
      const h = parseFrameHeader(body, at);
      if (!h || at + h.frameBytes > body.length) break;
      const frame = body.subarray(at, at + h.frameBytes);
      silence ??= Buffer.from(frame);
      if (!frame.equals(silence)) programme += frame.length;
      at += h.frameBytes;
      if (opts.leaveAfter !== undefined && programme >= opts.leaveAfter) {
        socket.destroy();
        break;
      }
    }
    body = body.subarray(at);
  };

  socket.on('data', (chunk: Buffer) => {
    if (head !== null) {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head.toString('latin1', 0, end))?.[1] ?? 0);
      body = head.subarray(end + 4);
      head = null;
      resolveReady(status);
      if (status !== 200) socket.destroy();
    } else {
      body = Buffer.concat([body, chunk]);
    }
    readFrames();
  });

  return {
    ready,
    programmeBytes: () => programme,
    closed: () => socket.destroyed,
    close: () => void socket.destroy(),
  };
}
