import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.ts';
import { systemClock } from '../../src/clock.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { startDaemon } from '../../src/daemon.ts';
import { DEMO_ITEMS } from '../../src/demo/demoLibrary.ts';
import { decideDemo } from '../../src/demo/demoPolicy.ts';
import { audioPath } from '../../src/library/audioStore.ts';
import { openDatabase, type Db } from '../../src/storage/db.ts';
import { appendItemEvent, listItemEvents } from '../../src/storage/itemEvents.ts';
import { getItem, insertItem, type ItemRecord } from '../../src/storage/items.ts';
import { insertPin, listItemSlots, replaceSlots } from '../../src/storage/plans.ts';
import { insertProgrammeEntries, listProgrammeEntries } from '../../src/storage/programmes.ts';
import { captureLog } from '../support/logCapture.ts';
import { makeTempDir, removeDir } from '../support/makeAudio.ts';
import { ADMIN_PASSWORD } from '../support/testDaemon.ts';

const run = promisify(execFile);
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await removeDir(d);
});

async function tempDir(): Promise<string> {
  const dir = await makeTempDir();
  dirs.push(dir);
  return dir;
}

function configIn(dir: string, extra: Record<string, string> = {}): Config {
  return loadConfig({
    LOA_DATA_DIR: join(dir, 'data'), LOA_AUDIO_DIR: join(dir, 'audio'), LOA_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOA_LOG_LEVEL: 'info', LOA_PLAYOUT: 'false', LOA_INGEST_CONCURRENCY: '1', ...extra,
  });
}

/** Starts a daemon on an empty database with only LOA_* from `settings` and the given NODE_ENV. */
async function firstStart(nodeEnv: string, settings: Record<string, string> = {}) {
  const dir = await tempDir();
  const { log, lines } = captureLog('info');
  const env = { PATH: process.env.PATH, FFMPEG_PATH: process.env.FFMPEG_PATH, FFPROBE_PATH: process.env.FFPROBE_PATH, NODE_ENV: nodeEnv };
  const daemon = await startDaemon(configIn(dir, settings), { clock: systemClock, log, env, listen: false });
  const count = (table: string) => (daemon.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  const demoLines = () => lines.filter((l) => l.msg.startsWith('demo not loaded')).map((l) => l.msg);
  return { daemon, count, demoLines };
}

describe('whether the demo loads (decisions §11)', () => {
  it('loads on an empty database unless NODE_ENV=production; LOA_DEMO always wins; never into a used database', () => {
    const d = (setting: boolean | undefined, nodeEnv: string | undefined, empty = true) => decideDemo({ setting, nodeEnv, empty, hasAdmin: true }).load;
    expect([d(undefined, undefined), d(undefined, 'development'), d(undefined, 'test'), d(undefined, 'production')]).toEqual([true, true, true, false]);
    expect([d(true, 'production'), d(true, 'development'), d(false, 'production'), d(false, 'development'), d(false, undefined)])
      .toEqual([true, true, false, false, false]);
    expect([d(true, 'development', false), d(undefined, 'development', false)]).toEqual([false, false]);
    expect(decideDemo({ setting: true, nodeEnv: 'production', empty: true, hasAdmin: false }).load).toBe(false);
  });

  it('a production start on an empty database loads no demo and says so in one log line', async () => {
    const { daemon, count, demoLines } = await firstStart('production');
    try {
      expect({ zones: count('zones'), topics: count('topics'), items: count('items') }).toEqual({ zones: 0, topics: 0, items: 0 });
      expect(demoLines()).toEqual([expect.stringContaining('NODE_ENV=production')]);
      expect(demoLines()[0]).toContain('LOA_DEMO=true');
    } finally {
      await daemon.stop();
    }
  });

  it('LOA_DEMO=false in development loads none, and the log says why', async () => {
    const { daemon, count, demoLines } = await firstStart('development', { LOA_DEMO: 'false' });
    try {
      expect({ zones: count('zones'), items: count('items') }).toEqual({ zones: 0, items: 0 });
      expect(demoLines()).toEqual(['demo not loaded: LOA_DEMO=false']);
    } finally {
      await daemon.stop();
    }
  });

  it('LOA_DEMO=true in production loads the demo ward, and every demo item carries the flag in the API', async () => {
    const { daemon, count, demoLines } = await firstStart('production', { LOA_DEMO: 'true' });
    try {
      expect(demoLines()).toEqual([]);
      expect(count('zones')).toBeGreaterThan(0);
      expect(count('items')).toBe(DEMO_ITEMS.length);
      const login = await daemon.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD } });
      const token = (login.json() as { token: string }).token;
      const res = await daemon.app.inject({ method: 'GET', url: '/api/items?limit=100', headers: { authorization: `Bearer ${token}` } });
      expect(res.statusCode).toBe(200);
      const items = (res.json() as { items: { title: string; demo: unknown }[] }).items;
      expect(items.map((i) => i.title).sort()).toEqual(DEMO_ITEMS.map((i) => i.title).sort());
      expect(items.map((i) => i.demo)).toEqual(DEMO_ITEMS.map(() => true));
    } finally {
      await daemon.stop();
    }
  });
});

