/**
 * What the fault tests look at on disk after a crash or a failed ingest: every file under the data
 * and audio directories, and whether each stored audio file is whole (its bytes hash to its name).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file under `dir` (recursively), as paths relative to it with forward slashes, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * The audio store's files whose content does not hash to their name (a partial or corrupted copy),
 * plus any file that is not `<sh>/<sha256>.mp3`: empty when the store is sound.
 */
export function unsoundStoreFiles(audioDir: string): string[] {
  return listFiles(audioDir).filter((rel) => {
    const m = /^([0-9a-f]{2})\/([0-9a-f]{64})\.mp3$/.exec(rel);
    if (!m || !m[2]!.startsWith(m[1]!)) return true;
    return createHash('sha256').update(readFileSync(join(audioDir, rel))).digest('hex') !== m[2];
  });
}

/** The sha256 names of the stored audio files, sorted. */
export function storedHashes(audioDir: string): string[] {
  return listFiles(audioDir)
    .map((rel) => /^[0-9a-f]{2}\/([0-9a-f]{64})\.mp3$/.exec(rel)?.[1])
    .filter((h): h is string => h !== undefined)
    .sort();
}
