/**
 * Speech from text (issue 11) against the real engine: espeak-ng reads a Vietnamese notice (numbers,
 * a date, abbreviations, a phone number) and the audio goes through the real ingest (ffmpeg) into a
 * `pending` item whose length is that of speech of the notice's spoken words at the asked rate; a
 * faster rate makes a shorter item. The preview is playable MP3. Broken engine commands — non-zero
 * exit, a missing program, no output, silence, a hang — and a station with no engine give clear
 * errors naming the cause, and leave no item and no file behind; bad rates and lengths are 400s.
 */
import { once } from 'node:events';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countSpokenWords, normaliseForSpeech } from '../../src/speech/speechText.ts';
import { BASE_WPM } from '../../src/speech/speechInput.ts';
import { ffmpegCli, ffprobeCli, makeTempDir, removeDir } from '../support/makeAudio.ts';
import { ADMIN_PASSWORD, bearer, json, startTestDaemon, type TestDaemon } from '../support/testDaemon.ts';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

const NOTICE = [
  'THÔNG BÁO',
  'UBND phường Hải Châu thông báo: ngày 03/12/2026, từ 7h30 đến 11h, TYT phường tổ chức tiêm chủng cho trẻ từ 2-5 tuổi tại nhà văn hóa TDP 5.',
  'Mỗi trẻ đóng 50.000đ. Phụ huynh mang theo sổ tiêm chủng và thẻ BHYT của trẻ.',
  'Mọi thắc mắc xin liên hệ ĐT: 0912 345 678.',
].join('\n');

interface ItemBody { id: string; status: string; durationMs: number | null; note: string | null; unit: string | null; originalName: string | null; failureReason: string | null }

let t: TestDaemon;
let admin: string;
let operator: string;

async function post(d: TestDaemon, url: string, token: string, payload: object) {
  return d.daemon.app.inject({ method: 'POST', url, headers: bearer(token), payload });
}

/** Waits (on the daemon's own events, not a sleep) until ingest has finished with the item. */
async function ingested(d: TestDaemon, token: string, id: string): Promise<ItemBody> {
  const deadline = AbortSignal.timeout(90_000);
  for (;;) {
    const item = json<ItemBody>(await d.daemon.app.inject({ url: `/api/items/${id}`, headers: bearer(token) }));
    if (item.status !== 'processing') return item;
    await once(d.daemon.events, 'item:changed', { signal: deadline });
  }
}

const itemCount = (d: TestDaemon) => (d.daemon.db.prepare('SELECT COUNT(*) AS n FROM items').get() as { n: number }).n;
const leftovers = (d: TestDaemon) => [
  ...readdirSync(join(d.config.dataDir, 'incoming')),
  ...readdirSync(join(d.config.dataDir, 'tmp')).filter((n) => n.startsWith('speech-')),
];

/** Seconds of speech the engine should take for `words` spoken words at `rate` (its nominal pace). */
const nominalSeconds = (words: number, rate: number) => (words * 60) / (BASE_WPM * rate);

beforeAll(async () => {
  t = await startTestDaemon();
  admin = await t.login('admin', ADMIN_PASSWORD);
  operator = await t.userToken('vanhanh', 'operator');
}, 60_000);
afterAll(() => t?.close());

