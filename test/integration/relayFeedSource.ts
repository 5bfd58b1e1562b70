import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { Socket } from 'node:net';
import { indexFrames } from '../../src/library/mp3Frames.ts';
import { runFfmpegCli } from '../support/makeAudio.ts';
import { freePort } from '../support/ports.ts';

/**
 * A radio station's stream for relay tests: a plain Node HTTP server that sends an MP3 file, looped,
 * at its bitrate in real time (as an Icecast mount does, with a burst of past audio on connect), and
 * that the test can kill (every connection dropped, nothing listening) and bring back on the same port.
 */
export interface ToneStation {
  url: string;
  port: number;
  /** Connections served so far. */
  connections(): number;
  /** The source dies: listening stops and every open stream is cut. */
  kill(): Promise<void>;
  /** The source is back on the same port. */
  revive(): Promise<void>;
  close(): Promise<void>;
}

/**
 * An MP3 of `seconds` of a `freq` Hz tone (0: silence), then `silentSeconds` of digital silence, at
 * 128 kbps stereo 44.1 kHz: not the canonical format, so the relay's transcoding is exercised.
 */
export async function makeStationAudio(dir: string, name: string, freq: number, seconds: number, silentSeconds = 0): Promise<string> {
  const file = `${dir}/${name}`;
  const tone = `sine=frequency=${freq}:sample_rate=44100:duration=${seconds}`;
  const src = silentSeconds > 0 ? `${tone},apad=pad_dur=${silentSeconds}` : tone;
  await runFfmpegCli(['-f', 'lavfi', '-i', src, '-ac', '2', '-ar', '44100', '-c:a', 'libmp3lame', '-b:a', '128k',
    '-write_xing', '0', '-id3v2_version', '0', '-f', 'mp3', file]);
  return file;
}

/** Starts a station streaming `file` (an MP3 without tags) looped, from its start for each listener, or from `loop: false` once. */
export async function startToneStation(file: string, opts: { burstBytes?: number; loop?: boolean } = {}): Promise<ToneStation> {
  const bytes = await readFile(file);
  const index = indexFrames(bytes);
  const bytesPerMs = bytes.length / index.durationMs; // CBR: its bitrate, in bytes per ms
  const port = await freePort();
  const sockets = new Set<Socket>();
  let served = 0;
  let server: http.Server | null = null;

  const serve = (req: http.IncomingMessage, res: http.ServerResponse) => {
    served++;
    res.writeHead(200, { 'content-type': 'audio/mpeg', 'icy-br': String(Math.round(bytesPerMs * 8)), 'icy-name': 'Tone station', 'cache-control': 'no-cache' });
    let at = 0;
    const send = (n: number) => {
      while (n > 0) {
        if (at >= bytes.length) {
          if (opts.loop === false) return res.end();
          at = 0;
        }
        const piece = bytes.subarray(at, Math.min(bytes.length, at + n));
        res.write(piece);
        at += piece.length;
        n -= piece.length;
      }
    };
    send(opts.burstBytes ?? 32 * 1024);
    const began = Date.now();
    let sent = 0;
    const timer = setInterval(() => {
      const owed = Math.floor((Date.now() - began) * bytesPerMs) - sent;
      sent += owed;
      send(owed);
    }, 50);
    const stop = () => clearInterval(timer);
    req.on('close', stop);
    res.on('close', stop);
  };

  async function listen(): Promise<void> {
    server = http.createServer(serve);
    server.on('connection', (s: Socket) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
  }

  async function kill(): Promise<void> {
    const s = server;
    server = null;
    if (!s) return;
    const closed = new Promise((r) => s.close(r));
    for (const sock of sockets) sock.destroy();
    await closed;
  }

  await listen();
  return {
    url: `http://127.0.0.1:${port}/stream.mp3`,
    port,
    connections: () => served,
    kill,
    revive: listen,
    close: kill,
  };
}
