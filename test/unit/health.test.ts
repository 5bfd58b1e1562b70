// The health registry and the checks' rules, with fakes: timeouts, replacing and undoing a check,
// ffmpeg's cache of answers, and the free-space thresholds. test/integration/healthz.test.ts runs them for real.
import { describe, expect, it } from 'vitest';
import type { VersionCheck } from '../../src/library/ffmpegBinary.ts';
import { createDiskSpaceCheck, minFreeBytesFor } from '../../src/system/diskSpaceCheck.ts';
import { createFfmpegCheck } from '../../src/system/ffmpegCheck.ts';
import { createHealth, formatBytes, type CheckResult } from '../../src/system/health.ts';
import { fakeClock } from '../support/fakeClock.ts';

const ok = (): CheckResult => ({ ok: true });

describe('createHealth', () => {
  it('runs every check, in order; a check that throws or hangs is failing, and run() still answers', async () => {
    const health = createHealth(
      { a: ok, throws: () => Promise.reject(new Error('boom')), hangs: () => new Promise<CheckResult>(() => {}) },
      { timeoutMs: 30 },
    );
    const report = await health.run();
    expect(report.ok).toBe(false);
    expect(report.checks).toEqual([
      { name: 'a', result: { ok: true } },
      { name: 'throws', result: { ok: false, problems: [{ code: 'health-check-failed', params: { name: 'throws', reason: 'boom' } }] } },
      { name: 'hangs', result: { ok: false, problems: [{ code: 'health-check-failed', params: { name: 'hangs', reason: 'no answer within 30 ms' } }] } },
    ]);
  });

  it('register replaces a check in place, and undoing puts the replaced one back', async () => {
    const health = createHealth({ first: ok, disk: ok, last: ok });
    const full = (): CheckResult => ({ ok: false, problems: [{ code: 'health-disk-low', params: { dir: '/a', free: '1 MB', min: '1 GB' } }] });
    const undo = health.register('disk', full);
    expect(health.names()).toEqual(['first', 'disk', 'last']);
    expect((await health.run()).ok).toBe(false);
    undo();
    expect((await health.run()).ok).toBe(true);
    const remove = health.register('extra', ok);
    expect(health.names()).toEqual(['first', 'disk', 'last', 'extra']);
    remove();
    remove();
    expect(health.names()).toEqual(['first', 'disk', 'last']);
  });

  it('reports ok with no checks at all (nothing is wrong), and formats sizes as df -H does', async () => {
    expect(await createHealth().run()).toEqual({ ok: true, checks: [] });
    expect([0, 999, 41_000_000, 409_600_000, 1_000_000_000, 2_500_000_000_000].map(formatBytes)).toEqual([
      '0 B', '999 B', '41.0 MB', '410 MB', '1.0 GB', '2.5 TB',
    ]);
  });
});

describe('the ffmpeg check', () => {
  function counted(answers: VersionCheck[]) {
    const seen: string[] = [];
    let release: () => void = () => {};
    let gate: Promise<void> | null = null;
    const runVersion = async (path: string) => {
      seen.push(path);
      if (gate) await gate;
      return answers[Math.min(seen.length, answers.length) - 1]!;
    };
    const hold = () => (gate = new Promise<void>((r) => (release = r)));
    return { seen, runVersion, hold, release: () => release() };
  }

  it('shares one run between polls, keeps an ok answer 30 s and a failing one 5 s', async () => {
    const clock = fakeClock('2026-05-18T10:00:00+07:00');
    const bin = counted([
      { ok: true, path: '/x/ffmpeg', version: '5.1' },
      { ok: false, why: 'failed to run -version (exit code 1)' },
      { ok: true, path: '/x/ffmpeg', version: '5.1' },
    ]);
    const check = createFfmpegCheck({ path: '/x/ffmpeg', source: 'PATH', clock, runVersion: bin.runVersion });
    bin.hold();
    const together = [check(), check(), check()];
    bin.release();
    const answers = await Promise.all(together);
    expect(bin.seen).toHaveLength(1);
    expect(answers.map((a) => a.ok)).toEqual([true, true, true]);

    clock.advance(29_999);
    expect((await check()).ok).toBe(true);
    expect(bin.seen).toHaveLength(1);
    clock.advance(1);
    // '/x/ffmpeg' does not exist here, so the failure is told as a missing binary.
    expect(await check()).toMatchObject({ ok: false, problems: [{ code: 'health-ffmpeg-missing', params: { path: '/x/ffmpeg' } }] });
    expect(bin.seen).toHaveLength(2);
    clock.advance(4_999);
    expect((await check()).ok).toBe(false);
    expect(bin.seen).toHaveLength(2);
    clock.advance(1);
    expect(await check()).toMatchObject({ ok: true, details: { version: '5.1', source: 'PATH' } });
    expect(bin.seen).toHaveLength(3);
  });

  it('runs again after the clock steps backwards rather than trusting a cache from the future', async () => {
    const clock = fakeClock('2026-05-18T10:00:00+07:00');
    const bin = counted([{ ok: true, path: '/x/ffmpeg', version: '5.1' }]);
    const check = createFfmpegCheck({ path: '/x/ffmpeg', source: 'PATH', clock, runVersion: bin.runVersion });
    await check();
    clock.set('2026-05-18T09:00:00+07:00');
    await check();
    expect(bin.seen).toHaveLength(2);
  });
});

describe('the disk space check', () => {
  it('needs 1 GB free, or 5 % of a smaller filesystem', () => {
    expect(minFreeBytesFor(2_000_000_000_000)).toBe(1_000_000_000);
    expect(minFreeBytesFor(20_000_000_000)).toBe(1_000_000_000);
    expect(minFreeBytesFor(8_000_000_000)).toBe(400_000_000);
    expect(minFreeBytesFor(8_000_000_000, 100_000_000, 0.05)).toBe(100_000_000);
    expect(minFreeBytesFor(0)).toBe(0);
  });

  it('names every directory that is low or unreadable, in the order given, whatever order statfs answers in', async () => {
    const gb = 1_000_000_000;
    const disks: Record<string, { bsize: number; blocks: number; bavail: number; delayMs: number }> = {
      '/audio': { bsize: 1000, blocks: 100 * 1_000_000, bavail: 900_000, delayMs: 20 }, // 100 GB, 0.9 GB free
      '/data': { bsize: 1000, blocks: 100 * 1_000_000, bavail: 50 * 1_000_000, delayMs: 0 },
    };
    const statfs = async (dir: string) => {
      const d = disks[dir];
      if (!d) throw Object.assign(new Error(`ENOENT: ${dir}`), { code: 'ENOENT' });
      await new Promise((r) => setTimeout(r, d.delayMs));
      return d;
    };
    const result = await createDiskSpaceCheck({ dirs: ['/audio', '/gone', '/data', '/audio'], statfs })();
    expect(result).toEqual({
      ok: false,
      problems: [
        { code: 'health-disk-low', params: { dir: '/audio', free: '900 MB', min: '1.0 GB' } },
        { code: 'health-disk-unreadable', params: { dir: '/gone', reason: 'ENOENT' } },
      ],
      details: {
        dirs: [
          { dir: '/audio', freeBytes: 0.9 * gb, totalBytes: 100 * gb, minFreeBytes: gb },
          { dir: '/gone', error: 'ENOENT' },
          { dir: '/data', freeBytes: 50 * gb, totalBytes: 100 * gb, minFreeBytes: gb },
        ],
      },
    });
    expect((await createDiskSpaceCheck({ dirs: ['/data'], statfs })()).ok).toBe(true);
  });
});
