/**
 * Output targets written as URLs in station config, parsed into parts with errors a station
 * operator can act on. Parsing never throws: a bad URL is an expected outcome of editing config.
 */

/** Where an Icecast source push goes: `icecast://user:pass@host:port/mount`. */
export interface IcecastTarget {
  host: string;
  port: number;
  /** Always starts with "/", e.g. "/tdp-1". */
  mount: string;
  user: string;
  password: string;
}

/** Where an RTP output sends: `rtp://address:port?ttl=N&codec=pcmu|pcma|mp3`. */
export interface RtpTarget {
  address: string;
  port: number;
  ttl: number;
  codec: RtpCodec;
}

/** G.711 µ-law (PT 0), G.711 A-law (PT 8), or the MP3 frames as they are (PT 14). */
export type RtpCodec = 'pcmu' | 'pcma' | 'mp3';

/** Either the parsed value or one sentence saying what is wrong. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Icecast's own default listen port, used when the URL has none. */
const ICECAST_DEFAULT_PORT = 8000;
/** Icecast's default source user; libshout and ffmpeg use it too. */
const ICECAST_DEFAULT_USER = 'source';
const RTP_CODECS: readonly RtpCodec[] = ['pcmu', 'pcma', 'mp3'];

/** Parses `icecast://user:pass@host:port/mount` (user defaults to "source", port to 8000). */
export function parseIcecastUrl(raw: string): ParseResult<IcecastTarget> {
  const url = parseUrl(raw);
  if (!url.ok) return url;
  const u = url.value;
  if (u.protocol !== 'icecast:') {
    return fail(`"${redact(raw)}" must start with icecast:// (got ${u.protocol}//)`);
  }
  if (u.hostname === '') return fail(`"${redact(raw)}" has no host: write icecast://source:PASSWORD@HOST:8000/MOUNT`);
  const port = parsePort(u.port, ICECAST_DEFAULT_PORT);
  if (port === null) return fail(`"${redact(raw)}" has an invalid port "${u.port}" (1–65535)`);
  if (u.password === '') {
    return fail(`"${redact(raw)}" has no source password: write icecast://source:PASSWORD@${u.host}/MOUNT`);
  }
  const mount = decodeURIComponent(u.pathname);
  if (mount === '' || mount === '/') return fail(`"${redact(raw)}" has no mount point: add one, e.g. /tdp-1`);
  if (u.search !== '' || u.hash !== '') return fail(`"${redact(raw)}" must not have a query or fragment`);
  return {
    ok: true,
    value: {
      host: stripBrackets(u.hostname),
      port,
      mount,
      user: u.username === '' ? ICECAST_DEFAULT_USER : decodeURIComponent(u.username),
      password: decodeURIComponent(u.password),
    },
  };
}

/** Parses `rtp://address:port?ttl=N&codec=pcmu|pcma|mp3` (ttl defaults to 1, codec to pcmu). */
export function parseRtpUrl(raw: string): ParseResult<RtpTarget> {
  const url = parseUrl(raw);
  if (!url.ok) return url;
  const u = url.value;
  if (u.protocol !== 'rtp:') return fail(`"${raw}" must start with rtp:// (got ${u.protocol}//)`);
  if (u.hostname === '') return fail(`"${raw}" has no address: write rtp://239.0.0.1:5004`);
  // RTP has no default port that speakers agree on, so it must be explicit.
  const port = parsePort(u.port, null);
  if (port === null) return fail(`"${raw}" needs a port (1–65535), e.g. rtp://239.0.0.1:5004`);
  const ttlText = u.searchParams.get('ttl') ?? '1';
  const ttl = Number(ttlText);
  if (!Number.isInteger(ttl) || ttl < 0 || ttl > 255) return fail(`"${raw}" has ttl "${ttlText}": use 0–255`);
  const codec = u.searchParams.get('codec') ?? 'pcmu';
  if (!isRtpCodec(codec)) return fail(`"${raw}" has codec "${codec}": use one of ${RTP_CODECS.join(', ')}`);
  for (const key of u.searchParams.keys()) {
    if (key !== 'ttl' && key !== 'codec') return fail(`"${raw}" has an unknown option "${key}" (known: ttl, codec)`);
  }
  return { ok: true, value: { address: stripBrackets(u.hostname), port, ttl, codec } };
}

/** Writes a target back as a URL without its password, for logs and health names. */
export function describeIcecastTarget(t: IcecastTarget): string {
  return `icecast://${formatHost(t.host)}:${t.port}${t.mount}`;
}

function parseUrl(raw: string): ParseResult<URL> {
  try {
    return { ok: true, value: new URL(raw.trim()) };
  } catch {
    return fail(`"${redact(raw)}" is not a valid URL (check the host and port)`);
  }
}

function parsePort(text: string, fallback: number | null): number | null {
  if (text === '') return fallback;
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 && n <= 65535 ? n : null;
}

function isRtpCodec(s: string): s is RtpCodec {
  return (RTP_CODECS as readonly string[]).includes(s);
}

/** WHATWG URL keeps IPv6 hosts in brackets; sockets want them bare. */
function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Error messages end up in logs and the admin page: never echo a password back. */
function redact(raw: string): string {
  return raw.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
}

function fail<T>(error: string): ParseResult<T> {
  return { ok: false, error };
}