describe('migration 0007 on a database that loaded the demo before it', () => {
  it('marks the items the old loader made, and only those', async () => {
    const dir = await tempDir();
    const upTo6 = join(dir, 'migrations');
    mkdirSync(upTo6);
    const all = join(import.meta.dirname, '..', '..', 'migrations');
    for (const f of readdirSync(all).filter((f) => /^000[1-6]_/.test(f))) copyFileSync(join(all, f), join(upTo6, f));
    const file = join(dir, 'old.sqlite');
    const old = openDatabase(file, upTo6);
    old.prepare("INSERT INTO users (id, username, password_hash, role, created_at) VALUES ('usr_admin', 'admin', 'x', 'admin', 1)").run();
    const add = old.prepare(
      `INSERT INTO items (id, title, kind, status, original_name, note, submitted_by, created_at, updated_at)
       VALUES (@id, @id, 'tin', 'approved', @name, @note, 'usr_admin', 1, 1)`,
    );
    add.run({ id: 'itm_demo_note', name: 'demo-1.wav', note: 'Dữ liệu mẫu (demo)' });
    add.run({ id: 'itm_demo_edited', name: 'demo-2.wav', note: 'sửa ghi chú' });
    add.run({ id: 'itm_station', name: 'demo-3.wav', note: 'tin của phường' });
    add.run({ id: 'itm_other', name: 'ban-tin.wav', note: 'Dữ liệu mẫu (demo)' });
    old.prepare(
      "INSERT INTO item_events (item_id, at, actor_id, action, note) VALUES ('itm_demo_edited', 2, 'usr_admin', 'approved', 'Dữ liệu mẫu (demo): tự động duyệt')",
    ).run();
    old.close();

    const db = openDatabase(file);
    try {
      const flagged = (db.prepare('SELECT id FROM items WHERE demo = 1 ORDER BY id').all() as { id: string }[]).map((r) => r.id);
      expect(flagged).toEqual(['itm_demo_edited', 'itm_demo_note']);
    } finally {
      db.close();
    }
  });
});

