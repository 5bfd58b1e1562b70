/**
 * What came out of the speech engine, checked with ffmpeg before anyone relies on it (an engine that
 * exits 0 but writes nothing, or silence, is still broken), and the short MP3 of a preview.
 */
import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';

/** How the engine's output turned out: usable speech, or why not. */
export type SpeechAudioCheck =
  | { ok: true; durationMs: number; maxVolumeDb: number }
  | { ok: false; problem: 'no-file' | 'empty' | 'not-audio' | 'silent'; details: string };

/** Speech peaks far above this; an engine that «spoke» below it wrote silence. */
export const SILENT_MAX_VOLUME_DB = -60;
const CHECK_TIMEOUT_MS = 60_000;

interface FfmpegOutcome {
  code: number | null;
  stderr: string;
  stdout: Buffer;
}

/** Runs ffmpeg with `args` (no shell), collecting stdout and the end of stderr; kills it past its time. */
function runFfmpeg(ffmpegPath: string, args: string[], timeoutMs: number): Promise<FfmpegOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath, ['-hide_banner', '-nostdin', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-16_000);
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`could not run ${ffmpegPath}: ${err.message}`, { cause: err }));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout: Buffer.concat(out) });
    });
  });
}

/** The last `time=` of ffmpeg's progress: how much audio it decoded. */
function decodedMs(stderr: string): number | null {
  const times = [...stderr.matchAll(/time=(\d+):(\d{2}):(\d{2}(?:\.\d+)?)/g)];
  const last = times.at(-1);
  return last ? Math.round((Number(last[1]) * 3600 + Number(last[2]) * 60 + Number(last[3])) * 1000) : null;
}

/** Decodes the engine's output once: its length and its loudest peak (volumedetect). */
export async function checkSpeechAudio(ffmpegPath: string, file: string): Promise<SpeechAudioCheck> {
  const size = await stat(file).then((s) => s.size, () => null);
  if (size === null) return { ok: false, problem: 'no-file', details: `${file} was not written` };
  if (size === 0) return { ok: false, problem: 'empty', details: `${file} has 0 bytes` };
  const run = await runFfmpeg(ffmpegPath, ['-i', file, '-vn', '-af', 'volumedetect', '-f', 'null', '-'], CHECK_TIMEOUT_MS);
  const peak = /max_volume:\s*(-?(?:\d+(?:\.\d+)?|inf))\s*dB/.exec(run.stderr);
  const durationMs = decodedMs(run.stderr);
  if (run.code !== 0 || !peak) {
    return { ok: false, problem: 'not-audio', details: run.stderr.trim().split('\n').slice(-3).join(' | ') };
  }
  if (!durationMs) return { ok: false, problem: 'empty', details: `${file} decodes to no audio` };
  const maxVolumeDb = peak[1] === '-inf' ? -Infinity : Number(peak[1]);
  if (maxVolumeDb <= SILENT_MAX_VOLUME_DB) return { ok: false, problem: 'silent', details: `peak ${maxVolumeDb} dB` };
  return { ok: true, durationMs, maxVolumeDb };
}

/**
 * The preview a browser plays: mono MP3 at 64 kbps, at the station's loudness (one-pass loudnorm is
 * close enough to judge a voice and a speed; the item itself gets the two-pass ingest).
 */
export async function encodePreview(ffmpegPath: string, wav: string, targetLufs: number): Promise<Buffer> {
  const run = await runFfmpeg(ffmpegPath, [
    '-i', wav, '-vn', '-af', `loudnorm=I=${targetLufs}:TP=-1.5:LRA=11`, '-ac', '1', '-ar', '44100',
    '-c:a', 'libmp3lame', '-b:a', '64k', '-f', 'mp3', 'pipe:1',
  ], CHECK_TIMEOUT_MS);
  if (run.code !== 0 || run.stdout.length === 0) {
    throw new Error(`ffmpeg could not encode the preview (exit ${run.code}): ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  }
  return run.stdout;
}
