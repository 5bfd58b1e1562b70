import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { PassThrough, type Readable } from 'node:stream';
import { ApiError } from '../errors.ts';
import { pickLang, translate } from '../i18n/messages.ts';

/** The head of a source client's request, as it came. */
export interface SourceRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
}

/** What answers a source: the user it authenticates to, then the broadcast that reads its audio to the end. */
export interface SourceHandler {
  /** Throws an ApiError (401, 403, 404…) to refuse the source before any audio is read. */
  accept(req: SourceRequest): { broadcast(audio: Readable): Promise<unknown> };
}

/** Longest request head a source may send. */
const MAX_HEAD = 16 * 1024;
const SOURCE_START = /^(?:SOURCE|PUT) \/live\//;

/**
 * Icecast source clients (BUTT, Mixxx, ffmpeg's icecast://) send `PUT` or `SOURCE /live/<mount>` and
 * then the audio for as long as they broadcast, with no Content-Length and no chunking: not an HTTP
 * body Node's parser can read (it would take the audio for the next request). So such connections are
 * taken before the HTTP server sees them, by their first bytes; every other connection goes on to the
 * HTTP server untouched.
 */
export function takeSourceConnections(server: Server, handler: SourceHandler): { closeAll(): void } {
  const httpListeners = server.listeners('connection') as ((socket: Socket) => void)[];
  // The HTTP server does not know these sockets (sources, and connections that have sent nothing
  // yet): closing it must end them itself, or its close would wait for them.
  const unknown = new Set<Socket>();
  server.removeAllListeners('connection');
  server.on('connection', (socket: Socket) => {
    unknown.add(socket);
    socket.on('close', () => unknown.delete(socket));
    socket.once('data', (first: Buffer) => {
      socket.pause();
      if (SOURCE_START.test(first.toString('latin1', 0, 16))) return void serveSource(socket, first, handler);
      unknown.delete(socket);
      socket.unshift(first);
      for (const listener of httpListeners) listener.call(server, socket);
      process.nextTick(() => socket.resume());
    });
  });
  return { closeAll: () => unknown.forEach((s) => s.destroy()) };
}

function parseHead(text: string): SourceRequest | null {
  const [line = '', ...rest] = text.split('\r\n');
  const m = /^(SOURCE|PUT) (\S+) HTTP\/1\.[01]$/.exec(line);
  if (!m) return null;
  const headers: Record<string, string> = {};
  for (const h of rest) {
    const colon = h.indexOf(':');
    if (colon > 0) headers[h.slice(0, colon).trim().toLowerCase()] = h.slice(colon + 1).trim();
  }
  return { method: m[1]!, path: m[2]!, headers };
}

function respond(socket: Socket, status: number, reason: string, body: unknown, extra: Record<string, string> = {}): void {
  const json = JSON.stringify(body);
  const head = [`HTTP/1.1 ${status} ${reason}`, 'Content-Type: application/json; charset=utf-8', `Content-Length: ${Buffer.byteLength(json)}`, 'Connection: close',
    ...Object.entries(extra).map(([k, v]) => `${k}: ${v}`)];
  if (!socket.destroyed) socket.end(`${head.join('\r\n')}\r\n\r\n${json}`);
}

/** Reads the head, asks the handler, then feeds the rest of the connection to the broadcast as its audio. */
function serveSource(socket: Socket, first: Buffer, handler: SourceHandler): void {
  socket.on('error', () => {}); // a source that drops is the end of its broadcast, nothing more
  let buffered = first;
  const onHead = (): void => {
    const end = buffered.indexOf('\r\n\r\n');
    if (end < 0) {
      if (buffered.length > MAX_HEAD) return respond(socket, 431, 'Request Header Fields Too Large', { statusCode: 431 });
      return void socket.once('data', (more: Buffer) => ((buffered = Buffer.concat([buffered, more])), onHead()));
    }
    const req = parseHead(buffered.toString('latin1', 0, end));
    if (!req) return respond(socket, 400, 'Bad Request', { statusCode: 400 });
    const lang = pickLang(req.headers['accept-language']);
    let session: ReturnType<SourceHandler['accept']>;
    try {
      if (/chunked/i.test(req.headers['transfer-encoding'] ?? '')) throw new ApiError(400, 'validation-failed', { details: 'Transfer-Encoding: chunked is not taken from source clients' });
      session = handler.accept(req);
    } catch (err) {
      if (!(err instanceof ApiError)) return respond(socket, 500, 'Internal Server Error', { statusCode: 500 });
      const extra: Record<string, string> = err.statusCode === 401 ? { 'WWW-Authenticate': 'Basic realm="Loa live"' } : {};
      return respond(socket, err.statusCode, 'Refused', { statusCode: err.statusCode, code: err.code, message: translate(err.code, lang, err.params) }, extra);
    }
    // Clients that asked wait for 100 Continue; legacy SOURCE clients wait for 200 OK before sending audio.
    socket.write(req.headers.expect?.toLowerCase() === '100-continue' ? 'HTTP/1.1 100 Continue\r\n\r\n' : 'HTTP/1.0 200 OK\r\n\r\n');
    const audio = new PassThrough();
    const length = Number(req.headers['content-length'] ?? NaN);
    let left = Number.isFinite(length) ? length : Infinity;
    const feed = (chunk: Buffer): void => {
      const part = chunk.subarray(0, Math.min(chunk.length, left));
      left -= part.length;
      audio.write(part);
      if (left <= 0) audio.end();
    };
    if (buffered.length > end + 4) feed(buffered.subarray(end + 4));
    socket.on('data', feed);
    // A client that is done half-closes (FIN) and waits for our answer: its 'end' ends the audio.
    socket.on('end', () => audio.end());
    socket.on('close', () => audio.end());
    socket.resume();
    session.broadcast(audio).then(
      (result) => respond(socket, 200, 'OK', result),
      (err: unknown) => respond(socket, err instanceof ApiError ? err.statusCode : 500, 'Failed', { statusCode: err instanceof ApiError ? err.statusCode : 500 }),
    );
  };
  onHead();
}
