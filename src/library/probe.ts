/**
 * Cheap first look at an upload: container and first audio stream from the headers (ffprobe), so
 * files that are not audio, empty or too long are refused before any decoding.
 */
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { IngestError } from './errors.ts';
import type { FfmpegBinaries } from './ffmpegBinary.ts';

const execFileAsync = promisify(execFile);

/** What the container says about its first audio stream. */
export interface ProbedAudio {
  formatName: string;
  codec: string;
  /** Null when the container gives no duration at all (then only decoding can tell). */
  durationMs: number | null;
  /** True when the demuxer guessed the duration from size ÷ bitrate instead of reading it. */
  durationIsEstimate: boolean;
  sampleRate: number;
  channels: number;
  bitRate: number | null;
}

/** Seams of one probe. */
export interface ProbeOptions {
  signal?: AbortSignal | undefined;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const ESTIMATED = /Estimating duration from bitrate/;

/**
 * Probes `file`. Throws IngestError 'empty' (zero bytes or zero duration), 'not-audio' (no audio
 * stream, e.g. a picture), 'corrupt' (unreadable) or 'ffmpeg-failed' (the probe itself could not run).
 */
export async function probeAudio(bins: FfmpegBinaries, file: string, opts: ProbeOptions = {}): Promise<ProbedAudio> {
  const { size } = await stat(file);
  if (size === 0) throw new IngestError('empty', { details: `${file} has 0 bytes` });

  const probed = bins.ffprobePath
    ? await probeWithFfprobe(bins.ffprobePath, file, opts)
    : await probeWithFfmpeg(bins.ffmpegPath, file, opts);
  if (probed.durationMs === 0) throw new IngestError('empty', { details: `${file}: duration is 0` });
  return probed;
}

interface FfprobeJson {
  streams?: Array<{
    codec_type?: string;
    codec_name?: string;
    sample_rate?: string;
    channels?: number;
    duration?: string;
    bit_rate?: string;
  }>;
  format?: { format_name?: string; duration?: string; bit_rate?: string };
}

async function probeWithFfprobe(ffprobe: string, file: string, opts: ProbeOptions): Promise<ProbedAudio> {
  // Headers only: -show_entries reads what the demuxer found while opening; nothing is decoded in full.
  const args = [
    '-hide_banner',
    '-v', 'warning',
    '-print_format', 'json',
    '-show_entries',
    'format=format_name,duration,bit_rate:stream=codec_type,codec_name,sample_rate,channels,duration,bit_rate',
    file,
  ];
  const { stdout, stderr } = await runProbe(ffprobe, args, file, opts);
  let data: FfprobeJson;
  try {
    data = JSON.parse(stdout) as FfprobeJson;
  } catch (cause) {
    throw new IngestError('ffmpeg-failed', { details: `ffprobe printed invalid JSON for ${file}`, cause });
  }
  const stream = data.streams?.find((s) => s.codec_type === 'audio');
  if (!stream) {
    const kinds = (data.streams ?? []).map((s) => `${s.codec_type}/${s.codec_name}`).join(', ') || 'none';
    throw new IngestError('not-audio', { details: `${file}: ${data.format?.format_name ?? '?'} with streams: ${kinds}` });
  }
  const seconds = parseNumber(stream.duration) ?? parseNumber(data.format?.duration);
  return {
    formatName: data.format?.format_name ?? 'unknown',
    codec: stream.codec_name ?? 'unknown',
    durationMs: seconds === null ? null : Math.round(seconds * 1000),
    durationIsEstimate: ESTIMATED.test(stderr),
    sampleRate: parseNumber(stream.sample_rate) ?? 0,
    channels: stream.channels ?? 0,
    bitRate: parseNumber(stream.bit_rate) ?? parseNumber(data.format?.bit_rate),
  };
}

/**
 * Fallback when no ffprobe exists: `ffmpeg -i file` with no output prints the same header summary,
 * then exits 1 ("At least one output file must be specified"), so the exit code says nothing here.
 * execFile rather than fluent-ffmpeg because fluent-ffmpeg refuses to run a command without output.
 */
async function probeWithFfmpeg(ffmpegPath: string, file: string, opts: ProbeOptions): Promise<ProbedAudio> {
  const stderr = await runFfmpegInfo(ffmpegPath, file, opts);
  const parsed = parseFfmpegInputInfo(stderr);
  if (!parsed) {
    throw new IngestError('corrupt', { details: `ffmpeg could not open ${file}:\n${tailOf(stderr)}` });
  }
  if (!parsed.audio) {
    throw new IngestError('not-audio', { details: `${file}: ${parsed.formatName} without an audio stream` });
  }
  return {
    formatName: parsed.formatName,
    codec: parsed.audio.codec,
    durationMs: parsed.durationMs,
    durationIsEstimate: ESTIMATED.test(stderr),
    sampleRate: parsed.audio.sampleRate,
    channels: parsed.audio.channels,
    bitRate: parsed.audio.bitRate ?? parsed.bitRate,
  };
}

interface ParsedInputInfo {
  formatName: string;
  durationMs: number | null;
  bitRate: number | null;
  audio: { codec: string; sampleRate: number; channels: number; bitRate: number | null } | null;
}

/** Parses the "Input #0, mp3, from …" block that `ffmpeg -i` prints; null when there is none. */
export function parseFfmpegInputInfo(stderr: string): ParsedInputInfo | null {
  const input = /^Input #0, ([^ ]+), from /m.exec(stderr);
  if (!input?.[1]) return null;
  const dur = /^\s+Duration: (\d+):(\d{2}):(\d{2}(?:\.\d+)?)/m.exec(stderr);
  const durationMs = dur ? Math.round((Number(dur[1]) * 3600 + Number(dur[2]) * 60 + Number(dur[3])) * 1000) : null;
  const br = /^\s+Duration: .*bitrate: (\d+) kb\/s/m.exec(stderr);
  const audioLine = /^\s+Stream #0:\d+.*?: Audio: (.+)$/m.exec(stderr);
  let audio: ParsedInputInfo['audio'] = null;
  if (audioLine?.[1]) {
    // "mp3, 44100 Hz, mono, fltp, 128 kb/s" (codec may carry a profile in parentheses)
    const fields = audioLine[1].split(', ');
    const codec = (fields[0] ?? 'unknown').split(' ')[0] ?? 'unknown';
    const hz = /(\d+) Hz/.exec(audioLine[1]);
    const kbps = /(\d+) kb\/s/.exec(audioLine[1]);
    const layout = hz ? fields[fields.findIndex((f) => f.endsWith(' Hz')) + 1] : undefined;
    audio = {
      codec,
      sampleRate: hz ? Number(hz[1]) : 0,
      channels: channelsOfLayout(layout ?? ''),
      bitRate: kbps ? Number(kbps[1]) * 1000 : null,
    };
  }
  return { formatName: input[1], durationMs, bitRate: br ? Number(br[1]) * 1000 : null, audio };
}

function channelsOfLayout(layout: string): number {
  const named: Record<string, number> = { mono: 1, stereo: 2, '2.1': 3, quad: 4, '4.0': 4, '5.0': 5, '5.1': 6, '7.1': 8 };
  const n = /^(\d+) channels/.exec(layout);
  if (n) return Number(n[1]);
  return named[layout.replace(/\(.*\)$/, '')] ?? 0;
}

async function runProbe(
  bin: string,
  args: string[],
  file: string,
  opts: ProbeOptions,
): Promise<{ stdout: string; stderr: string }> {
  try {
    return await execFileAsync(bin, args, {
      timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      signal: opts.signal,
      maxBuffer: 4 * 1024 * 1024,
      windowsHide: true,
    });
  } catch (err) {
    if (opts.signal?.aborted) throw opts.signal.reason;
    const e = err as NodeJS.ErrnoException & { stderr?: string; killed?: boolean };
    // A string code (ENOENT, EACCES) or a timeout means the probe never judged the file: our fault.
    if (typeof e.code === 'string' || e.killed) {
      throw new IngestError('ffmpeg-failed', { details: `could not run ${bin} on ${file}`, cause: err });
    }
    throw new IngestError('corrupt', { details: `ffprobe rejected ${file}:\n${tailOf(e.stderr ?? '')}`, cause: err });
  }
}

async function runFfmpegInfo(ffmpegPath: string, file: string, opts: ProbeOptions): Promise<string> {
  try {
    const { stderr } = await execFileAsync(ffmpegPath, ['-hide_banner', '-nostdin', '-i', file], {
      timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      signal: opts.signal,
      windowsHide: true,
    });
    return stderr;
  } catch (err) {
    if (opts.signal?.aborted) throw opts.signal.reason;
    const e = err as NodeJS.ErrnoException & { stderr?: string; killed?: boolean };
    if (typeof e.code === 'string' || e.killed) {
      throw new IngestError('ffmpeg-failed', { details: `could not run ${ffmpegPath} on ${file}`, cause: err });
    }
    return e.stderr ?? '';
  }
}

function parseNumber(s: string | undefined): number | null {
  if (s === undefined || s === 'N/A') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** Last lines of a tool's stderr, for logs. */
function tailOf(text: string, lines = 20): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
