/**
 * Ingest of one uploaded file: probe → (refuse early) → loudness pass 1 → normalising transcode →
 * content-addressed store. Leaves no temporary file behind, whatever happens.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Loudness } from '../domain/item.ts';
import { storeAudio, type AudioWriter } from './audioStore.ts';
import { IngestError } from './errors.ts';
import type { FfmpegBinaries } from './ffmpegBinary.ts';
import { analyseLoudness } from './loudness.ts';
import { indexFrames } from './mp3Frames.ts';
import { probeAudio } from './probe.ts';
import { transcodeNormalised } from './transcode.ts';

/** Settings and dependencies of an ingest. */
export interface IngestOptions {
  bins: FfmpegBinaries;
  /** Root of the content-addressed store. */
  audioDir: string;
  /** Where the transcoded file is written before it is stored. */
  tmpDir: string;
  targetLufs: number;
  truePeakDb: number;
  bitrateKbps: number;
  sampleRate: number;
  maxDurationMs: number;
  log?: Logger;
  /** Aborting kills the running ffmpeg; ingestFile then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** How the store writes its copy (default: the disk); tests inject a full disk. */
  audioWriter?: AudioWriter;
}

/** The upload as it arrived. */
export interface SourceInfo {
  formatName: string;
  codec: string;
  sampleRate: number;
  channels: number;
  durationMs: number;
}

/** A successfully ingested file. */
export interface IngestResult {
  sha256: string;
  /** Relative to audioDir. */
  relPath: string;
  /** Playing time of the canonical file, counted from its MP3 frames. */
  durationMs: number;
  loudnessBefore: Loudness;
  loudnessAfter: Loudness;
  source: SourceInfo;
}

/**
 * Turns `inputPath` into a stored canonical MP3. Rejects with IngestError ('empty', 'not-audio',
 * 'corrupt', 'silent', 'too-long', 'ffmpeg-failed', 'disk-full' when the store's disk is full), with
 * the abort reason when aborted, or with a plain Error for other IO problems outside ffmpeg (e.g. the
 * input does not exist).
 */
export async function ingestFile(inputPath: string, opts: IngestOptions): Promise<IngestResult> {
  const log = opts.log?.child({ ingest: path.basename(inputPath) });
  try {
    return await runIngest(inputPath, opts, log);
  } catch (err) {
    // Logged here, once, with ffmpeg's stderr tail; callers only need code and messageVi.
    if (err instanceof IngestError) {
      const entry = { code: err.code, details: err.details, err: err.cause };
      if (err.serverFault) log?.error(entry, 'ingest failed');
      else log?.info(entry, `ingest refused: ${err.message}`);
    }
    throw err;
  }
}

async function runIngest(inputPath: string, opts: IngestOptions, log: Logger | undefined): Promise<IngestResult> {
  const { bins, signal } = opts;
  const target = { targetLufs: opts.targetLufs, truePeakDb: opts.truePeakDb };
  const timer = stageTimer();
  signal?.throwIfAborted();

  const probed = await probeAudio(bins, inputPath, { signal });
  timer.lap('probe');
  log?.debug({ probed }, 'probed');
  ensureWithinLimit(probed.durationMs, opts.maxDurationMs);

  const analysis = await analyseLoudness(bins, inputPath, {
    target,
    declaredDurationMs: probed.durationIsEstimate ? null : probed.durationMs,
    maxDurationMs: opts.maxDurationMs,
    signal,
    log,
  });
  timer.lap('analyse');
  // Containers without a duration are only measured by decoding them; analyseLoudness already stops
  // and refuses a second past the limit, so this only restates the rule for the stored result.
  ensureWithinLimit(analysis.decodedMs, opts.maxDurationMs);
  if (analysis.errorLines > 0) log?.warn({ errorLines: analysis.errorLines }, 'tolerated a few decode errors');
  log?.debug({ measured: analysis.measurement }, 'loudness measured');

  const tmpFile = path.join(opts.tmpDir, `${TRANSCODE_PREFIX}${randomUUID()}.mp3`);
  try {
    const transcoded = await transcodeNormalised(bins, inputPath, tmpFile, {
      target,
      measurement: analysis.measurement,
      format: { bitrateKbps: opts.bitrateKbps, sampleRate: opts.sampleRate },
      signal,
      log,
    });
    timer.lap('transcode');
    const frames = indexFrames(await readFile(tmpFile));
    if (frames.frameCount === 0) {
      throw new IngestError('ffmpeg-failed', { details: `pass 2 wrote no MP3 frames for ${inputPath}` });
    }
    timer.lap('index');
    signal?.throwIfAborted();
    const stored = await storeAudio(opts.audioDir, tmpFile, opts.audioWriter).catch((err: unknown) => {
      throw isDiskFull(err) ? new IngestError('disk-full', { details: (err as Error).message, cause: err }) : err;
    });
    timer.lap('store');

    const result: IngestResult = {
      ...stored,
      durationMs: frames.durationMs,
      loudnessBefore: analysis.before,
      loudnessAfter: transcoded.after,
      source: {
        formatName: probed.formatName,
        codec: probed.codec,
        sampleRate: probed.sampleRate,
        channels: probed.channels,
        // What actually decoded beats a header that may be estimated from the bitrate.
        durationMs: analysis.decodedMs ?? probed.durationMs ?? frames.durationMs,
      },
    };
    log?.info(
      {
        sha256: result.sha256,
        durationMs: result.durationMs,
        normalization: transcoded.normalizationType,
        stagesMs: timer.laps,
        totalMs: timer.total(),
      },
      'ingested',
    );
    return result;
  } finally {
    await rm(tmpFile, { force: true });
  }
}

/** Transcodes are written as `ingest-<uuid>.mp3` in tmpDir; nothing else there has this name. */
const TRANSCODE_PREFIX = 'ingest-';

/**
 * Removes transcodes a killed process left half-written in `tmpDir` (its finally never ran); returns
 * how many. Only safe before any ingest runs, i.e. at start-up. A missing tmpDir holds none.
 */
export function removeStaleTranscodes(tmpDir: string): number {
  let names: string[];
  try {
    names = readdirSync(tmpDir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  const stale = names.filter((n) => n.startsWith(TRANSCODE_PREFIX) && n.endsWith('.mp3'));
  for (const name of stale) rmSync(path.join(tmpDir, name), { force: true });
  return stale.length;
}

/** No space left, or the user's quota is used up: either way the operator must free space. */
function isDiskFull(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

function ensureWithinLimit(durationMs: number | null, maxDurationMs: number): void {
  if (durationMs !== null && durationMs > maxDurationMs) {
    throw new IngestError('too-long', { params: { durationMs, maxDurationMs } });
  }
}

/** Milliseconds spent in each stage and in all, for the log (and the bench that reads it). */
function stageTimer(): { laps: Record<string, number>; lap(stage: string): void; total(): number } {
  const start = performance.now();
  let last = start;
  const laps: Record<string, number> = {};
  return {
    laps,
    lap(stage) {
      const now = performance.now();
      laps[stage] = Math.round(now - last);
      last = now;
    },
    total: () => Math.round(performance.now() - start),
  };
}