describe('speech from text with espeak-ng', () => {
  const made: Record<string, ItemBody> = {};

  it('turns a notice into a pending item whose length is that of its spoken words, a faster rate shorter', async () => {
    const spokenWords = countSpokenWords(normaliseForSpeech(NOTICE));
    for (const rate of [1, 1.5]) {
      const res = await post(t, '/api/items/tts', operator, { text: NOTICE, title: `Tiêm chủng (tốc độ ${rate})`, kind: 'thong-bao', rate });
      expect(res.statusCode, res.body).toBe(202);
      const created = json<ItemBody>(res);
      expect(created.status).toBe('processing');
      const item = await ingested(t, operator, created.id);
      expect(item.status, item.failureReason ?? '').toBe('pending');
      made[rate] = item;
      const seconds = item.durationMs! / 1000;
      const nominal = nominalSeconds(spokenWords, rate);
      console.log(`rate ${rate}: ${spokenWords} spoken words, ${seconds.toFixed(1)} s (nominal ${nominal.toFixed(1)} s)`);
      // espeak-ng says a Vietnamese syllable a little faster than its nominal pace and pauses at
      // punctuation: between half and one and a half times the nominal length is speech of this text.
      expect(seconds).toBeGreaterThan(nominal * 0.5);
      expect(seconds).toBeLessThan(nominal * 1.5);
    }
    expect(made[1.5]!.durationMs!).toBeLessThan(made[1]!.durationMs! * 0.8);
  }, 180_000);

  it('keeps the text on the item: in its note for the reviewer, and whole with what was spoken', async () => {
    const item = made[1]!;
    expect(item.note).toBe(`Văn bản đọc: ${NOTICE}`);
    expect(item.originalName).toBe('tts-vi-1x.wav');
    const speech = json<{ text: string; spoken: string; voice: string; rate: number; engine: string }>(
      await t.daemon.app.inject({ url: `/api/items/${item.id}/speech`, headers: bearer(admin) }),
    );
    expect(speech).toMatchObject({ text: NOTICE, voice: 'vi', rate: 1, engine: 'espeak-ng' });
    expect(speech.spoken).toContain('ủy ban nhân dân phường Hải Châu');
    expect(speech.spoken).toContain('ngày ba tháng mười hai năm hai nghìn không trăm hai mươi sáu');
    expect(speech.spoken).toContain('năm mươi nghìn đồng');
    expect(speech.spoken).toContain('không chín một hai, ba bốn năm, sáu bảy tám');
    expect(speech.spoken).not.toMatch(/\d|UBND|TDP|BHYT/);
  });

  it('gives a submitting unit\'s speech item its unit, as an upload', async () => {
    const unit = await t.userToken('donvi', 'submitter', 'Công an phường');
    const res = await post(t, '/api/items/tts', unit, { text: 'Công an phường thông báo.', title: 'Tin công an', unit: 'Phòng khác' });
    expect(res.statusCode, res.body).toBe(202);
    expect(json<ItemBody>(res).unit).toBe('Công an phường');
    await ingested(t, unit, json<ItemBody>(res).id);
  }, 60_000);

  it('previews a text as playable MP3 and stores nothing', async () => {
    const before = itemCount(t);
    const res = await post(t, '/api/speech/preview', operator, { text: 'Xin chào bà con TDP 5, hôm nay ngày 3/12.', voice: 'vi-vn-x-south', rate: 1.2 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('audio/mpeg');
    const dir = await makeTempDir('loa-tts-');
    try {
      const file = join(dir, 'preview.mp3');
      await writeFile(file, res.rawPayload);
      const { stdout } = await execFileAsync(ffprobeCli(), ['-v', 'error', '-show_entries', 'stream=codec_name:format=duration', '-of', 'json', file]);
      const probed = JSON.parse(stdout) as { streams: { codec_name: string }[]; format: { duration: string } };
      expect(probed.streams[0]?.codec_name).toBe('mp3');
      expect(Number(probed.format.duration)).toBeGreaterThan(1.5);
    } finally {
      await removeDir(dir);
    }
    expect(itemCount(t)).toBe(before);
    expect(leftovers(t)).toEqual([]);
  }, 60_000);

  it('says what the engine offers', async () => {
    const info = json(await t.daemon.app.inject({ url: '/api/speech', headers: bearer(operator) }));
    expect(info).toMatchObject({ available: true, voices: ['vi', 'vi-vn-x-central', 'vi-vn-x-south'], defaultVoice: 'vi', maxChars: 5000, minRate: 0.6, maxRate: 1.6 });
  });

  it('refuses bad rates, lengths and voices with a 400 naming the field, and makes nothing', async () => {
    const before = itemCount(t);
    const cases: [string, object, string][] = [
      ['/api/items/tts', { text: 'Xin chào', title: 'x', rate: 0.5 }, 'body.rate'],
      ['/api/items/tts', { text: 'Xin chào', title: 'x', rate: 1.7 }, 'body.rate'],
      ['/api/items/tts', { text: '   ', title: 'x' }, 'body.text'],
      ['/api/items/tts', { text: 'a'.repeat(5001), title: 'x' }, 'body.text'],
      ['/api/items/tts', { text: 'Xin chào' }, 'body.title'],
      ['/api/items/tts', { text: 'Xin chào', title: 'x', voice: 'en-us' }, 'body.voice'],
      ['/api/items/tts', { text: '!!! ... ---', title: 'x' }, 'body.text'],
      ['/api/speech/preview', { text: 'a '.repeat(501) }, 'body.text'],
      ['/api/speech/preview', { text: 'Xin chào', rate: 2 }, 'body.rate'],
    ];
    for (const [url, payload, field] of cases) {
      const res = await post(t, url, operator, payload);
      expect(res.statusCode, `${url} ${JSON.stringify(payload).slice(0, 60)}`).toBe(400);
      expect(JSON.stringify(json(res).details), res.body).toContain(field);
    }
    // 5,000 characters is the limit itself: accepted.
    const longest = `${'Xin chào bà con. '.repeat(294)}Hết.`.slice(0, 5000);
    expect(longest.length).toBe(5000);
    const ok = await post(t, '/api/items/tts', operator, { text: longest, title: 'Dài nhất', rate: 1.6 });
    expect(ok.statusCode, ok.body).toBe(202);
    expect(json<ItemBody>(ok).status).toBe('processing');
    // Its minutes of audio are left to ingest (stopped with the daemon): the limit is what is tested here.
    expect(itemCount(t)).toBe(before + 1);
  }, 120_000);

  it('never lets the text reach a shell', async () => {
    const dir = await makeTempDir('loa-tts-inject-');
    try {
      const marker = join(dir, 'pwned');
      const text = `Tin thử "; touch ${marker}; echo " $(touch ${marker}) \`touch ${marker}\` {out} {in}`;
      const res = await post(t, '/api/speech/preview', operator, { text });
      expect(res.statusCode, res.body).toBe(200);
      expect(existsSync(marker)).toBe(false);
    } finally {
      await removeDir(dir);
    }
  }, 60_000);
});

describe('a broken or absent engine', () => {
  const ffmpeg = ffmpegCli();
  const engines: [string, string, Record<string, string>, number, string, RegExp][] = [
    ['exits non-zero', `sh -c "echo engine exploded >&2; exit 3" sh {in} {out}`, {}, 502, 'speech-engine-failed', /«sh» bị lỗi \(mã thoát 3\): engine exploded/],
    ['is /bin/false', '/bin/false {in} {out}', {}, 502, 'speech-engine-failed', /mã thoát 1/],
    ['is not installed', '/opt/no-such-engine/say -o {out} {in}', {}, 503, 'speech-engine-missing', /«\/opt\/no-such-engine\/say».*LOA_TTS_COMMAND/],
    ['writes nothing', '/bin/true {in} {out}', {}, 502, 'speech-engine-no-audio', /không ghi ra tệp âm thanh nào/],
    ['writes silence', `${ffmpeg} -v error -y -f lavfi -i anullsrc=r=22050:cl=mono -t 2 -metadata comment={in} -f wav {out}`, {}, 502, 'speech-engine-no-audio', /chỉ toàn im lặng/],
    ['hangs', `${process.execPath} -e setTimeout(()=>{},60000) {in} {out}`, { LOA_TTS_TIMEOUT_SECONDS: '1' }, 504, 'speech-engine-timeout', /sau 1 giây/],
  ];

  it.each(engines)('gives a clear error when the engine %s, and leaves no item or file', async (_what, command, env, status, code, message) => {
    const d = await startTestDaemon({ env: { LOA_TTS_COMMAND: command, LOA_PLAYOUT: 'false', ...env } });
    try {
      const token = await d.login('admin', ADMIN_PASSWORD);
      for (const [url, payload] of [['/api/items/tts', { text: 'Xin chào bà con tổ dân phố 5.', title: 'Thử' }], ['/api/speech/preview', { text: 'Xin chào' }]] as const) {
        const res = await post(d, url, token, payload);
        expect(res.statusCode, res.body).toBe(status);
        const body = json<{ code: string; message: string }>(res);
        expect(body.code).toBe(code);
        expect(body.message).toMatch(message);
        const english = await d.daemon.app.inject({ method: 'POST', url, headers: { ...bearer(token), 'accept-language': 'en' }, payload });
        expect(json<{ message: string }>(english).message).toMatch(/speech engine/);
      }
      expect(itemCount(d)).toBe(0);
      expect(leftovers(d)).toEqual([]);
    } finally {
      await d.close();
    }
  }, 60_000);

  it('refuses every speech request with a 4xx naming the setting when the station has no engine', async () => {
    const d = await startTestDaemon({ env: { LOA_TTS_COMMAND: '', LOA_PLAYOUT: 'false' } });
    try {
      const token = await d.login('admin', ADMIN_PASSWORD);
      expect(json(await d.daemon.app.inject({ url: '/api/speech', headers: bearer(token) }))).toMatchObject({ available: false, voices: [], defaultVoice: null });
      for (const [url, payload] of [['/api/items/tts', { text: 'Xin chào', title: 'Thử' }], ['/api/speech/preview', { text: 'Xin chào' }]] as const) {
        const res = await post(d, url, token, payload);
        expect(res.statusCode, res.body).toBe(422);
        expect(json<{ code: string; message: string }>(res)).toMatchObject({ code: 'speech-unavailable', message: expect.stringContaining('LOA_TTS_COMMAND') });
      }
      expect(itemCount(d)).toBe(0);
    } finally {
      await d.close();
    }
  }, 60_000);
});
