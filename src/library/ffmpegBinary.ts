/**
 * Finding the ffmpeg and ffprobe executables once at boot, and proving they run, so a missing
 * binary is a clear startup error rather than a failed upload hours later.
 */
import { execFile } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from 'pino';

const execFileAsync = promisify(execFile);

/** Where the ffmpeg binary was found. */
export type FfmpegSource = 'FFMPEG_PATH' | 'ffmpeg-static' | 'PATH';

/** The binaries ingest runs; `ffprobePath` null means probing falls back to parsing `ffmpeg -i`. */
export interface FfmpegBinaries {
  ffmpegPath: string;
  ffprobePath: string | null;
  source: FfmpegSource;
  /** ffmpeg's version string, e.g. "5.1.9-0+deb12u1". */
  version: string;
}

/** Seams for tests; production passes nothing. */
export interface ResolveFfmpegOptions {
  /** Loads the `ffmpeg-static` package; resolves to its default export. Defaults to a dynamic import. */
  importFfmpegStatic?: () => Promise<unknown>;
  /** Timeout of each `-version` check. */
  timeoutMs?: number;
  log?: Logger;
}

type Env = Record<string, string | undefined>;

/** The outcome of running a binary's `-version`: its version, or why it did not answer. */
export type VersionCheck = { ok: true; path: string; version: string } | { ok: false; why: string };
type Attempt = VersionCheck;

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Resolves ffmpeg from FFMPEG_PATH, then the optional `ffmpeg-static` package, then PATH, and ffprobe
 * from FFPROBE_PATH, then next to ffmpeg, then PATH (else null). Each candidate must answer `-version`.
 * Throws an Error naming every candidate and why it failed when no ffmpeg works.
 */
export async function resolveFfmpeg(env: Env, opts: ResolveFfmpegOptions = {}): Promise<FfmpegBinaries> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const failures: string[] = [];

  const fromEnv = await tryFfmpegFromEnv(env, timeoutMs);
  const fromStatic = fromEnv.ok ? null : await tryFfmpegStatic(opts.importFfmpegStatic ?? importFfmpegStatic, timeoutMs);
  const fromPath = fromEnv.ok || fromStatic?.ok ? null : await tryOnPath('ffmpeg', env, timeoutMs);

  let chosen: { path: string; version: string; source: FfmpegSource } | null = null;
  if (fromEnv.ok) chosen = { ...fromEnv, source: 'FFMPEG_PATH' };
  else if (fromStatic?.ok) chosen = { ...fromStatic, source: 'ffmpeg-static' };
  else if (fromPath?.ok) chosen = { ...fromPath, source: 'PATH' };

  if (!fromEnv.ok) failures.push(fromEnv.why);
  if (fromStatic && !fromStatic.ok) failures.push(fromStatic.why);
  if (fromPath && !fromPath.ok) failures.push(fromPath.why);

  if (!chosen) {
    throw new Error(
      `ffmpeg not found: ${failures.join('; ')}. Install Debian's ffmpeg (apt-get install ffmpeg) or set FFMPEG_PATH.`,
    );
  }
  // An operator who set FFMPEG_PATH expects it to be used: say loudly that it was not.
  if (env.FFMPEG_PATH && !fromEnv.ok) {
    opts.log?.warn({ reason: fromEnv.why, using: chosen.path }, 'FFMPEG_PATH does not work; using another ffmpeg');
  }

  const ffprobePath = await resolveFfprobe(env, chosen.path, timeoutMs, opts.log);
  return { ffmpegPath: chosen.path, ffprobePath, source: chosen.source, version: chosen.version };
}

async function tryFfmpegFromEnv(env: Env, timeoutMs: number): Promise<Attempt> {
  const p = env.FFMPEG_PATH;
  if (!p) return { ok: false, why: 'FFMPEG_PATH is not set' };
  if (!(await isExecutableFile(p))) return { ok: false, why: `FFMPEG_PATH=${p} is not an executable file` };
  const r = await checkBinary(p, 'ffmpeg', timeoutMs);
  return r.ok ? r : { ok: false, why: `FFMPEG_PATH=${p} ${r.why}` };
}

