// resolveFfmpeg: the order FFMPEG_PATH → ffmpeg-static → PATH, the ffprobe fallbacks, and an error
// that names every candidate. Fake binaries are tiny shell scripts answering `-version`.
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOnPath, importFfmpegStatic, resolveFfmpeg } from '../../src/library/ffmpegBinary.ts';
import * as mk from '../support/makeAudio.ts';

let dir: string;
let realFfmpegDir: string;
let fakeStatic: string;
let fakeStaticDir: string;
let notFfmpeg: string;

const notInstalled = (): Promise<unknown> => Promise.reject(new Error("Cannot find package 'ffmpeg-static'"));

async function script(file: string, body: string): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `#!/bin/sh\n${body}\n`);
  await chmod(file, 0o755);
  return file;
}

beforeAll(async () => {
  dir = await mk.makeTempDir('loa-ffmpeg-bin-');
  const real = await findOnPath('ffmpeg', process.env.PATH ?? '');
  if (!real) throw new Error('these tests need ffmpeg on PATH (apt-get install ffmpeg)');
  realFfmpegDir = path.dirname(real);
  fakeStaticDir = path.join(dir, 'static');
  fakeStatic = await script(path.join(fakeStaticDir, 'ffmpeg'), 'echo "ffmpeg version 9.9-static Copyright (c) the FFmpeg developers"');
  notFfmpeg = await script(path.join(dir, 'bin', 'not-ffmpeg'), 'echo "hello"');
});

afterAll(async () => {
  await mk.removeDir(dir);
});

describe('resolveFfmpeg', () => {
  it('prefers FFMPEG_PATH and finds ffprobe next to it', async () => {
    const bins = await resolveFfmpeg(
      { FFMPEG_PATH: path.join(realFfmpegDir, 'ffmpeg'), PATH: '' },
      { importFfmpegStatic: () => Promise.resolve(fakeStatic) },
    );
    expect(bins).toMatchObject({
      source: 'FFMPEG_PATH',
      ffmpegPath: path.join(realFfmpegDir, 'ffmpeg'),
      ffprobePath: path.join(realFfmpegDir, 'ffprobe'),
    });
    expect(bins.version).toMatch(/^\d+\.\d+/);
  });

  it("uses ffmpeg-static's binary when FFMPEG_PATH is unset", async () => {
    const bins = await resolveFfmpeg({ PATH: realFfmpegDir }, { importFfmpegStatic: () => Promise.resolve(fakeStatic) });
    // No ffprobe beside the static binary, so the one on PATH is taken.
    expect(bins).toEqual({
      source: 'ffmpeg-static', ffmpegPath: fakeStatic, ffprobePath: path.join(realFfmpegDir, 'ffprobe'), version: '9.9-static',
    });
  });

  it('falls back to PATH when ffmpeg-static is not installed', async () => {
    const bins = await resolveFfmpeg({ PATH: `/nonexistent${path.delimiter}${realFfmpegDir}` }, { importFfmpegStatic: notInstalled });
    expect(bins).toMatchObject({ source: 'PATH', ffmpegPath: path.join(realFfmpegDir, 'ffmpeg') });
  });

  it('skips an ffmpeg-static that has no binary for this platform (exports null)', async () => {
    const bins = await resolveFfmpeg({ PATH: realFfmpegDir }, { importFfmpegStatic: () => Promise.resolve(null) });
    expect(bins).toMatchObject({ source: 'PATH', ffmpegPath: path.join(realFfmpegDir, 'ffmpeg') });
  });

  it('falls back, with a warning, when FFMPEG_PATH is not ffmpeg', async () => {
    const warnings: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => void warnings.push((JSON.parse(line) as { msg: string }).msg) });
    const bins = await resolveFfmpeg({ FFMPEG_PATH: notFfmpeg, PATH: realFfmpegDir }, { importFfmpegStatic: notInstalled, log });
    expect(bins.source).toBe('PATH');
    expect(warnings).toContain('FFMPEG_PATH does not work; using another ffmpeg');
  });

  it('takes FFPROBE_PATH first, and gives null when no ffprobe works', async () => {
    const fakeProbe = await script(path.join(dir, 'probe', 'my-ffprobe'), 'echo "ffprobe version 9.9 Copyright"');
    const withProbe = await resolveFfmpeg(
      { FFPROBE_PATH: fakeProbe, PATH: realFfmpegDir },
      { importFfmpegStatic: () => Promise.resolve(fakeStatic) },
    );
    expect(withProbe.ffprobePath).toBe(fakeProbe);

    const withoutProbe = await resolveFfmpeg({ PATH: '' }, { importFfmpegStatic: () => Promise.resolve(fakeStatic) });
    expect(withoutProbe).toMatchObject({ source: 'ffmpeg-static', ffprobePath: null });
  });

  it('names all three candidates and the fix when none works', async () => {
    const err: unknown = await resolveFfmpeg({ PATH: path.join(dir, 'empty') }, { importFfmpegStatic: notInstalled }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe(
      "ffmpeg not found: FFMPEG_PATH is not set; ffmpeg-static is not installed (optional dependency); 'ffmpeg' is not on PATH. " +
        "Install Debian's ffmpeg (apt-get install ffmpeg) or set FFMPEG_PATH.",
    );
  });

  it('says what was wrong with each candidate that exists but fails', async () => {
    const brokenDir = path.join(dir, 'broken');
    await script(path.join(brokenDir, 'ffmpeg'), 'exit 3');
    const err: unknown = await resolveFfmpeg(
      { FFMPEG_PATH: notFfmpeg, PATH: brokenDir },
      { importFfmpegStatic: () => Promise.resolve(null) },
    ).catch((e: unknown) => e);
    const message = (err as Error).message;
    expect(message).toContain(`FFMPEG_PATH=${notFfmpeg} does not look like ffmpeg`);
    expect(message).toContain('ffmpeg-static has no binary for this platform');
    expect(message).toContain(`'ffmpeg' on PATH (${path.join(brokenDir, 'ffmpeg')}) failed to run -version (exit code 3)`);
  });

});

