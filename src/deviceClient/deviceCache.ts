/**
 * What the reference device keeps on its own disk, so it plays through an outage (even a restart of
 * itself): each audio file once, under its SHA-256 (checked before it is kept); the last feed with its
 * ETag; and the play reports not yet accepted by Loa. Files are written to a temporary name and
 * renamed, so a power cut never leaves a half file under a real name.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LinkFeed, PlayedReport } from './loaLink.ts';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export interface DeviceCache {
  /** Path of the cached file for a hash, or null when it is not here. */
  audio(sha256: string): string | null;
  /** Keeps `bytes` as the file for `sha256`; throws (keeping nothing) when they do not hash to it. */
  storeAudio(sha256: string, bytes: Buffer): string;
  /** Removes cached audio no longer named by `keep`; returns how many files went. */
  pruneAudio(keep: Set<string>): number;
  loadFeed(): { feed: LinkFeed; etag: string | null } | null;
  saveFeed(feed: LinkFeed, etag: string | null): void;
  loadReports(): PlayedReport[];
  saveReports(reports: PlayedReport[]): void;
}

export function createDeviceCache(dir: string): DeviceCache {
  const audioDir = join(dir, 'audio');
  mkdirSync(audioDir, { recursive: true });
  const fileOf = (sha: string) => {
    if (!SHA256_HEX.test(sha)) throw new Error(`not a sha256: ${JSON.stringify(sha)}`);
    return join(audioDir, `${sha}.mp3`);
  };
  const writeAtomic = (path: string, data: string | Buffer) => {
    const tmp = `${path}.part`;
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  };
  const readJson = <T>(name: string): T | null => {
    try {
      return JSON.parse(readFileSync(join(dir, name), 'utf8')) as T;
    } catch {
      return null;
    }
  };

  return {
    audio(sha) {
      const path = fileOf(sha);
      return existsSync(path) ? path : null;
    },
    storeAudio(sha, bytes) {
      const got = createHash('sha256').update(bytes).digest('hex');
      if (got !== sha) throw new Error(`audio ${sha} arrived damaged (its bytes hash to ${got})`);
      const path = fileOf(sha);
      writeAtomic(path, bytes);
      return path;
    },
    pruneAudio(keep) {
      let removed = 0;
      for (const name of readdirSync(audioDir)) {
        const sha = name.replace(/\.mp3(\.part)?$/, '');
        if (name.endsWith('.part') || !keep.has(sha)) {
          rmSync(join(audioDir, name), { force: true });
          removed++;
        }
      }
      return removed;
    },
    loadFeed: () => readJson<{ feed: LinkFeed; etag: string | null }>('feed.json'),
    saveFeed: (feed, etag) => writeAtomic(join(dir, 'feed.json'), JSON.stringify({ feed, etag })),
    loadReports: () => readJson<PlayedReport[]>('reports.json') ?? [],
    saveReports: (reports) => writeAtomic(join(dir, 'reports.json'), JSON.stringify(reports)),
  };
}
