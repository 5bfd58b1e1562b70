// /healthz checks for real: the daemon's ffmpeg is a real wrapper script (counting its runs) that the
// test breaks and removes after start; the audio directory and the database file are moved away and
// back; only a full disk is simulated, by an injected statfs.
import { chmod, mkdir, readFile, rename, rm, statfs, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOnPath } from '../../src/library/ffmpegBinary.ts';
import { createDiskSpaceCheck } from '../../src/system/diskSpaceCheck.ts';
import { fakeClock } from '../support/fakeClock.ts';
import { makeTempDir, removeDir } from '../support/makeAudio.ts';
import { json, startTestDaemon, type TestDaemon } from '../support/testDaemon.ts';

interface CheckBody {
  state: 'ok' | 'failing';
  problems?: string[];
  [detail: string]: unknown;
}
interface HealthBody {
  status: 'ok' | 'degraded';
  message?: string;
  problems?: string[];
  checks: Record<string, CheckBody>;
  ingestQueue: number;
}

const clock = fakeClock('2026-05-18T10:00:00+07:00');
let t: TestDaemon;
let dir: string;
let wrapper: string;
let realFfmpeg: string;
let calls: string;

const writeScript = async (file: string, body: string) => {
  await writeFile(file, `#!/bin/sh\n${body}\n`);
  await chmod(file, 0o755);
};
/** The wrapper the daemon runs as its ffmpeg: notes each run, then runs the real one. */
const workingWrapper = () => writeScript(wrapper, `echo run >> '${calls}'\nexec '${realFfmpeg}' "$@"`);
const runs = async () => (await readFile(calls, 'utf8').catch(() => '')).split('\n').filter(Boolean).length;

async function health(lang?: 'en'): Promise<{ statusCode: number; body: HealthBody }> {
  const res = await t.daemon.app.inject({ url: '/healthz', headers: lang ? { 'accept-language': lang } : {} });
  return { statusCode: res.statusCode, body: json<HealthBody>(res) };
}

beforeAll(async () => {
  dir = await makeTempDir('loa-healthz-');
  const found = await findOnPath('ffmpeg', process.env.PATH ?? '');
  if (!found) throw new Error('this test needs ffmpeg on PATH (apt-get install ffmpeg)');
  realFfmpeg = found;
  await mkdir(join(dir, 'bin'));
  wrapper = join(dir, 'bin', 'ffmpeg');
  calls = join(dir, 'calls.log');
  await workingWrapper();
  t = await startTestDaemon({ clock, env: { FFMPEG_PATH: wrapper, LOA_PLAYOUT: 'false' } });
});

afterAll(async () => {
  await t?.close();
  if (dir) await removeDir(dir);
});