/**
 * The optional ffmpeg-static package in each of its three states, whatever this machine has: a fake
 * package (CommonJS, as the real one) under a temporary node_modules, loaded by the real loader.
 * The real package exports the path its install script downloads to, whether or not it ran.
 */
describe('the optional ffmpeg-static package', () => {
  let pkgDir: string;
  let binary: string;
  const fileUrl = (...parts: string[]) => pathToFileURL(path.join(...parts)).href;
  const load = () => importFfmpegStatic(fileUrl(pkgDir, 'index.js'));
  const absent = () => importFfmpegStatic(fileUrl(dir, 'node_modules', 'no-such-package', 'index.js'));

  beforeAll(async () => {
    pkgDir = path.join(dir, 'node_modules', 'ffmpeg-static');
    binary = path.join(pkgDir, 'ffmpeg');
    await mkdir(pkgDir, { recursive: true });
    await writeFile(path.join(pkgDir, 'package.json'), JSON.stringify({ name: 'ffmpeg-static', main: 'index.js' }));
    await writeFile(path.join(pkgDir, 'index.js'), `module.exports = ${JSON.stringify(binary)};\n`);
  });

  it('absent: the real loader rejects, and resolution says so and falls back to PATH', async () => {
    await expect(absent()).rejects.toThrow();
    expect(await resolveFfmpeg({ PATH: realFfmpegDir }, { importFfmpegStatic: absent })).toMatchObject({ source: 'PATH' });
    const err = await resolveFfmpeg({ PATH: '' }, { importFfmpegStatic: absent }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain('ffmpeg-static is not installed (optional dependency)');
  });

  it('installed without its binary (install script skipped): named as such, and PATH is used', async () => {
    await rm(binary, { force: true });
    expect(await load()).toBe(binary);
    expect(await resolveFfmpeg({ PATH: realFfmpegDir }, { importFfmpegStatic: load })).toMatchObject({ source: 'PATH' });
    const err = await resolveFfmpeg({ PATH: '' }, { importFfmpegStatic: load }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain(`ffmpeg-static's binary ${binary} is missing (was its install script skipped?)`);
  });

  it('installed with its binary: used before PATH', async () => {
    await script(binary, 'echo "ffmpeg version 7.0.2-static https://johnvansickle.com/ffmpeg/"');
    expect(await resolveFfmpeg({ PATH: realFfmpegDir }, { importFfmpegStatic: load })).toMatchObject({
      source: 'ffmpeg-static', ffmpegPath: binary, version: '7.0.2-static',
    });
  });

  it('by default loads the package named ffmpeg-static (the same answer in any of the three states)', async () => {
    const outcome = (p: Promise<unknown>) => p.then((exported) => ({ exported }), () => 'absent');
    const direct = import('ffmpeg-static' as string).then((m: { default?: unknown }) => m.default ?? null);
    expect(await outcome(importFfmpegStatic())).toEqual(await outcome(direct));
  });
});
