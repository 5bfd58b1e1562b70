// Ingest overhead: Loa's ingestFile end to end against plain ffmpeg doing the same two-pass loudnorm
// and MP3 encode, on a 10-minute speech-like stereo 48 kHz WAV. Runs alternate (A B, B A, A B) so
// neither side always gets the warmer cache. Target: Loa / ffmpeg ≤ 1.15.
// Usage: npm run bench:ingest [-- --minutes 10 --reps 3]
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { resolveFfmpeg } from '../src/library/ffmpegBinary.ts';
import type { FfmpegBinaries } from '../src/library/ffmpegBinary.ts';
import { ingestFile } from '../src/library/ingestFile.ts';
import { makeSpeechLike, makeTempDir, removeDir } from '../test/support/makeAudio.ts';

const execFileAsync = promisify(execFile);

const TARGET = { I: -16, TP: -1.5, LRA: 11 };
const BITRATE_KBPS = 96;
const SAMPLE_RATE = 44100;

function argValue(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

/** The baseline, written out as an operator would type it: pass 1 to null, pass 2 with the measurements. */
async function plainFfmpegTwoPass(ffmpegPath: string, input: string, output: string): Promise<void> {
  const common = ['-hide_banner', '-nostdin', '-nostats'];
  const { stderr } = await execFileAsync(ffmpegPath, [
    ...common, '-i', input, '-map', '0:a:0',
    '-filter:a', `aformat=channel_layouts=mono,loudnorm=I=${TARGET.I}:TP=${TARGET.TP}:LRA=${TARGET.LRA}:print_format=json`,
    '-f', 'null', '-',
  ], { maxBuffer: 64 * 1024 * 1024 });
  const json = stderr.slice(stderr.lastIndexOf('{'), stderr.lastIndexOf('}') + 1);
  const m = JSON.parse(json) as Record<string, string>;
  const loudnorm =
    `I=${TARGET.I}:TP=${TARGET.TP}:LRA=${TARGET.LRA}:measured_I=${m.input_i}:measured_TP=${m.input_tp}` +
    `:measured_LRA=${m.input_lra}:measured_thresh=${m.input_thresh}:offset=${m.target_offset}:linear=true:print_format=json`;
  await execFileAsync(ffmpegPath, [
    ...common, '-y', '-i', input, '-map', '0:a:0',
    '-filter:a', `aformat=channel_layouts=mono,loudnorm=${loudnorm},aresample=${SAMPLE_RATE}`,
    '-ac', '1', '-ar', String(SAMPLE_RATE), '-c:a', 'libmp3lame', '-b:a', `${BITRATE_KBPS}k`,
    '-write_xing', '0', '-id3v2_version', '0', '-map_metadata', '-1', '-f', 'mp3', output,
  ], { maxBuffer: 64 * 1024 * 1024 });
}

/** Stage timings of the last Loa run, from the 'ingested' log record. */
let lastStages: Record<string, number> = {};
const stageLog = pino(
  { level: 'info' },
  {
    write(line: string): void {
      const r = JSON.parse(line) as { msg?: string; stagesMs?: Record<string, number> };
      if (r.msg === 'ingested' && r.stagesMs) lastStages = r.stagesMs;
    },
  },
);

async function loaIngest(bins: FfmpegBinaries, input: string, work: string): Promise<void> {
  await ingestFile(input, {
    log: stageLog,
    bins,
    audioDir: path.join(work, 'audio'),
    tmpDir: path.join(work, 'tmp'),
    targetLufs: TARGET.I,
    truePeakDb: TARGET.TP,
    bitrateKbps: BITRATE_KBPS,
    sampleRate: SAMPLE_RATE,
    maxDurationMs: 60 * 60_000,
  });
}

/**
 * CPU seconds used so far by this process plus its reaped children (ffmpeg), from /proc/self/stat;
 * null off Linux. Unlike wall time it does not move when other work shares the cores.
 */
function cpuSecondsWithChildren(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after "(comm)": state is field 3, utime/stime/cutime/cstime are fields 14–17.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
    return ((f[11] ?? 0) + (f[12] ?? 0) + (f[13] ?? 0) + (f[14] ?? 0)) / clockTicks();
  } catch {
    return null;
  }
}

