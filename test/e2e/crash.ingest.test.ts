/**
 * kill -9 while ingesting: the daemon runs as a real process and a long upload is mid-ffmpeg when
 * the power goes, once in the loudness pass and once in the normalising transcode (its output half
 * written). After each restart the job is re-queued; in the end the item is whole and pending, the
 * library has no half row, and no upload, transcode or partial copy is left on disk.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../support/apiClient.ts';
import { cleanEnv } from '../support/cleanEnv.ts';
import { childProcesses, isAlive, killHard, startDaemonProcess, stopGently, type DaemonProcess } from '../support/daemonProcess.ts';
import { makeTempDir, makeTone, removeDir } from '../support/makeAudio.ts';
import { freePort } from '../support/ports.ts';
import { listFiles, storedHashes, unsoundStoreFiles } from '../support/storeFiles.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const LONG_SECONDS = 4 * 60;

interface ApiItem { id: string; status: string; failureReason: string | null; audioSha256: string | null; durationMs: number | null }

/** A file's size; 0 when it is not there (any more). */
function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** Polls `probe` every 50 ms until it returns a value (not undefined), up to `ms`. */
async function waitFor<T>(what: string, ms: number, probe: () => T | undefined): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('kill -9 during ingest, restart', () => {
  let dir: string, fixtures: string, base: string;
  let env: NodeJS.ProcessEnv;
  let proc: DaemonProcess | null = null;
  /**
   * The ffmpeg a daemon ran outlives a bare kill -9 of it and runs to the end of its pass (under
   * systemd or in a container the whole group is killed together). They are ours to end, and ended
   * at once so that the restarted daemon does not compete with them for the CPU.
   */
  const strays: number[] = [];
  const endStrays = () => {
    for (const pid of strays) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  };

  beforeAll(async () => {
    [dir, fixtures] = await Promise.all([makeTempDir(), makeTempDir()]);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    env = cleanEnv({
      LOA_DATA_DIR: join(dir, 'data'), LOA_AUDIO_DIR: join(dir, 'audio'), LOA_PORT: String(port), LOA_HOST: '127.0.0.1',
      LOA_ADMIN_PASSWORD: 'admin-pass-123', LOA_DEMO: 'false', LOA_LOG_LEVEL: 'info', LOA_INGEST_CONCURRENCY: '1',
    });
  });
  afterAll(async () => {
    await stopGently(proc);
    endStrays();
    await Promise.all([removeDir(dir), removeDir(fixtures)]);
  });

  it('re-queues the interrupted job; the item ends whole and pending, with no stray file or half row', async () => {
    const tmpDir = join(dir, 'data', 'tmp');
    const transcodes = () => (existsSync(tmpDir) ? readdirSync(tmpDir).filter((n) => n.startsWith('ingest-')) : []);
    /** The daemon's running ffmpeg passes: the loudness pass writes to `-f null`, the transcode `-f mp3`. */
    const ffmpegOf = (p: DaemonProcess, pass: '-f null' | '-f mp3') =>
      childProcesses(p.child.pid!).filter((c) => c.command === 'ffmpeg' && c.args.includes(` ${pass} `));
    const api = apiClient(base);

    proc = await startDaemonProcess(env);
    await api.login('admin', 'admin-pass-123');
    const kept = await api.uploadPending(await makeTone(fixtures, { freq: 550, seconds: 2 }), { title: 'Tin có sẵn' });
    const keptBefore = (await api.call<ApiItem>('GET', `/api/items/${kept.id}`)).body;
    const long = await makeTone(fixtures, { freq: 330, seconds: LONG_SECONDS, name: 'long.wav' });
    const form = new FormData();
    form.append('title', 'Phóng sự dài');
    form.append('file', new Blob([await readFile(long)]), 'phong-su.wav');
    const token = (await api.call<{ token: string }>('POST', '/api/auth/login', { username: 'admin', password: 'admin-pass-123' })).body.token;
    const posted = await fetch(`${base}/api/items`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    expect(posted.status).toBe(202);
    const { id } = (await posted.json()) as { id: string };

    // 1. The power goes in the loudness pass: ffmpeg runs and no transcode has been written yet.
    const first = proc;
    const analysing = await waitFor('the loudness pass', 30_000, () => {
      const ff = ffmpegOf(first, '-f null');
      return ff.length > 0 && transcodes().length === 0 ? ff : undefined;
    });
    strays.push(...analysing.map((c) => c.pid));
    await killHard(first);
    endStrays();

    // 2. Restarted, the job runs again; the power goes once the transcode is half written.
    proc = await startDaemonProcess(env);
    await api.login('admin', 'admin-pass-123');
    expect((await api.call<ApiItem>('GET', `/api/items/${id}`)).body.status).toBe('processing');
    const second = proc;
    const half = await waitFor('a half-written transcode', 60_000, () => {
      const name = transcodes()[0];
      return name && ffmpegOf(second, '-f mp3').length > 0 && sizeOf(join(tmpDir, name)) > 0 ? name : undefined;
    });
    strays.push(...ffmpegOf(second, '-f mp3').map((c) => c.pid));
    await killHard(second);
    endStrays();
    expect(existsSync(join(tmpDir, half))).toBe(true); // what the crash left behind

    // 3. Restarted again, the job completes.
    proc = await startDaemonProcess(env);
    await api.login('admin', 'admin-pass-123');
    let done: ApiItem | null = null;
    for (let i = 0; i < 1200 && !done; i++) {
      const now = (await api.call<ApiItem>('GET', `/api/items/${id}`)).body;
      if (now.status !== 'processing') done = now;
      else await sleep(100);
    }
    expect(done).toMatchObject({ status: 'pending', failureReason: null });
    expect(Math.abs(done!.durationMs! - LONG_SECONDS * 1000)).toBeLessThan(100);

    // No half rows: two items, the old one as it was; one `ingested` in the history of the new one.
    const all = (await api.call<{ total: number; items: ApiItem[] }>('GET', '/api/items?limit=100')).body;
    expect(all.total).toBe(2);
    expect(all.items.find((i) => i.id === kept.id)).toEqual(keptBefore);
    const history = (await api.call<{ events: { action: string }[] }>('GET', `/api/items/${id}/history`)).body.events;
    expect(history.map((e) => e.action).filter((a) => a !== 'uploaded')).toEqual(['ingested']);

    // No stray files: no upload, no transcode, no partial copy; every stored file hashes to its name.
    expect(listFiles(join(dir, 'data', 'incoming'))).toEqual([]);
    expect(listFiles(tmpDir)).toEqual([]);
    expect(storedHashes(join(dir, 'audio'))).toEqual([keptBefore.audioSha256, done!.audioSha256].sort());
    expect(listFiles(join(dir, 'audio'))).toHaveLength(2);
    expect(unsoundStoreFiles(join(dir, 'audio'))).toEqual([]);
  }, 120_000);
});
