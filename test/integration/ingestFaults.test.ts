/**
 * Faults while ingesting, through the API of a whole daemon with real ffmpeg: ffmpeg crashing
 * part-way through a pass, and the audio store's disk filling up mid-copy (an injected ENOSPC,
 * decisions §11: a small filesystem cannot be mounted where these tests run). Each time the item
 * fails with a sentence saying why, the rest of the library and the store stay as they were, no
 * temporary file is left, and the queue and the daemon carry on. Last, ffmpeg's own output on a
 * full disk: real ffmpeg writing to /dev/full (it exits 0 there) must not pass for a shorter file.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { startDaemon } from '../../src/daemon.ts';
import type { AudioWriter } from '../../src/library/audioStore.ts';
import { IngestError } from '../../src/library/errors.ts';
import { resolveFfmpeg } from '../../src/library/ffmpegBinary.ts';
import { analyseLoudness } from '../../src/library/loudness.ts';
import { transcodeNormalised } from '../../src/library/transcode.ts';
import { cleanEnv } from '../support/cleanEnv.ts';
import { ffmpegCli, makeTempDir, makeTone, removeDir } from '../support/makeAudio.ts';
import { listFiles, storedHashes, unsoundStoreFiles } from '../support/storeFiles.ts';
import { ADMIN_PASSWORD, bearer, json, multipart } from '../support/testDaemon.ts';

interface ApiItem { id: string; title: string; status: string; failureReason: string | null; audioSha256: string | null; durationMs: number | null }

/** A daemon on its own temp dir (not listening), with the seams these tests need. */
async function startFaultDaemon(dir: string, env: Record<string, string>, audioWriter?: AudioWriter) {
  const fullEnv = cleanEnv({
    LOA_DATA_DIR: join(dir, 'data'), LOA_AUDIO_DIR: join(dir, 'audio'), LOA_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOA_LOG_LEVEL: 'silent', LOA_DEMO: 'false', LOA_PLAYOUT: 'false', LOA_INGEST_CONCURRENCY: '1', ...env,
  });
  const config = loadConfig(fullEnv);
  const daemon = await startDaemon(config, { clock: systemClock, log: pino({ level: 'silent' }), env: fullEnv, listen: false, ...(audioWriter && { audioWriter }) });
  const login = await daemon.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD } });
  const token = json<{ token: string }>(login).token;
  const api = {
    daemon,
    async upload(title: string, file: string): Promise<string> {
      const body = multipart({ title, kind: 'tin' }, { name: `${title}.wav`, data: readFileSync(file) });
      const res = await daemon.app.inject({ method: 'POST', url: '/api/items', headers: { ...bearer(token), ...body.headers }, payload: body.payload });
      expect(res.statusCode, res.body).toBe(202);
      return json<ApiItem>(res).id;
    },
    async item(id: string, lang = 'vi'): Promise<ApiItem> {
      return json<ApiItem>(await daemon.app.inject({ url: `/api/items/${id}`, headers: { ...bearer(token), 'accept-language': lang } }));
    },
    async items(): Promise<ApiItem[]> {
      return json<{ items: ApiItem[] }>(await daemon.app.inject({ url: '/api/items?limit=100', headers: bearer(token) })).items;
    },
    async processed(id: string): Promise<ApiItem> {
      for (let i = 0; i < 600; i++) {
        const item = await api.item(id);
        if (item.status !== 'processing') return item;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`ingest of ${id} did not finish`);
    },
  };
  return api;
}

/** Temporary files an ingest may leave: uploads, transcodes, half copies in the store. */
const leftovers = (dir: string) => [
  ...listFiles(join(dir, 'data', 'incoming')).map((f) => `incoming/${f}`),
  ...listFiles(join(dir, 'data', 'tmp')).map((f) => `tmp/${f}`),
  ...listFiles(join(dir, 'audio')).filter((f) => !/^[0-9a-f]{2}\/[0-9a-f]{64}\.mp3$/.test(f)),
];

/**
 * An ffmpeg that crashes: a shell script that runs the real one and, on the first run of the pass
 * named in `<state>/mode` (analyse: the loudness pass, `-f null`; transcode: the normalising pass,
 * `-f mp3`), lets it work part-way and then kills it and itself with SIGSEGV, as a crash would.
 */
