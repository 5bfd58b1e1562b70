/**
 * EBU R128 pass 2: apply the pass-1 measurement with loudnorm and encode the canonical file, a
 * mono CBR MP3 of bare frames (no ID3, no Xing/LAME frame) that playout can cut and join frame by frame.
 */
import type { Logger } from 'pino';
import type { Loudness } from '../domain/item.ts';
import { IngestError } from './errors.ts';
import type { FfmpegBinaries } from './ffmpegBinary.ts';
import { FfmpegRunError, runFfmpeg } from './ffmpegRun.ts';
import { DOWNMIX_FILTER, TARGET_LRA, loudnessFrom, parseLoudnormJson } from './loudness.ts';
import type { LoudnessTarget, LoudnormMeasurement } from './loudness.ts';

/** Encoding of the canonical file. */
export interface CanonicalFormat {
  /** CBR bitrate in kbps (e.g. 96). */
  bitrateKbps: number;
  /** Output sample rate in Hz (e.g. 44100); must be an MPEG-1 or MPEG-2 rate. */
  sampleRate: number;
}

/** Options of the normalising transcode. */
export interface TranscodeOptions {
  target: LoudnessTarget;
  measurement: LoudnormMeasurement;
  format: CanonicalFormat;
  signal?: AbortSignal | undefined;
  log?: Logger | undefined;
}

/** What pass 2 reports about its own output. */
export interface TranscodeResult {
  /** Loudness loudnorm measured on what it produced (its `output_*` figures): no third pass needed. */
  after: Loudness;
  /** 'linear' when one gain was applied; 'dynamic' when loudnorm had to compress to respect the peak. */
  normalizationType: string;
}

/** How ffmpeg reports ENOSPC and EDQUOT (strerror's text) when writing its output. */
const DISK_FULL = /No space left on device|Disk quota exceeded/;

/** Sample rates libmp3lame can write (MPEG-1 and MPEG-2; 2.5 rates are too low for speech). */
export const MP3_SAMPLE_RATES: readonly number[] = [32000, 44100, 48000, 16000, 22050, 24000];

/** Pass-2 filter chain: downmix, normalise with the measured values, back from loudnorm's 192 kHz. */
export function normaliseFilter(t: LoudnessTarget, m: LoudnormMeasurement, sampleRate: number): string {
  const loudnorm = [
    `I=${t.targetLufs}`,
    `TP=${t.truePeakDb}`,
    `LRA=${TARGET_LRA}`,
    `measured_I=${m.inputI}`,
    `measured_TP=${m.inputTp}`,
    `measured_LRA=${m.inputLra}`,
    `measured_thresh=${m.inputThresh}`,
    `offset=${m.targetOffset}`,
    'linear=true',
    'print_format=json',
  ].join(':');
  return `${DOWNMIX_FILTER},loudnorm=${loudnorm},aresample=${sampleRate}`;
}

/** Output options of the canonical MP3 (everything after the filter). */
export function canonicalMp3Options(f: CanonicalFormat): string[] {
  return [
    '-ac', '1',
    '-ar', String(f.sampleRate),
    '-c:a', 'libmp3lame',
    '-b:a', `${f.bitrateKbps}k`,
    // Bare frames: no Xing/LAME header frame, no ID3v2 tag, no metadata carried over from the upload.
    '-write_xing', '0',
    '-id3v2_version', '0',
    '-map_metadata', '-1',
    '-f', 'mp3',
  ];
}

/**
 * Normalises `input` into the canonical MP3 at `output`. Pass 1 already decoded the input cleanly,
 * so any failure here is IngestError 'ffmpeg-failed', or 'disk-full' when the output could not be
 * written for want of space (or the abort reason when aborted).
 */
export async function transcodeNormalised(
  bins: FfmpegBinaries,
  input: string,
  output: string,
  opts: TranscodeOptions,
): Promise<TranscodeResult> {
  if (!MP3_SAMPLE_RATES.includes(opts.format.sampleRate)) {
    throw new Error(`sample rate ${opts.format.sampleRate} Hz cannot be written to MP3; use one of ${MP3_SAMPLE_RATES.join(', ')}`);
  }
  const filter = normaliseFilter(opts.target, opts.measurement, opts.format.sampleRate);
  let tail: string[];
  try {
    const run = await runFfmpeg(
      bins,
      input,
      (cmd) => cmd.outputOptions(['-map', '0:a:0', '-filter:a', filter, ...canonicalMp3Options(opts.format)]).output(output),
      { signal: opts.signal, log: opts.log },
    );
    tail = run.tail;
  } catch (err) {
    if (!(err instanceof FfmpegRunError)) throw err;
    const details = err.result.tail.join('\n');
    throw new IngestError(DISK_FULL.test(details) ? 'disk-full' : 'ffmpeg-failed', { details, cause: err });
  }
  // ffmpeg exits 0 when its output could not be written (it only logs the error), leaving a short
  // file that would otherwise be stored as the whole item.
  if (tail.some((line) => DISK_FULL.test(line))) throw new IngestError('disk-full', { details: tail.join('\n') });
  const json = parseLoudnormJson(tail);
  if (!json) throw new IngestError('ffmpeg-failed', { details: `no loudnorm summary in pass 2\n${tail.join('\n')}` });
  return { after: loudnessFrom(json, 'output'), normalizationType: json.normalization_type ?? 'unknown' };
}
