// resolveFfmpeg: the order FFMPEG_PATH → ffmpeg-static → PATH, the ffprobe fallbacks, and an error
// that names every candidate. Fake binaries are tiny shell scripts answering `-version`.
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOnPath, resolveFfmpeg } from '../../src/library/ffmpegBinary.ts';
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

  it('skips an ffmpeg-static that exports null or a missing file', async () => {
    for (const exported of [null, path.join(dir, 'missing', 'ffmpeg')]) {
      const bins = await resolveFfmpeg({ PATH: realFfmpegDir }, { importFfmpegStatic: () => Promise.resolve(exported) });
      expect(bins.source).toBe('PATH');
    }
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

  it('loads the real ffmpeg-static package when no importer is given', async () => {
    const installed = await import('ffmpeg-static' as string).then(
      () => true,
      () => false,
    );
    const result: unknown = await resolveFfmpeg({ PATH: '' }).catch((e: unknown) => e);
    if (installed) expect(result).toMatchObject({ source: 'ffmpeg-static' });
    else expect((result as Error).message).toContain('ffmpeg-static is not installed (optional dependency)');
  });
});