async function tryFfmpegStatic(load: () => Promise<unknown>, timeoutMs: number): Promise<Attempt> {
  let exported: unknown;
  try {
    exported = await load();
  } catch {
    return { ok: false, why: 'ffmpeg-static is not installed (optional dependency)' };
  }
  // The package exports the binary's path, or null when no binary exists for this platform.
  if (typeof exported !== 'string' || exported === '') {
    return { ok: false, why: 'ffmpeg-static has no binary for this platform' };
  }
  if (!(await isExecutableFile(exported))) {
    return { ok: false, why: `ffmpeg-static's binary ${exported} is missing (was its install script skipped?)` };
  }
  const r = await checkBinary(exported, 'ffmpeg', timeoutMs);
  return r.ok ? r : { ok: false, why: `ffmpeg-static's binary ${exported} ${r.why}` };
}

/**
 * The default loader: imports the optional `ffmpeg-static` package (or `specifier`, for tests) and
 * resolves to its default export, the binary's path or null; rejects when the package is absent.
 */
export async function importFfmpegStatic(specifier = 'ffmpeg-static'): Promise<unknown> {
  // A variable specifier keeps TypeScript from requiring the optional package's types at build time.
  const mod = (await import(specifier)) as { default?: unknown };
  return mod.default ?? null;
}

async function tryOnPath(name: string, env: Env, timeoutMs: number): Promise<Attempt> {
  const found = await findOnPath(name, env.PATH ?? '');
  if (!found) return { ok: false, why: `'${name}' is not on PATH` };
  const r = await checkBinary(found, name, timeoutMs);
  return r.ok ? r : { ok: false, why: `'${name}' on PATH (${found}) ${r.why}` };
}

async function resolveFfprobe(env: Env, ffmpegPath: string, timeoutMs: number, log?: Logger): Promise<string | null> {
  const candidates: string[] = [];
  if (env.FFPROBE_PATH) candidates.push(env.FFPROBE_PATH);
  const sibling = path.join(path.dirname(ffmpegPath), process.platform === 'win32' ? 'ffprobe.exe' : 'ffprobe');
  candidates.push(sibling);
  const onPath = await findOnPath('ffprobe', env.PATH ?? '');
  if (onPath) candidates.push(onPath);

  for (const candidate of candidates) {
    if (!(await isExecutableFile(candidate))) continue;
    const r = await checkBinary(candidate, 'ffprobe', timeoutMs);
    if (r.ok) return candidate;
    log?.warn({ ffprobe: candidate, reason: r.why }, 'ffprobe candidate does not work');
  }
  log?.warn('ffprobe not found; probing will parse `ffmpeg -i` output instead');
  return null;
}

/**
 * Runs `<bin> -version` (killed after `timeoutMs`) and extracts the version from its first line
 * ("ffmpeg version 5.1.9 …"); never throws.
 */
export async function checkBinary(bin: string, name: string, timeoutMs: number): Promise<VersionCheck> {
  try {
    const { stdout } = await execFileAsync(bin, ['-version'], { timeout: timeoutMs, windowsHide: true });
    const match = new RegExp(`^${name} version (\\S+)`).exec(stdout);
    if (!match?.[1]) return { ok: false, why: `does not look like ${name} (unexpected -version output)` };
    return { ok: true, path: bin, version: match[1] };
  } catch (err) {
    return { ok: false, why: `failed to run -version (${describeExecError(err)})` };
  }
}

function describeExecError(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; signal?: unknown; killed?: unknown; message?: unknown };
    if (e.killed) return `timed out`;
    if (typeof e.code === 'string') return e.code;
    if (typeof e.code === 'number') return `exit code ${e.code}`;
    if (typeof e.signal === 'string') return `killed by ${e.signal}`;
    if (typeof e.message === 'string') return e.message;
  }
  return String(err);
}

/** Absolute path of `name` in the PATH string, or null; only regular executable files count. */
export async function findOnPath(name: string, pathEnv: string): Promise<string | null> {
  for (const dir of pathEnv.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.resolve(dir, name);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return null;
}

async function isExecutableFile(p: string): Promise<boolean> {
  try {
    const s = await stat(p);
    if (!s.isFile()) return false;
    await access(p, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}
