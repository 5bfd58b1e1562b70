import { execFile } from 'node:child_process';
import { frameSourceOf } from './frameSource.ts';

/**
 * Encodes one second of digital silence as canonical MP3 (mono 44.1 kHz CBR 96 kbps, no tags) with
 * ffmpeg and returns one frame from its middle. Call it once at start-up and share the frame: players
 * repeat it between programmes and HTTP mounts recognise it.
 */
export async function encodeSilenceFrame(ffmpegPath: string): Promise<Buffer> {
  const mp3 = await runToBuffer(ffmpegPath, [
    '-hide_banner', '-nostdin', '-loglevel', 'error',
    '-f', 'lavfi', '-i', 'anullsrc=r=44100:cl=mono', '-t', '1',
    // No bit reservoir: each frame then carries its own data and can be repeated or spliced anywhere.
    '-c:a', 'libmp3lame', '-reservoir', '0', '-ac', '1', '-ar', '44100', '-b:a', '96k',
    '-write_xing', '0', '-id3v2_version', '0', '-f', 'mp3', 'pipe:1',
  ]);
  const source = frameSourceOf('silence (anullsrc)', mp3);
  // The first frames carry the encoder's start-up state and the last one its flush; a middle frame
  // that borrows nothing from earlier frames (main_data_begin = 0) decodes the same wherever it is put.
  // Without the reservoir every frame qualifies; the check guards against an encoder that ignores it.
  const middle = Math.floor(source.frameCount / 2);
  for (let i = middle; i < source.frameCount; i++) {
    const frame = source.frame(i);
    if (mainDataBegin(frame) === 0) return Buffer.from(frame);
  }
  throw new Error(`ffmpeg produced no self-contained silent frame (${source.frameCount} frames)`);
}

/** Layer III side info starts right after the header (and CRC): its first 9 bits point back into the bit reservoir. */
function mainDataBegin(frame: Buffer): number {
  const crc = ((frame[1] ?? 0) & 1) === 0;
  const at = 4 + (crc ? 2 : 0);
  return ((frame[at] ?? 0) << 1) | ((frame[at + 1] ?? 0) >> 7);
}

function runToBuffer(file: string, args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { encoding: 'buffer', maxBuffer: 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) {
        const said = stderr.toString('utf8').trim().split('\n').slice(-3).join(' | ');
        reject(new Error(`ffmpeg (${file}) could not encode the silence frame: ${said || err.message}`, { cause: err }));
      } else {
        resolve(stdout);
      }
    });
  });
}

/** True when `frames` is nothing but repeats of the player's silent frame (false without one). */
export function isSilence(frames: Buffer, silenceFrame: Buffer | undefined): boolean {
  const n = silenceFrame?.length ?? 0;
  if (silenceFrame === undefined || n === 0 || frames.length === 0 || frames.length % n !== 0) return false;
  for (let off = 0; off < frames.length; off += n) {
    if (!frames.subarray(off, off + n).equals(silenceFrame)) return false;
  }
  return true;
}
