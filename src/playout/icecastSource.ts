import http from 'node:http';
import net from 'node:net';
import type { IcecastTarget } from './outputUrl.ts';

/**
 * The Icecast source handshake on the wire, in its two dialects: HTTP `PUT` (Icecast ≥ 2.4) and the
 * legacy `SOURCE` request (older servers). Reconnecting and health belong to icecastPush.ts.
 */

/** How a source connection ends up: accepted (then later closed), refused, or never answered. */
export type SourceOutcome =
  | { kind: 'up' }
  | { kind: 'rejected'; status: number; body: string }
  | { kind: 'failed'; message: string }
  | { kind: 'closed'; message: string };

/** An open source connection; `queued` is what the kernel and node still hold unsent. */
export interface SourceConnection {
  send(data: Buffer): void;
  queued(): number;
  close(): void;
}

/** After a refusal, keep at most this much of the server's explanation. */
const MAX_BODY_CHARS = 1024;
const MAX_HEAD_BYTES = 8192;

/**
 * Opens `PUT /mount` with node:http. Icecast 2.4 answers `100 Continue` and then `200 OK` straight
 * away, before any audio; audio flows only after the 200. `onOutcome` sees 'up' at most once and
 * then exactly one of rejected/failed/closed.
 */
export function openPutSource(
  target: IcecastTarget,
  headers: Record<string, string>,
  onOutcome: (o: SourceOutcome) => void,
): SourceConnection {
  const req = http.request({
    host: target.host,
    port: target.port,
    method: 'PUT',
    path: encodeMount(target.mount),
    // A fresh socket: a source connection is never reused or shared.
    agent: false,
    headers: { ...headers, Authorization: basicAuth(target) },
  });
  // Icecast 2.4 reads the request body raw and does not decode chunked transfer encoding.
  req.removeHeader('Transfer-Encoding');
  // Set after the removal: node writes the request head as soon as it sees Expect in the options.
  req.setHeader('Expect', '100-continue');
  let status = 0;
  let body = '';
  let error: string | null = null;
  req.on('socket', (s) => s.setNoDelay(true));
  req.on('response', (res) => {
    status = res.statusCode ?? 0;
    if (status === 200) onOutcome({ kind: 'up' });
    res.on('data', (d: Buffer) => {
      if (status !== 200 && body.length < MAX_BODY_CHARS) body += d.toString('utf8');
    });
    // A refusal that keeps the socket open would otherwise wait for the handshake timeout.
    res.on('end', () => {
      if (status !== 200) req.destroy();
    });
  });
  req.on('error', (err) => {
    error ??= describeSocketError(err, target);
  });
  req.on('close', () => onOutcome(settle(status, body, error, target)));
  req.flushHeaders();
  return {
    send: (data) => void req.write(data),
    queued: () => req.writableLength,
    close: () => void req.destroy(),
  };
}

/** Opens the legacy `SOURCE /mount HTTP/1.0` request over a raw socket (node:http refuses unknown methods). */
export function openLegacySource(
  target: IcecastTarget,
  headers: Record<string, string>,
  onOutcome: (o: SourceOutcome) => void,
): SourceConnection {
  const socket = net.connect({ host: target.host, port: target.port });
  socket.setNoDelay(true);
  let head = Buffer.alloc(0);
  let status = 0;
  let body = '';
  let error: string | null = null;
  socket.on('connect', () => {
    const lines = [`SOURCE ${encodeMount(target.mount)} HTTP/1.0`, `Authorization: ${basicAuth(target)}`];
    for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
    socket.write(Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'));
  });
  socket.on('data', (d: Buffer) => {
    if (status !== 0) {
      if (status !== 200 && body.length < MAX_BODY_CHARS) body += d.toString('utf8');
      return;
    }
    head = Buffer.concat([head, d]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) {
      if (head.length > MAX_HEAD_BYTES) socket.destroy();
      return;
    }
    const m = /^HTTP\/1\.[01] (\d{3})/.exec(head.toString('latin1', 0, end));
    status = m?.[1] !== undefined ? Number(m[1]) : 502;
    body = head.toString('utf8', end + 4);
    if (status === 200) onOutcome({ kind: 'up' });
    else socket.end();
  });
  socket.on('error', (err) => {
    error ??= describeSocketError(err, target);
  });
  socket.on('close', () => onOutcome(settle(status, body, error, target)));
  return {
    send: (data) => void socket.write(data),
    queued: () => socket.writableLength,
    close: () => void socket.destroy(),
  };
}

function settle(status: number, body: string, error: string | null, target: IcecastTarget): SourceOutcome {
  if (status === 200) return { kind: 'closed', message: error ?? `icecast at ${target.host}:${target.port} closed the source connection` };
  if (status !== 0) return { kind: 'rejected', status, body };
  return { kind: 'failed', message: error ?? `icecast at ${target.host}:${target.port} closed the connection without answering` };
}

/** Plain words for the errors an operator actually sees. */
function describeSocketError(err: Error, target: IcecastTarget): string {
  const where = `icecast at ${target.host}:${target.port}`;
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ECONNREFUSED':
      return `cannot reach ${where}: connection refused (is icecast running?)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot resolve the host name of ${where}`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
      return `cannot reach ${where}: network unreachable or timed out`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `${where} dropped the source connection`;
    default:
      return `${where}: ${err.message}`;
  }
}

function basicAuth(target: IcecastTarget): string {
  return `Basic ${Buffer.from(`${target.user}:${target.password}`, 'utf8').toString('base64')}`;
}

/** Mounts may contain Vietnamese or spaces; the request line must not. */
function encodeMount(mount: string): string {
  return mount.split('/').map(encodeURIComponent).join('/');
}