describe('/healthz', () => {
  it('answers 200 with each check ok, and figures from the database, ffmpeg and the disks', async () => {
    expect(t.daemon.ffmpeg).toMatchObject({ ffmpegPath: wrapper, source: 'FFMPEG_PATH' });
    const { statusCode, body } = await health();
    expect(statusCode).toBe(200);
    expect(body.status).toBe('ok');
    expect(body).not.toHaveProperty('message');
    expect(Object.keys(body.checks)).toEqual(['database', 'ffmpeg', 'disk', 'airtimeLog']);
    expect(body.checks.airtimeLog).toMatchObject({ state: 'ok', pending: 0 });
    expect(body.checks.database).toMatchObject({ state: 'ok', schemaVersion: expect.any(Number), tables: expect.any(Number) });
    expect(body.checks.database!.schemaVersion).toBeGreaterThan(0);
    expect(body.checks.ffmpeg).toMatchObject({ state: 'ok', path: wrapper, source: 'FFMPEG_PATH', version: t.daemon.ffmpeg.version });
    const disk = body.checks.disk as CheckBody & { dirs: { dir: string; freeBytes: number; minFreeBytes: number }[] };
    expect(disk.state).toBe('ok');
    expect(disk.dirs.map((d) => d.dir)).toEqual([t.config.audioDir, t.config.dataDir]);
    for (const d of disk.dirs) expect(d.freeBytes).toBeGreaterThan(d.minFreeBytes);
  });

  it('runs ffmpeg at most once per 30 s however often it is polled', async () => {
    clock.advance(31_000);
    const before = await runs();
    const polls = await Promise.all([health(), health(), health()]);
    for (let i = 0; i < 5; i++) polls.push(await health());
    expect(polls.map((p) => p.statusCode)).toEqual(Array(8).fill(200));
    expect(await runs()).toBe(before + 1);
    clock.advance(29_000);
    await health();
    expect(await runs()).toBe(before + 1);
    clock.advance(2_000);
    await health();
    expect(await runs()).toBe(before + 2);
  });

  it('says 503 degraded, in Vietnamese or English, when the ffmpeg found at start is gone', async () => {
    await rm(wrapper);
    clock.advance(31_000);
    const vi = await health();
    expect(vi.statusCode).toBe(503);
    expect(vi.body.status).toBe('degraded');
    expect(vi.body.checks.ffmpeg).toMatchObject({ state: 'failing', problems: [`Không còn tìm thấy ffmpeg tại ${wrapper}.`] });
    expect(vi.body.message).toBe(`Dịch vụ đang gặp sự cố: Không còn tìm thấy ffmpeg tại ${wrapper}.`);
    expect(vi.body.checks.database!.state).toBe('ok');
    const en = await health('en');
    expect(en.statusCode).toBe(503);
    expect(en.body.message).toBe(`The service is degraded: ffmpeg is no longer at ${wrapper}.`);
  });

  it('says what is wrong with an ffmpeg that exits 1 or cannot be executed, and recovers once it runs again', async () => {
    await writeScript(wrapper, `echo broken >> '${calls}'\nexit 1`);
    clock.advance(6_000); // a failing answer is kept 5 s
    const broken = await health('en');
    expect(broken.statusCode).toBe(503);
    expect(broken.body.problems).toEqual([`ffmpeg (${wrapper}) does not run: failed to run -version (exit code 1).`]);
    await chmod(wrapper, 0o644); // there, but no longer executable: not "missing"
    clock.advance(6_000);
    expect((await health('en')).body.problems).toEqual([`ffmpeg (${wrapper}) does not run: failed to run -version (EACCES).`]);
    await workingWrapper();
    clock.advance(6_000);
    const fixed = await health();
    expect(fixed.statusCode).toBe(200);
    expect(fixed.body.checks.ffmpeg!.state).toBe('ok');
  });

  it('says 503 when the audio disk is nearly full (injected statfs), naming the directory and the figures', async () => {
    const audioDir = t.config.audioDir;
    // An 8 GB card with 41 MB left: under its 5 % threshold (410 MB); the data directory reads the real disk.
    const nearlyFull = async (d: string) => (d === audioDir ? { bsize: 4096, blocks: 2_000_000, bavail: 10_000 } : statfs(d));
    const restore = t.daemon.app.health.register('disk', createDiskSpaceCheck({ dirs: [audioDir, t.config.dataDir], statfs: nearlyFull }));
    try {
      const vi = await health();
      expect(vi.statusCode).toBe(503);
      expect(vi.body.problems).toEqual([`Ổ đĩa chứa ${audioDir} chỉ còn trống 41.0 MB (ngưỡng tối thiểu 410 MB).`]);
      expect(vi.body.checks.disk).toMatchObject({ state: 'failing', dirs: [{ dir: audioDir, freeBytes: 40_960_000, minFreeBytes: 409_600_000 }, { dir: t.config.dataDir }] });
      const en = await health('en');
      expect(en.body.problems).toEqual([`The disk holding ${audioDir} has only 41.0 MB free (minimum 410 MB).`]);
    } finally {
      restore();
    }
    expect((await health()).statusCode).toBe(200);
  });

  it('says 503 when the audio directory cannot be read (a disk unmounted), and 200 once it is back', async () => {
    const audioDir = t.config.audioDir;
    await rename(audioDir, `${audioDir}.away`);
    try {
      const res = await health();
      expect(res.statusCode).toBe(503);
      expect(res.body.problems).toEqual([`Không đọc được dung lượng trống của ${audioDir} (ENOENT).`]);
    } finally {
      await rename(`${audioDir}.away`, audioDir);
    }
    expect((await health()).statusCode).toBe(200);
  });

  it('says 503 when the database file was moved away under the running daemon', async () => {
    const file = join(t.config.dataDir, 'loa.sqlite');
    await rename(file, `${file}.away`);
    try {
      const res = await health('en');
      expect(res.statusCode).toBe(503);
      expect(res.body.problems).toEqual([`The database file ${file} was deleted or moved; what is written now will be lost at restart.`]);
    } finally {
      await rename(`${file}.away`, file);
    }
    expect((await health()).statusCode).toBe(200);
  });

  it('takes checks from other parts of the daemon through app.health.register, and a check that throws is failing', async () => {
    let backlog = 0;
    const removeBacklog = t.daemon.app.health.register('airtimeLog', () =>
      backlog === 0
        ? { ok: true, details: { backlog } }
        : { ok: false, problems: [{ code: 'health-check-failed', params: { name: 'airtimeLog', reason: `${backlog} rows waiting` } }], details: { backlog } },
    );
    const removeBroken = t.daemon.app.health.register('broken', () => {
      throw new Error('boom');
    });
    try {
      const both = await health();
      expect(both.statusCode).toBe(503);
      expect(both.body.checks.airtimeLog).toEqual({ state: 'ok', backlog: 0 });
      expect(both.body.checks.broken).toEqual({ state: 'failing', problems: ['Không kiểm tra được «broken»: boom.'] });
      removeBroken();
      expect((await health()).statusCode).toBe(200);
      backlog = 3;
      const waiting = await health('en');
      expect(waiting.statusCode).toBe(503);
      expect(waiting.body.problems).toEqual(['Check "airtimeLog" could not run: 3 rows waiting.']);
    } finally {
      removeBroken();
      removeBacklog();
    }
    // The daemon's own airtime log check is back once the test's stand-in is undone.
    expect(Object.keys((await health()).body.checks)).toEqual(['database', 'ffmpeg', 'disk', 'airtimeLog']);
  });

  // Last: the daemon's database handle is closed for good.
  it('says 503 when the database does not answer', async () => {
    t.daemon.db.close();
    const res = await health();
    expect(res.statusCode).toBe(503);
    expect(res.body.checks.database).toMatchObject({ state: 'failing', problems: ['Cơ sở dữ liệu không trả lời (The database connection is not open).'] });
  });
});