function writeCrashingFfmpeg(dir: string, state: string): string {
  const real = execFileSync('sh', ['-c', `command -v '${ffmpegCli()}'`], { encoding: 'utf8' }).trim();
  const script = join(dir, 'ffmpeg');
  writeFileSync(script, `#!/bin/sh
mode=$(cat '${state}/mode' 2>/dev/null)
case "$mode:$* " in
  "analyse:"*" -f null "*|"transcode:"*" -f mp3 "*) ;;
  *) exec '${real}' "$@" ;;
esac
mkdir '${state}/crashed' 2>/dev/null || exec '${real}' "$@"
'${real}' "$@" &
child=$!
for out; do :; done
# Part-way: the transcode once its output has bytes, the analysis after half a second.
i=0
while [ $i -lt 100 ]; do
  if [ "$mode" = transcode ] && [ -s "$out" ]; then break; fi
  if [ "$mode" = analyse ] && [ $i -ge 10 ]; then break; fi
  sleep 0.05; i=$((i+1))
done
[ "$mode" = transcode ] && [ -s "$out" ] && touch '${state}/output-seen'
kill -SEGV $child 2>/dev/null
wait $child
kill -SEGV $$
`);
  chmodSync(script, 0o755);
  return script;
}

describe('ffmpeg crashing mid-ingest', () => {
  let dir: string, fixtures: string, state: string;
  let t: Awaited<ReturnType<typeof startFaultDaemon>>;
  let long: string, short: string;
  let kept: ApiItem;

  beforeAll(async () => {
    [dir, fixtures] = await Promise.all([makeTempDir(), makeTempDir()]);
    state = join(fixtures, 'state');
    mkdirSync(state);
    const ffmpeg = writeCrashingFfmpeg(fixtures, state);
    t = await startFaultDaemon(dir, { FFMPEG_PATH: ffmpeg });
    expect(t.daemon.ffmpeg.ffmpegPath).toBe(ffmpeg);
    [long, short] = await Promise.all([
      makeTone(fixtures, { freq: 330, seconds: 60, format: 'wav' }),
      makeTone(fixtures, { freq: 770, seconds: 3, format: 'wav' }),
    ]);
    // Already in the library before any crash: it must come through untouched.
    kept = await t.processed(await t.upload('Tin có sẵn', await makeTone(fixtures, { freq: 550, seconds: 2, format: 'wav' })));
    expect(kept.status).toBe('pending');
  }, 60_000);
  afterAll(async () => {
    await t?.daemon.stop();
    await Promise.all([dir && removeDir(dir), fixtures && removeDir(fixtures)]);
  });

  for (const pass of ['analyse', 'transcode'] as const) {
    it(`fails the item with a clear reason when ffmpeg crashes in the ${pass} pass, and the next job still ingests`, async () => {
      rmSync(join(state, 'crashed'), { recursive: true, force: true });
      writeFileSync(join(state, 'mode'), pass);
      const storeBefore = storedHashes(join(dir, 'audio'));
      const othersBefore = await t.items();

      const crashed = await t.upload(`Tin dài ${pass}`, long);
      const next = await t.upload(`Tin kế tiếp ${pass}`, short); // queued behind it (one job at a time)
      const failed = await t.processed(crashed);
      const done = await t.processed(next);
      writeFileSync(join(state, 'mode'), 'none');

      expect(existsSync(join(state, 'crashed')), 'the fake ffmpeg crashed').toBe(true);
      if (pass === 'transcode') expect(existsSync(join(state, 'output-seen')), 'it crashed after writing part of its output').toBe(true);
      expect(failed).toMatchObject({ status: 'failed', audioSha256: null, durationMs: null });
      expect(failed.failureReason).toBe('Lỗi máy chủ khi xử lý âm thanh, vui lòng thử lại sau');
      expect((await t.item(crashed, 'en')).failureReason).toBe('The server failed to process the audio; please try again later');
      expect(done.status).toBe('pending');

      // The library: what was there is as it was; the store gained the next job's file and nothing else.
      const after = await t.items();
      for (const before of othersBefore) expect(after.find((i) => i.id === before.id)).toEqual(before);
      expect(storedHashes(join(dir, 'audio'))).toEqual([...new Set([...storeBefore, done.audioSha256!])].sort());
      expect(unsoundStoreFiles(join(dir, 'audio'))).toEqual([]);
      expect(leftovers(dir)).toEqual([]);
    }, 90_000);
  }
});

