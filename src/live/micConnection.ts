import { PassThrough } from 'node:stream';
import type { RawData, WebSocket } from 'ws';
import { ApiError } from '../errors.ts';
import { translate, type Lang } from '../i18n/messages.ts';
import type { BroadcastStatus, LiveBroadcast, LiveResult } from './broadcaster.ts';

/**
 * What the daemon says on the microphone's socket (JSON text messages). `ready` once the zones are
 * held; `queued` while a priority broadcast waits for the item on air; `on-air` when zones hear it
 * (with no zone when playout is off: it is only recorded); `ended` once the recording is kept; `error`
 * in the asked language just before the socket closes with code 4000 + the HTTP status.
 */
export type MicServerMessage =
  | { type: 'ready'; zones: string[] }
  | { type: 'queued'; zones: string[] }
  | { type: 'on-air'; zones: string[] }
  | ({ type: 'ended' } & LiveResult)
  | { type: 'error'; code: string; message: string };

/** The page's side: binary messages are the recording's chunks (MediaRecorder), a text `{"type":"stop"}` ends it. */
export type MicClientMessage = { type: 'stop' };

/** Where a fault is written (the request's logger). */
type ErrorLog = { error(obj: object, msg: string): void };

/** A socket that answers no ping this long is gone (a laptop that slept, a dropped Wi-Fi): its broadcast ends. */
const HEARTBEAT_MS = 15_000;

/** The close code of a refusal: 4000 + its HTTP status (4409 busy, 4422 no audio…), 4500 for a fault. */
export const closeCodeOf = (status: number): number => 4000 + (status >= 400 && status < 600 ? status : 500);

/** Sends an error in words and closes the socket with its code. */
export function refuseSocket(socket: WebSocket, err: unknown, lang: Lang, log: ErrorLog): void {
  const known = err instanceof ApiError;
  if (!known) log.error({ err }, 'live microphone broadcast failed');
  const message = known ? translate(err.code, lang, err.params) : translate('internal-error', lang);
  send(socket, { type: 'error', code: known ? err.code : 'internal-error', message });
  socket.close(closeCodeOf(known ? err.statusCode : 500), known ? err.code : 'internal-error');
}

function send(socket: WebSocket, message: MicServerMessage): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

/**
 * Runs one microphone broadcast on an open socket whose zones `live` holds: the first audio chunk
 * starts it (the page counts down before recording), every chunk feeds the transcoder as it comes,
 * and a stop message or the socket's end (closed, dropped, silent to pings) ends it; the zones go
 * back to their programme when the last frames have aired. A socket gone before any audio gives the
 * zones back unused.
 */
export function serveMicrophone(socket: WebSocket, live: LiveBroadcast & { reached: string[] }, lang: Lang, log: ErrorLog): void {
  const audio = new PassThrough();
  let started = false;
  let alive = true;
  const heartbeat = setInterval(() => {
    if (!alive) return void socket.terminate();
    alive = false;
    socket.ping();
  }, HEARTBEAT_MS);
  socket.on('pong', () => (alive = true));

  const start = () => {
    started = true;
    live.air(audio, (status: BroadcastStatus) => send(socket, status.state === 'queued' ? { type: 'queued', zones: status.zones } : { type: 'on-air', zones: status.zones })).then(
      (result) => {
        send(socket, { type: 'ended', ...result });
        socket.close(1000, 'ended');
      },
      (err: unknown) => refuseSocket(socket, err, lang, log),
    );
  };

  socket.on('message', (data: RawData, isBinary: boolean) => {
    if (isBinary) {
      if (audio.writableEnded) return;
      if (!started) start();
      audio.write(Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer));
      return;
    }
    let message: Partial<MicClientMessage> = {};
    try {
      message = JSON.parse(data.toString()) as Partial<MicClientMessage>;
    } catch {
      // Not JSON: nothing the page sends; ignored rather than ending someone's broadcast.
    }
    if (message.type !== 'stop') return;
    if (started) audio.end();
    else socket.close(1000, 'stopped');
  });

  socket.on('close', () => {
    clearInterval(heartbeat);
    if (started) audio.end();
    else live.release();
  });

  send(socket, { type: 'ready', zones: live.reached });
}
