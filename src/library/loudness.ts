/**
 * EBU R128 pass 1: measure integrated loudness, true peak and loudness range with ffmpeg's loudnorm
 * filter. This pass is the first full decode of the upload, so it is also where damaged, truncated
 * and silent files are recognised.
 */
import type { Logger } from 'pino';
import type { Loudness } from '../domain/item.ts';
import { IngestError } from './errors.ts';
import type { FfmpegBinaries } from './ffmpegBinary.ts';
import { FfmpegRunError, runFfmpeg } from './ffmpegRun.ts';
import type { FfmpegRunResult } from './ffmpegRun.ts';

/** Where loudness normalisation aims. */
export interface LoudnessTarget {
  /** Integrated loudness, LUFS (e.g. -16). */
  targetLufs: number;
  /** Maximum true peak, dBTP (e.g. -1.5). */
  truePeakDb: number;
}

/** Pass-1 figures that pass 2 feeds back to loudnorm (`measured_*`, `offset`). */
export interface LoudnormMeasurement {
  inputI: number;
  inputTp: number;
  inputLra: number;
  inputThresh: number;
  targetOffset: number;
}

/** Everything pass 1 learned about the upload. */
export interface LoudnessAnalysis {
  measurement: LoudnormMeasurement;
  before: Loudness;
  /** Audio actually decoded, from ffmpeg's final progress report. */
  decodedMs: number | null;
  /** Error-level lines ffmpeg logged while decoding (tolerated up to a small number). */
  errorLines: number;
}

/** Options of the analysis pass. */
export interface AnalyseOptions {
  target: LoudnessTarget;
  /** The container's own duration, when it is read rather than estimated: decoding less means truncation. */
  declaredDurationMs: number | null;
  /**
   * Longest audio accepted. Decoding stops a second past it, so a file that declares no duration
   * (or a small one that decodes to hours) costs at most this much work before it is refused.
   */
  maxDurationMs?: number | undefined;
  signal?: AbortSignal | undefined;
  log?: Logger | undefined;
}

/** Loudness range target handed to loudnorm (EBU R128 default for speech programmes). */
export const TARGET_LRA = 11;
/** Quieter than this (or "-inf") is silence: the absolute gate of R128 sits at -70 LUFS. */
export const SILENCE_LUFS = -70;
/** Each damaged packet logs about two error lines (decoder + ffmpeg); allow one or two, refuse more. */
export const MAX_DECODE_ERROR_LINES = 4;

/**
 * Both passes downmix first, so pass 1 measures exactly the mono signal that pass 2 normalises
 * (measuring stereo, then downmixing the normalised result, can land up to 3 dB off target).
 */
export const DOWNMIX_FILTER = 'aformat=channel_layouts=mono';

/** Pass-1 filter chain: downmix, then measure; loudnorm prints its JSON summary on stderr at exit. */
export function analysisFilter(t: LoudnessTarget): string {
  return `${DOWNMIX_FILTER},loudnorm=I=${t.targetLufs}:TP=${t.truePeakDb}:LRA=${TARGET_LRA}:print_format=json`;
}

/** How far past `maxDurationMs` pass 1 decodes, so "just over the limit" is still measured exactly. */
export const DECODE_OVERRUN_MS = 1000;

/**
 * Runs pass 1 on `file`. Throws IngestError 'corrupt' (decode errors, nothing decodable, shorter than
 * the container declares), 'too-long' (decodes past `maxDurationMs`), 'silent' (below -70 LUFS) or
 * 'ffmpeg-failed' (ffmpeg itself failed).
 */
