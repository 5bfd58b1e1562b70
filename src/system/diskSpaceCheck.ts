/**
 * The disk-space health check: the free space of the filesystems holding the audio store and the
 * database, so a filling disk is an alarm before ingest and the airtime log start failing.
 */
import { statfs as fsStatfs } from 'node:fs/promises';
import { formatBytes, type CheckResult, type HealthCheck, type HealthProblem } from './health.ts';

/** The fields of `fs.statfs` the check reads (so tests can inject a full disk). */
export interface StatFsLike {
  bsize: number;
  blocks: number;
  bavail: number;
}

export interface DiskSpaceCheckOptions {
  /** The directories to watch (e.g. the audio store and the data directory). */
  dirs: string[];
  /** Low below this many bytes available (default 1 GB)… */
  minFreeBytes?: number;
  /** …unless that is more than this share of the filesystem (default 5 %), the threshold for small disks. */
  minFreeRatio?: number;
  statfs?: (dir: string) => Promise<StatFsLike>;
}

export const DEFAULT_MIN_FREE_BYTES = 1_000_000_000;
export const DEFAULT_MIN_FREE_RATIO = 0.05;

/**
 * The bytes that must stay free on a filesystem of `totalBytes`: `minFreeBytes`, lowered to
 * `minFreeRatio` of the filesystem when that is smaller (1 GB on a 2 TB disk, 400 MB on an 8 GB card).
 */
export function minFreeBytesFor(totalBytes: number, minFreeBytes = DEFAULT_MIN_FREE_BYTES, minFreeRatio = DEFAULT_MIN_FREE_RATIO): number {
  return Math.min(minFreeBytes, Math.floor(totalBytes * minFreeRatio));
}

/** A check that is failing when any directory's filesystem is below its threshold or unreadable. */
export function createDiskSpaceCheck(opts: DiskSpaceCheckOptions): HealthCheck {
  const statfs = opts.statfs ?? ((dir: string) => fsStatfs(dir));
  const dirs = [...new Set(opts.dirs)];
  return async (): Promise<CheckResult> => {
    const readings = await Promise.all(dirs.map((dir) => readDir(dir, statfs, opts)));
    const details = { dirs: readings.map((r) => r.reading) };
    const [first, ...more] = readings.flatMap((r) => (r.problem ? [r.problem] : []));
    return first ? { ok: false, problems: [first, ...more], details } : { ok: true, details };
  };
}

async function readDir(dir: string, statfs: (dir: string) => Promise<StatFsLike>, opts: DiskSpaceCheckOptions) {
  try {
    const s = await statfs(dir);
    const freeBytes = s.bavail * s.bsize;
    const totalBytes = s.blocks * s.bsize;
    const minBytes = minFreeBytesFor(totalBytes, opts.minFreeBytes, opts.minFreeRatio);
    const problem: HealthProblem | null =
      freeBytes < minBytes ? { code: 'health-disk-low', params: { dir, free: formatBytes(freeBytes), min: formatBytes(minBytes) } } : null;
    return { reading: { dir, freeBytes, totalBytes, minFreeBytes: minBytes }, problem };
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    const problem: HealthProblem = { code: 'health-disk-unreadable', params: { dir, reason } };
    return { reading: { dir, error: reason }, problem };
  }
}