/** A disk that fills up: writes go through to the real file until `budget` bytes, then ENOSPC. */
function fillingDisk(): AudioWriter & { full: boolean; budget: number; refused: number } {
  const disk = {
    full: false,
    budget: 16 * 1024,
    refused: 0,
    async create(path: string) {
      const file = await open(path, 'wx');
      let written = 0;
      return {
        async write(chunk: Buffer) {
          if (disk.full && written + chunk.length > disk.budget) {
            // A real full disk takes what fits first, then refuses the rest.
            await file.write(chunk.subarray(0, Math.max(0, disk.budget - written)));
            written = disk.budget;
            disk.refused++;
            throw Object.assign(new Error(`ENOSPC: no space left on device, write '${path}'`), { code: 'ENOSPC', errno: -28, syscall: 'write' });
          }
          written += chunk.length;
          return file.write(chunk);
        },
        sync: () => file.sync(),
        close: () => file.close(),
      };
    },
  };
  return disk;
}

describe('the disk filling up while ingesting', () => {
  let dir: string, fixtures: string;
  let t: Awaited<ReturnType<typeof startFaultDaemon>>;
  const disk = fillingDisk();

  beforeAll(async () => {
    [dir, fixtures] = await Promise.all([makeTempDir(), makeTempDir()]);
    t = await startFaultDaemon(dir, {}, disk);
  });
  afterAll(async () => {
    await t?.daemon.stop();
    await Promise.all([dir && removeDir(dir), fixtures && removeDir(fixtures)]);
  });

  it('fails the item saying the disk is full, leaves the library and store as they were, and recovers once there is space', async () => {
    const kept = await t.processed(await t.upload('Tin có sẵn', await makeTone(fixtures, { freq: 550, seconds: 2, format: 'wav' })));
    expect(kept.status).toBe('pending');
    const storeBefore = storedHashes(join(dir, 'audio'));
    expect(storeBefore).toEqual([kept.audioSha256]);
    const tone = await makeTone(fixtures, { freq: 880, seconds: 20, format: 'wav' }); // ~240 kB of MP3: past the budget

    disk.full = true;
    const id = await t.upload('Tin khi đầy đĩa', tone);
    const failed = await t.processed(id);
    expect(disk.refused).toBe(1);
    expect(failed).toMatchObject({ status: 'failed', audioSha256: null, durationMs: null });
    expect(failed.failureReason).toBe('Ổ đĩa của máy chủ đã đầy nên không lưu được âm thanh; hãy giải phóng dung lượng rồi tải lại');
    expect((await t.item(id, 'en')).failureReason).toBe("The server's disk is full, so the audio could not be stored; free some space and upload again");
    expect(await t.item(kept.id)).toEqual(kept);
    expect(storedHashes(join(dir, 'audio'))).toEqual(storeBefore);
    expect(unsoundStoreFiles(join(dir, 'audio'))).toEqual([]);
    expect(leftovers(dir)).toEqual([]);
    const health = await t.daemon.app.inject({ url: '/healthz' });
    expect([200, 503]).toContain(health.statusCode);
    expect(json<{ checks: { database: { state: string } }; ingestQueue: number }>(health)).toMatchObject({ checks: { database: { state: 'ok' } }, ingestQueue: 0 });

    // Space freed: the same file goes in.
    disk.full = false;
    const again = await t.processed(await t.upload('Tin tải lại', tone));
    expect(again.status).toBe('pending');
    expect(storedHashes(join(dir, 'audio'))).toEqual([...storeBefore, again.audioSha256!].sort());
    expect(unsoundStoreFiles(join(dir, 'audio'))).toEqual([]);
  }, 60_000);
});

describe("ffmpeg's own write on a full disk", () => {
  it('is refused as disk-full, not taken as a shorter file (ffmpeg itself exits 0 there)', async () => {
    const fixtures = await makeTempDir();
    try {
      const bins = await resolveFfmpeg(cleanEnv());
      const tone = await makeTone(fixtures, { freq: 440, seconds: 5 });
      const target = { targetLufs: -16, truePeakDb: -1.5 };
      const { measurement } = await analyseLoudness(bins, tone, { target, declaredDurationMs: 5000 });
      // /dev/full: a real device on which every write fails with ENOSPC.
      const refused = await transcodeNormalised(bins, tone, '/dev/full', { target, measurement, format: { bitrateKbps: 96, sampleRate: 44100 } })
        .then(() => null, (err: unknown) => err);
      expect(refused).toBeInstanceOf(IngestError);
      expect((refused as IngestError).code).toBe('disk-full');
    } finally {
      await removeDir(fixtures);
    }
  });
});