let ticks: number | null = null;
function clockTicks(): number {
  ticks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return ticks;
}

interface Sample {
  wall: number;
  cpu: number | null;
}

async function timed(fn: () => Promise<void>): Promise<Sample> {
  const cpu0 = cpuSecondsWithChildren();
  const t0 = performance.now();
  await fn();
  const wall = (performance.now() - t0) / 1000;
  const cpu1 = cpuSecondsWithChildren();
  return { wall, cpu: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0 };
}

function show(s: Sample): string {
  return `${s.wall.toFixed(2)} s wall${s.cpu === null ? '' : `, ${s.cpu.toFixed(2)} s CPU`}`;
}

function medianOf(samples: Sample[], key: 'wall' | 'cpu'): number | null {
  const xs = samples.map((s) => s[key]);
  return xs.every((x): x is number => x !== null) ? median(xs) : null;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

async function main(): Promise<void> {
  const minutes = argValue('minutes', 10);
  const reps = argValue('reps', 3);
  const bins = await resolveFfmpeg(process.env);
  const work = await makeTempDir('loa-bench-ingest-');
  try {
    await mkdir(path.join(work, 'tmp'), { recursive: true });
    console.log(`ffmpeg ${bins.version} (${bins.source}: ${bins.ffmpegPath})`);
    console.log(`generating ${minutes} min of speech-like stereo 48 kHz WAV…`);
    const input = await makeSpeechLike(work, { seconds: minutes * 60, name: 'speech.wav' });
    const audioSeconds = minutes * 60;

    const loa: Sample[] = [];
    const plain: Sample[] = [];
    for (let rep = 0; rep < reps; rep++) {
      const order = rep % 2 === 0 ? (['loa', 'ffmpeg'] as const) : (['ffmpeg', 'loa'] as const);
      for (const side of order) {
        if (side === 'loa') {
          const s = await timed(() => loaIngest(bins, input, work));
          loa.push(s);
          const stages = Object.entries(lastStages).map(([k, v]) => `${k} ${(v / 1000).toFixed(2)}`).join(', ');
          console.log(`  rep ${rep + 1}  Loa ingestFile   ${show(s)}  [${stages}]`);
        } else {
          const out = path.join(work, `plain-${rep}.mp3`);
          const s = await timed(() => plainFfmpegTwoPass(bins.ffmpegPath, input, out));
          plain.push(s);
          await rm(out, { force: true });
          console.log(`  rep ${rep + 1}  plain ffmpeg     ${show(s)}`);
        }
      }
    }

    const loaMedian = medianOf(loa, 'wall') ?? 0;
    const plainMedian = medianOf(plain, 'wall') ?? 0;
    const ratio = loaMedian / plainMedian;
    const loaCpu = medianOf(loa, 'cpu');
    const plainCpu = medianOf(plain, 'cpu');
    console.log('');
    console.log(`audio: ${audioSeconds} s, ${reps} runs each, medians:`);
    console.log(`  Loa ingestFile  ${loaMedian.toFixed(2)} s  (${(audioSeconds / loaMedian).toFixed(1)}× realtime)`);
    console.log(`  plain ffmpeg    ${plainMedian.toFixed(2)} s  (${(audioSeconds / plainMedian).toFixed(1)}× realtime)`);
    console.log(`  ratio Loa/ffmpeg ${ratio.toFixed(3)} wall (target ≤ 1.15: ${ratio <= 1.15 ? 'met' : 'MISSED'})`);
    if (loaCpu !== null && plainCpu !== null) {
      console.log(`  CPU: Loa ${loaCpu.toFixed(2)} s, ffmpeg ${plainCpu.toFixed(2)} s, ratio ${(loaCpu / plainCpu).toFixed(3)}`);
    }
    if (ratio > 1.15) process.exitCode = 1;
  } finally {
    await removeDir(work);
  }
}

await main();
