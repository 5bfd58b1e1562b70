import http from 'node:http';
import https from 'node:https';
import type { RelaySource } from '../domain/relay.ts';
import { parseFrameHeader } from '../library/mp3Frames.ts';

/** What one look at a source found. */
export interface ProbeResult {
  reachable: boolean;
  /** kbps from the stream's own headers (icy-br, ice-audio-info), its first MP3 frame, or an HLS variant's BANDWIDTH. */
  bitrateKbps: number | null;
  contentType: string | null;
  /** Why it is not reachable (null when it is). */
  error: string | null;
}

/** Options of probeSource. */
export interface ProbeOptions {
  /** The whole look (connect, headers, first bytes) must fit in this (default 5 s). */
  timeoutMs?: number;
  /** Bytes of audio read before hanging up (default 8 KiB: a few frames). */
  maxBytes?: number;
}

const MAX_REDIRECTS = 3;

/**
 * A cheap look at a source, as a listener would take it: a GET that reads the response head and the
 * first few KiB (an HLS source: its playlist), then hangs up. No ffmpeg, no decoding: reachable
 * means the server answered 200 with audio bytes (or a playlist); redirects are followed.
 */
export async function probeSource(source: Pick<RelaySource, 'url' | 'kind'>, opts: ProbeOptions = {}): Promise<ProbeResult> {
  const timeoutMs = opts.timeoutMs ?? 5000;
  const deadline = Date.now() + timeoutMs;
  let url = source.url;
  for (let hop = 0; ; hop++) {
    const got = await fetchHead(url, source.kind === 'hls' ? 64 * 1024 : (opts.maxBytes ?? 8192), Math.max(1, deadline - Date.now()));
    if ('error' in got) return { reachable: false, bitrateKbps: null, contentType: null, error: got.error };
    if (got.status >= 300 && got.status < 400 && got.location && hop < MAX_REDIRECTS) {
      url = new URL(got.location, url).toString();
      continue;
    }
    const contentType = got.headers['content-type']?.split(';')[0]?.trim().toLowerCase() ?? null;
    if (got.status !== 200) return { reachable: false, bitrateKbps: null, contentType, error: `HTTP ${got.status}` };
    if (source.kind === 'hls') return readPlaylist(got.body, contentType);
    if (got.body.length === 0) return { reachable: false, bitrateKbps: null, contentType, error: 'no audio in the first bytes' };
    return { reachable: true, bitrateKbps: headerBitrate(got.headers) ?? frameBitrate(got.body), contentType, error: null };
  }
}

interface Head {
  status: number;
  headers: http.IncomingHttpHeaders;
  location: string | null;
  body: Buffer;
}

/** GETs `url`, keeps up to `maxBytes` of its body, and hangs up; never rejects. */
function fetchHead(url: string, maxBytes: number, timeoutMs: number): Promise<Head | { error: string }> {
  return new Promise((resolve) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return resolve({ error: 'not a URL' });
    }
    const lib = parsed.protocol === 'https:' ? https : parsed.protocol === 'http:' ? http : null;
    if (!lib) return resolve({ error: `unsupported scheme ${parsed.protocol}` });
    let done = false;
    const finish = (r: Head | { error: string }) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.destroy();
      resolve(r);
    };
    const req = lib.get(parsed, { headers: { 'user-agent': 'Loa relay health', 'icy-metadata': '0', accept: '*/*' } }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const head = () => ({ status: res.statusCode ?? 0, headers: res.headers, location: res.headers.location ?? null, body: Buffer.concat(chunks).subarray(0, maxBytes) });
      if ((res.statusCode ?? 0) !== 200) return finish(head());
      res.on('data', (c: Buffer) => {
        chunks.push(c);
        size += c.length;
        if (size >= maxBytes) finish(head());
      });
      res.on('end', () => finish(head()));
      res.on('error', () => finish(head()));
    });
    const timer = setTimeout(() => finish({ error: `no answer within ${Math.round(timeoutMs / 100) / 10} s` }), timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) => finish({ error: describeNetError(err) }));
  });
}

function describeNetError(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ECONNREFUSED': return 'connection refused';
    case 'ENOTFOUND': case 'EAI_AGAIN': return 'unknown host';
    case 'ECONNRESET': return 'connection reset';
    case 'EHOSTUNREACH': case 'ENETUNREACH': return 'no route to host';
    default: return err.message;
  }
}

/** The bitrate a server announces: icy-br (SHOUTcast, Icecast) or ice-audio-info's bitrate. */
function headerBitrate(headers: http.IncomingHttpHeaders): number | null {
  const icy = Number(String(headers['icy-br'] ?? '').split(',')[0]);
  if (icy > 0) return icy;
  const info = /(?:^|;)\s*(?:ice-)?bitrate=(\d+)/i.exec(String(headers['ice-audio-info'] ?? ''));
  return info ? Number(info[1]) : null;
}

/** The bitrate of the first MP3 frame found in `bytes` (confirmed by the frame after it), or null. */
function frameBitrate(bytes: Buffer): number | null {
  for (let at = 0; at + 4 <= bytes.length; at++) {
    const h = parseFrameHeader(bytes, at);
    if (!h) continue;
    const next = parseFrameHeader(bytes, at + h.frameBytes);
    if (next || at + h.frameBytes >= bytes.length) return h.bitrateKbps;
  }
  return null;
}

/** An HLS playlist: reachable when it is one; the bitrate of a master playlist's first variant. */
function readPlaylist(body: Buffer, contentType: string | null): ProbeResult {
  const text = body.toString('utf8');
  if (!text.trimStart().startsWith('#EXTM3U')) return { reachable: false, bitrateKbps: null, contentType, error: 'not an HLS playlist' };
  const bandwidth = /#EXT-X-STREAM-INF:[^\n]*?\b(?:AVERAGE-BANDWIDTH|BANDWIDTH)=(\d+)/.exec(text);
  return { reachable: true, bitrateKbps: bandwidth ? Math.round(Number(bandwidth[1]) / 1000) : null, contentType, error: null };
}
