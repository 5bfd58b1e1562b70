/**
 * Hostile uploads for the ingest corpus: video without audio, headers that lie about their size,
 * truncated FLAC/Ogg, and decompression bombs (a small file that decodes to hours of audio).
 */
import { spawn } from 'node:child_process';
import { open, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ffmpegCli, makeTone, runFfmpegCli } from './makeAudio.ts';

/** A few seconds of test-pattern video with no audio stream, in Matroska or MP4. */
export async function makeVideoOnly(dir: string, container: 'matroska' | 'mp4'): Promise<string> {
  const file = path.join(dir, `video-only.${container === 'mp4' ? 'mp4' : 'mkv'}`);
  await runFfmpegCli(['-f', 'lavfi', '-i', 'testsrc=s=160x120:r=10:d=3', '-c:v', 'mpeg4', '-f', container, file]);
  return file;
}

/**
 * A WAV whose RIFF and data chunk sizes declare about 4 GB, followed by only `realSeconds` of a
 * 440 Hz mono 44.1 kHz tone.
 */
export async function makeWavHugeDataChunk(dir: string, opts: { realSeconds: number; name: string }): Promise<string> {
  const whole = await makeTone(dir, { seconds: Math.max(1, Math.ceil(opts.realSeconds)), name: `whole-${opts.name}.wav` });
  const bytes = await readFile(whole);
  const data = bytes.indexOf('data', 12, 'latin1');
  if (data < 0) throw new Error(`no data chunk in ${whole}`);
  const header = Buffer.from(bytes.subarray(0, data + 8));
  header.writeUInt32LE(0xfffffff8, 4);
  header.writeUInt32LE(0xfffffff0, data + 4);
  const real = Math.round(opts.realSeconds * 44100) * 2;
  const file = path.join(dir, opts.name);
  await writeFile(file, Buffer.concat([header, bytes.subarray(data + 8, data + 8 + real)]));
  await rm(whole);
  return file;
}

/** A 3 s MP3 (no tag of its own) behind an ID3v2.4 tag header that declares `tagBytes` of tag. */
export async function makeId3HugeMp3(dir: string, tagBytes = 200 * 1024 * 1024): Promise<string> {
  const short = await makeTone(dir, { seconds: 3, format: 'mp3', name: 'short-for-id3.mp3', mp3: { id3: false, xing: false } });
  const syncsafe = Buffer.from([(tagBytes >> 21) & 0x7f, (tagBytes >> 14) & 0x7f, (tagBytes >> 7) & 0x7f, tagBytes & 0x7f]);
  const file = path.join(dir, 'id3-huge.mp3');
  await writeFile(file, Buffer.concat([Buffer.from('ID3\x04\x00\x00', 'latin1'), syncsafe, await readFile(short)]));
  return file;
}

/** The first `keepFraction` of `source`, cut mid-page/mid-frame (+137 bytes). */
export async function makeCutCopy(source: string, keepFraction: number, name: string): Promise<string> {
  const bytes = await readFile(source);
  const file = path.join(path.dirname(source), name);
  await writeFile(file, bytes.subarray(0, Math.floor(bytes.length * keepFraction) + 137));
  return file;
}

/**
 * A decompression bomb: `seconds` of 8 kHz near-silence (a quiet 0.1 s beep each minute, so it is
 * neither silent nor large) as FLAC, about 1 MB for 3 hours. With `declaresDuration: false` the FLAC
 * frames are remuxed into a streamed Matroska file that states no duration anywhere, so only decoding
 * can tell how long it is.
 */
export async function makeDecompressionBomb(dir: string, opts: { seconds: number; declaresDuration: boolean }): Promise<string> {
  const flac = path.join(dir, `bomb-${opts.seconds}s${opts.declaresDuration ? '' : '-for-remux'}.flac`);
  const source = `sine=frequency=1000:sample_rate=8000:duration=${opts.seconds},volume='if(lt(mod(t,60),0.1),0.05,0)':eval=frame`;
  await runFfmpegCli(['-f', 'lavfi', '-i', source, '-ac', '1', '-c:a', 'flac', '-frame_size', '32768', '-f', 'flac', flac]);
  if (opts.declaresDuration) return flac;
  const file = path.join(dir, `bomb-${opts.seconds}s-no-duration.mka`);
  await remuxToPipe(flac, file);
  await rm(flac);
  return file;
}

/** `ffmpeg -i input -c copy -f matroska pipe:1 > output`: a non-seekable output gets no duration. */
async function remuxToPipe(input: string, output: string): Promise<void> {
  const out = await open(output, 'w');
  try {
    const child = spawn(ffmpegCli(), ['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', input, '-c', 'copy', '-f', 'matroska', 'pipe:1'], {
      stdio: ['ignore', out.fd, 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    if (code !== 0) throw new Error(`ffmpeg remux of ${input} exited ${code}: ${stderr}`);
  } finally {
    await out.close();
  }
}