export async function analyseLoudness(bins: FfmpegBinaries, file: string, opts: AnalyseOptions): Promise<LoudnessAnalysis> {
  const run = await runAnalysis(bins, file, opts);
  const details = run.tail.join('\n');
  if (run.errorLines > MAX_DECODE_ERROR_LINES) {
    throw new IngestError('corrupt', { details: `${run.errorLines} decode errors in ${file}\n${details}` });
  }
  if (run.lastTimeMs !== null && run.lastTimeMs <= 0) {
    throw new IngestError('corrupt', { details: `nothing decodable in ${file}\n${details}` });
  }
  const declared = opts.declaredDurationMs;
  if (declared !== null && run.lastTimeMs !== null && declared - run.lastTimeMs > Math.max(1000, declared * 0.02)) {
    throw new IngestError('corrupt', {
      details: `truncated: ${file} declares ${declared} ms but only ${run.lastTimeMs} ms decode\n${details}`,
    });
  }
  const max = opts.maxDurationMs;
  if (max !== undefined && run.lastTimeMs !== null && run.lastTimeMs > max) {
    // Reaching the cap means decoding was cut short: the real length is unknown, only "longer".
    const capped = run.lastTimeMs >= max + DECODE_OVERRUN_MS - 100;
    throw new IngestError('too-long', {
      params: { durationMs: run.lastTimeMs, maxDurationMs: max, ...(capped ? { durationIsLowerBound: true } : {}) },
      details: `${file} decodes to ${capped ? 'at least ' : ''}${run.lastTimeMs} ms`,
    });
  }

  const json = parseLoudnormJson(run.tail);
  if (!json) throw new IngestError('ffmpeg-failed', { details: `no loudnorm summary for ${file}\n${details}` });
  const measurement: LoudnormMeasurement = {
    inputI: parseLu(json.input_i),
    inputTp: parseLu(json.input_tp),
    inputLra: parseLu(json.input_lra),
    inputThresh: parseLu(json.input_thresh),
    targetOffset: parseLu(json.target_offset),
  };
  if (!(measurement.inputI >= SILENCE_LUFS)) {
    throw new IngestError('silent', { details: `${file}: integrated loudness ${json.input_i ?? '?'} LUFS` });
  }
  if (![measurement.inputTp, measurement.inputLra, measurement.inputThresh, measurement.targetOffset].every(Number.isFinite)) {
    throw new IngestError('ffmpeg-failed', { details: `unusable loudnorm summary for ${file}\n${details}` });
  }
  return {
    measurement,
    before: loudnessFrom(json, 'input'),
    decodedMs: run.lastTimeMs,
    errorLines: run.errorLines,
  };
}

async function runAnalysis(bins: FfmpegBinaries, file: string, opts: AnalyseOptions): Promise<FfmpegRunResult> {
  try {
    return await runFfmpeg(
      bins,
      file,
      (cmd) =>
        cmd
          .outputOptions(['-map', '0:a:0', '-filter:a', analysisFilter(opts.target), ...decodeCap(opts.maxDurationMs), '-f', 'null'])
          .output('-'),
      { signal: opts.signal, log: opts.log },
    );
  } catch (err) {
    if (!(err instanceof FfmpegRunError)) throw err;
    const details = err.result.tail.join('\n');
    // Exiting non-zero after logging decode errors is the file's fault; without them it is ours.
    if (!err.spawnFailed && err.result.errorLines > 0) throw new IngestError('corrupt', { details, cause: err });
    throw new IngestError('ffmpeg-failed', { details, cause: err });
  }
}

/** Output `-t` that stops decoding just past the limit (none without a limit). */
function decodeCap(maxDurationMs: number | undefined): string[] {
  return maxDurationMs === undefined ? [] : ['-t', ((maxDurationMs + DECODE_OVERRUN_MS) / 1000).toFixed(3)];
}

/**
 * Extracts loudnorm's JSON summary (the last `{ … }` block) from stderr lines; values stay strings
 * as printed ("-23.51", "-inf"). Null when there is none.
 */
export function parseLoudnormJson(lines: readonly string[]): Record<string, string> | null {
  let end = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (lines[i]?.trim() === '}') {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  let start = -1;
  for (let i = end - 1; i >= 0; i--) {
    if (lines[i]?.trim() === '{') {
      start = i;
      break;
    }
  }
  if (start < 0) return null;
  try {
    const parsed: unknown = JSON.parse(lines.slice(start, end + 1).join('\n'));
    if (!parsed || typeof parsed !== 'object') return null;
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(parsed)) out[k] = String(v);
    return out;
  } catch {
    return null;
  }
}

/** Loudness as the domain stores it ("-inf" and other non-numbers become null) from `input_*` or `output_*`. */
export function loudnessFrom(json: Record<string, string>, prefix: 'input' | 'output'): Loudness {
  const finite = (s: string | undefined): number | null => {
    const n = parseLu(s);
    return Number.isFinite(n) ? n : null;
  };
  return {
    integratedLufs: finite(json[`${prefix}_i`]),
    truePeakDb: finite(json[`${prefix}_tp`]),
    lra: finite(json[`${prefix}_lra`]),
  };
}

/** loudnorm prints "-inf"/"inf" for silence; Number() would give NaN for those. */
function parseLu(s: string | undefined): number {
  if (s === undefined) return Number.NaN;
  const t = s.trim();
  if (t === '-inf') return Number.NEGATIVE_INFINITY;
  if (t === 'inf' || t === '+inf') return Number.POSITIVE_INFINITY;
  return t === '' ? Number.NaN : Number(t);
}
