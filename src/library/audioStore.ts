/**
 * The content-addressed audio store: each canonical file lives at `<audioDir>/<sha[0..2]>/<sha>.mp3`,
 * so identical audio is stored once and a file never changes under its name.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, readdirSync, rmSync, statSync } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** Where a stored file ended up. */
export interface StoredAudio {
  sha256: string;
  /** Path relative to audioDir, with forward slashes ("ab/ab12….mp3"). */
  relPath: string;
}

/** A file being written into the store: the three calls storeAudio makes on it. */
export interface AudioFileSink {
  write(chunk: Buffer): Promise<unknown>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/**
 * How storeAudio creates the file it copies into (one that must not exist yet). Production writes
 * to disk; tests pass one that fails part-way like a full disk (ENOSPC), since a small filesystem
 * cannot be mounted everywhere the tests run (decisions §11).
 */
export interface AudioWriter {
  create(path: string): Promise<AudioFileSink>;
}

/** The real disk. */
export const diskWriter: AudioWriter = { create: (p) => open(p, 'wx') };

const SHA256_HEX = /^[0-9a-f]{64}$/;
const SHARD = /^[0-9a-f]{2}$/;
const STORED_NAME = /^([0-9a-f]{64})\.mp3$/;

/**
 * Copies `tmpFile` into the store, hashing it on the way. The copy is written to a temporary name
 * inside audioDir (same filesystem), flushed to disk, then renamed into place, so readers never see a
 * partial file. When the content is already stored the copy is dropped. `tmpFile` is left alone.
 * A failed write (e.g. ENOSPC) rejects with the writer's error, and the partial copy is removed.
 */
export async function storeAudio(audioDir: string, tmpFile: string, writer: AudioWriter = diskWriter): Promise<StoredAudio> {
  await mkdir(audioDir, { recursive: true });
  // Dot-prefixed and outside every shard, so listStoredHashes never mistakes it for stored audio.
  const partial = path.join(audioDir, `.incoming-${randomUUID()}.part`);
  try {
    const sha256 = await copyHashing(tmpFile, partial, writer);
    const relPath = relPathOf(sha256);
    const finalPath = path.join(audioDir, relPath);
    await mkdir(path.dirname(finalPath), { recursive: true });
    if (!(await exists(finalPath))) {
      // Two concurrent ingests of the same audio may both get here; the second rename then replaces
      // the file with identical bytes, atomically, which is harmless.
      await rename(partial, finalPath);
      await syncDir(path.dirname(finalPath));
    }
    return { sha256, relPath };
  } finally {
    await rm(partial, { force: true });
  }
}

/** Absolute path of the stored file for `sha256` (which must be 64 lower-case hex digits). */
export function audioPath(audioDir: string, sha256: string): string {
  return path.join(audioDir, relPathOf(sha256));
}

/**
 * Hashes of every file in the store, sorted; the input of orphan sweeps. Empty when audioDir is
 * missing. Synchronous on purpose: it runs at start-up, before serving, over at most 256 shards.
 */
export function listStoredHashes(audioDir: string): string[] {
  const hashes: string[] = [];
  for (const shard of readdirOrEmpty(audioDir)) {
    if (!SHARD.test(shard)) continue;
    for (const name of readdirOrEmpty(path.join(audioDir, shard))) {
      const m = STORED_NAME.exec(name);
      if (m?.[1]?.startsWith(shard)) hashes.push(m[1]);
    }
  }
  return hashes.sort();
}

/**
 * Deletes the stored file for `sha256`; true when a file was removed, false when there was none.
 * Synchronous (one unlink) so callers can run it right after their database commit without a
 * dangling promise.
 */
export function removeAudio(audioDir: string, sha256: string): boolean {
  const p = audioPath(audioDir, sha256);
  try {
    statSync(p);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
  rmSync(p, { force: true });
  return true;
}

function relPathOf(sha256: string): string {
  // The hash may come from a URL or the database: never let it become a path outside the store.
  if (!SHA256_HEX.test(sha256)) throw new Error(`not a sha256 hex digest: ${JSON.stringify(sha256)}`);
  return `${sha256.slice(0, 2)}/${sha256}.mp3`;
}

async function copyHashing(from: string, to: string, writer: AudioWriter): Promise<string> {
  const hash = createHash('sha256');
  const out = await writer.create(to);
  try {
    for await (const chunk of createReadStream(from, { highWaterMark: 1 << 20 })) {
      const buf = chunk as Buffer; // no encoding was set, so chunks are Buffers
      hash.update(buf);
      await out.write(buf);
    }
    // Loudspeaker stations lose power often: make the bytes durable before the name points at them.
    await out.sync();
  } finally {
    await out.close();
  }
  return hash.digest('hex');
}

async function syncDir(dir: string): Promise<void> {
  try {
    const h = await open(dir, 'r');
    try {
      await h.sync();
    } finally {
      await h.close();
    }
  } catch {
    // Directory fsync is unsupported on some platforms (Windows); the rename itself has happened.
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

function readdirOrEmpty(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** Removes `.incoming-*.part` copies a crash left half-written in the store; returns how many. */
export function removeStaleParts(audioDir: string): number {
  let removed = 0;
  for (const name of readdirOrEmpty(audioDir)) {
    if (/^\.incoming-[\w-]+\.part$/.test(name)) {
      rmSync(path.join(audioDir, name), { force: true });
      removed++;
    }
  }
  return removed;
}
