/**
 * IO at the edge: a CAP alert's audio `resource` as a file in the incoming directory, ready to be
 * ingested like an upload (ffprobe sniffs it, ingest normalises it). `derefUri` (base64) is
 * decoded; an http(s) `uri` is fetched with a timeout and the upload size limit. Each resource that
 * cannot be used says why, so the service can fall back to speech and log what happened.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { newId } from '../ids.ts';
import type { CapInfo, CapResource } from './capAlert.ts';

export interface CapAudioOptions {
  incomingDir: string;
  /** The upload limit (LOA_MAX_UPLOAD_BYTES): a larger resource is refused. */
  maxBytes: number;
  /** How long one fetch may take, headers and body. */
  timeoutMs: number;
  /** For tests; the global fetch otherwise. */
  fetch?: typeof fetch;
}

/** A resource written to `path`; the caller owns the file from then on. */
export interface CapAudioFile {
  path: string;
  originalName: string | null;
  from: 'uri' | 'derefUri';
  resource: CapResource;
}

/** A resource that could not be used, and why (in English, for the journey and the logs). */
export interface CapAudioMiss {
  resourceDesc: string;
  uri: string | null;
  problem: string;
}

/** CAP resources that are audio (by their declared MIME type). */
export const audioResources = (info: CapInfo): CapResource[] => info.resource.filter((r) => /^audio\//i.test(r.mimeType.trim()));

const sha1Of = (data: Buffer) => createHash('sha1').update(data).digest('hex');

class TooLarge extends Error {}

/** Streams a response body to `path`, counting bytes and hashing; throws TooLarge past `maxBytes`. */
async function saveBody(res: Response, path: string, maxBytes: number): Promise<string> {
  const hash = createHash('sha1');
  let bytes = 0;
  const guard = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) return done(new TooLarge(`larger than the upload limit of ${maxBytes} bytes`));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(Readable.fromWeb(res.body as WebReadableStream), guard, createWriteStream(path));
  if (bytes === 0) throw new Error('the response is empty');
  return hash.digest('hex');
}

async function fetchUri(r: CapResource, path: string, opts: CapAudioOptions): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(r.uri!);
  } catch {
    return `uri "${r.uri}" is not an absolute URL (and there is no derefUri)`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `uri scheme ${url.protocol} is not http(s)`;
  if (r.size !== null && r.size > opts.maxBytes) return `its size ${r.size} is above the upload limit of ${opts.maxBytes} bytes`;
  try {
    const res = await (opts.fetch ?? fetch)(url, { signal: AbortSignal.timeout(opts.timeoutMs), redirect: 'follow' });
    if (!/^https?:$/.test(new URL(res.url || url.href).protocol)) return 'redirected away from http(s)';
    if (!res.ok || !res.body) {
      await res.body?.cancel();
      return `fetching ${url.href} answered ${res.status}`;
    }
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (declared > opts.maxBytes) {
      await res.body.cancel();
      return `${url.href} is ${declared} bytes, above the upload limit of ${opts.maxBytes}`;
    }
    const digest = await saveBody(res, path, opts.maxBytes);
    if (r.digest && r.digest.toLowerCase() !== digest) return `the SHA-1 of ${url.href} does not match its digest`;
    return null;
  } catch (err) {
    const e = err as Error;
    if (e instanceof TooLarge) return `${url.href} is ${e.message}`;
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return `fetching ${url.href} took longer than ${opts.timeoutMs} ms`;
    return `fetching ${url.href} failed: ${e.message}${e.cause instanceof Error ? ` (${e.cause.message})` : ''}`;
  }
}

function decodeEmbedded(r: CapResource, path: string, opts: CapAudioOptions): string | null {
  const data = Buffer.from(r.derefUri!.replace(/\s+/g, ''), 'base64');
  if (data.length === 0) return 'derefUri is empty';
  if (data.length > opts.maxBytes) return `derefUri holds ${data.length} bytes, above the upload limit of ${opts.maxBytes}`;
  if (r.digest && r.digest.toLowerCase() !== sha1Of(data)) return 'the SHA-1 of derefUri does not match its digest';
  writeFileSync(path, data);
  return null;
}

const nameOf = (r: CapResource): string | null => {
  if (!r.uri) return null;
  const last = r.uri.split(/[/?#]/).filter(Boolean).at(-1);
  return last ? last.slice(0, 200) : null;
};

/**
 * The first audio resource of `info` that yields a file: embedded (derefUri) first, then fetched
 * (uri). Every resource that failed is in `misses`; `file` is null when none worked (or none was audio).
 */
export async function loadAlertAudio(info: CapInfo, opts: CapAudioOptions): Promise<{ file: CapAudioFile | null; misses: CapAudioMiss[] }> {
  const misses: CapAudioMiss[] = [];
  mkdirSync(opts.incomingDir, { recursive: true });
  for (const r of audioResources(info)) {
    const path = join(opts.incomingDir, `${newId('upl')}.upload`);
    const from = r.derefUri ? 'derefUri' : r.uri ? 'uri' : null;
    const problem = from === 'derefUri' ? decodeEmbedded(r, path, opts) : from === 'uri' ? await fetchUri(r, path, opts) : 'it has neither uri nor derefUri';
    if (problem === null && from) return { file: { path, originalName: nameOf(r), from, resource: r }, misses };
    rmSync(path, { force: true });
    misses.push({ resourceDesc: r.resourceDesc, uri: r.uri, problem: problem ?? 'unusable' });
  }
  return { file: null, misses };
}