describe('loa demo remove', () => {
  const DAY = 86_400_000;
  const sha = (c: string) => c.repeat(64);

  function item(id: string, over: Partial<ItemRecord>): ItemRecord {
    return {
      id, title: id, kind: 'tin', topics: [], ceremonial: false, unit: null, priority: 'normal', validFrom: null, validUntil: null,
      note: null, status: 'approved', failureReason: null, durationMs: 60_000, audioSha256: null, originalName: `${id}.wav`,
      loudnessBefore: null, loudnessAfter: null, incomingPath: null, submittedBy: null, reviewedBy: null, reviewedAt: null,
      reviewNote: null, approvedAt: 1, createdAt: 1, updatedAt: 1, ...over,
    };
  }

  /**
   * demo-unaired (own audio a…), demo-shared (audio c… shared with the station's item), demo-aired
   * (an airtime row) and the station's own item, each with history; the demo items with plans.
   */
  function seed(db: Db, audioDir: string, now: number): void {
    const rows = [
      item('itm_demo_unaired', { demo: true, audioSha256: sha('a') }),
      item('itm_demo_shared', { demo: true, audioSha256: sha('c') }),
      item('itm_demo_aired', { demo: true, audioSha256: sha('b') }),
      item('itm_station', { audioSha256: sha('c') }),
    ];
    for (const r of rows) {
      insertItem(db, r);
      appendItemEvent(db, { itemId: r.id, at: 1, actorId: null, action: 'uploaded', fromStatus: null, toStatus: 'processing', note: null, data: null });
      appendItemEvent(db, { itemId: r.id, at: 2, actorId: null, action: 'approved', fromStatus: 'pending', toStatus: 'approved', note: null, data: null });
      if (r.audioSha256) {
        mkdirSync(join(audioDir, r.audioSha256.slice(0, 2)), { recursive: true });
        writeFileSync(audioPath(audioDir, r.audioSha256), 'mp3');
      }
    }
    const slot = (itemId: string, startMs: number) => ({ zoneId: 'tdp-1', date: '2026-05-18', startMs, endMs: startMs + 60_000, itemId, window: '05:30', reason: [] });
    replaceSlots(
      db, { zones: ['tdp-1'], from: '2026-05-18', to: '2026-05-18', cutoffMs: 0 },
      [slot('itm_demo_unaired', now + DAY), slot('itm_demo_aired', now - DAY), slot('itm_demo_aired', now + DAY + 120_000), slot('itm_station', now + DAY + 240_000)],
      [], now,
    );
    insertPin(db, { id: 'pin_demo', zoneId: 'tdp-1', date: '2026-05-19', window: '05:30', itemId: 'itm_demo_unaired', kind: 'pin', createdBy: null, createdAt: now });
    insertPin(db, { id: 'pin_station', zoneId: 'tdp-1', date: '2026-05-19', window: '05:30', itemId: 'itm_station', kind: 'pin', createdBy: null, createdAt: now });
    insertProgrammeEntries(db, [
      { zoneId: 'tdp-1', startMs: now + 2 * DAY, endMs: now + 2 * DAY + 60_000, itemId: 'itm_demo_shared', source: 'programme' },
      { zoneId: 'tdp-1', startMs: now + 3 * DAY, endMs: now + 3 * DAY + 60_000, itemId: 'itm_demo_aired', source: 'programme' },
    ], null, now);
    db.prepare(
      `INSERT INTO airtime (zone_id, item_id, item_title, item_kind, started_at, heartbeat_at, ended_at, played_ms, outcome)
       VALUES ('tdp-1', 'itm_demo_aired', 'itm_demo_aired', 'tin', @start, @end, @end, 60000, 'completed')`,
    ).run({ start: now - DAY, end: now - DAY + 60_000 });
  }

  it('deletes never-aired demo items with their plans and unshared audio, archives aired ones, keeps the rest; a second run finds nothing', async () => {
    const dir = await tempDir();
    const config = configIn(dir);
    const now = Date.now();
    const db = openDatabase(join(config.dataDir, 'loa.sqlite'));
    seed(db, config.audioDir, now);
    db.close();

    const out = await runCli(['demo', 'remove'], config);
    expect(out).toContain('Đã xoá 2 tin mẫu chưa từng phát (cùng 1 tệp âm thanh');
    expect(out).toContain('Đã lưu trữ 1 tin mẫu đã phát');
    expect(out).toContain('Đã gỡ 2 lượt phát trong lịch đã lưu, 1 ghim và 2 lượt phát thủ công');
    expect(out).toContain('Vùng loa, chủ đề và chính sách của trạm mẫu được giữ nguyên');
    expect(out).toContain('không thể yêu cầu dịch vụ Loa đang chạy lập lịch lại');

    const check = openDatabase(join(config.dataDir, 'loa.sqlite'));
    try {
      // Never aired: gone, with history, slots, pins and programme entries; audio gone unless shared.
      expect(getItem(check, 'itm_demo_unaired')).toBeUndefined();
      expect(getItem(check, 'itm_demo_shared')).toBeUndefined();
      expect(listItemEvents(check, 'itm_demo_unaired')).toEqual([]);
      expect(existsSync(audioPath(config.audioDir, sha('a')))).toBe(false);
      expect(existsSync(audioPath(config.audioDir, sha('c')))).toBe(true);
      // Aired: archived, its airtime row and its past slot kept, out of the programme from now on.
      const aired = getItem(check, 'itm_demo_aired');
      expect(aired).toMatchObject({ status: 'archived', demo: true });
      expect(listItemEvents(check, 'itm_demo_aired').map((e) => e.action)).toEqual(['uploaded', 'approved', 'archived']);
      expect(check.prepare("SELECT COUNT(*) AS n FROM airtime WHERE item_id = 'itm_demo_aired'").get()).toEqual({ n: 1 });
      expect(listItemSlots(check, 'itm_demo_aired', 0).map((s) => s.startMs)).toEqual([now - DAY]);
      expect(existsSync(audioPath(config.audioDir, sha('b')))).toBe(true);
      expect(listProgrammeEntries(check, ['tdp-1'], now, now + 10 * DAY)).toEqual([]);
      // The station's item untouched, with its slot and pin; its history still refuses deletes.
      expect(getItem(check, 'itm_station')).toMatchObject({ status: 'approved', demo: false });
      expect(listItemSlots(check, 'itm_station', 0)).toHaveLength(1);
      expect((check.prepare('SELECT id FROM pins').all() as { id: string }[]).map((p) => p.id)).toEqual(['pin_station']);
      expect(() => check.prepare("DELETE FROM item_events WHERE item_id = 'itm_station'").run()).toThrow('append-only');
      expect(() => check.prepare("DELETE FROM item_events WHERE item_id = 'itm_demo_aired'").run()).toThrow('append-only');
    } finally {
      check.close();
    }

    // Through the real `loa` entry: nothing is left to remove.
    const env = { PATH: process.env.PATH, LOA_DATA_DIR: config.dataDir, LOA_AUDIO_DIR: config.audioDir };
    const again = await run(process.execPath, ['bin/loa.js', 'demo', 'remove'], { env });
    expect(again.stdout).toContain('Không còn dữ liệu mẫu (demo) nào để gỡ.');
    expect(again.stdout).toContain('1 tin mẫu đã phát vẫn được lưu trữ');
    await expect(run(process.execPath, ['bin/loa.js', 'demo'], { env })).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('usage: loa demo remove') });
  });
});
