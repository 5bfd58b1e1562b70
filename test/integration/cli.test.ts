import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../support/makeAudio.ts';

const run = promisify(execFile);

describe('the loa command line', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const loa = (...args: string[]) => run(process.execPath, ['bin/loa.js', ...args], { env });

  beforeAll(async () => {
    dir = await makeTempDir();
    env = { ...process.env, LOA_DATA_DIR: join(dir, 'data'), LOA_AUDIO_DIR: join(dir, 'audio'), LOA_PASSWORD: 'mat-khau-123' };
  });
  afterAll(() => removeDir(dir));

  it('adds users, lists them, refuses duplicates and bad roles', async () => {
    expect((await loa('users', 'add', 'kiemduyet', '--role', 'reviewer')).stdout).toContain('added kiemduyet (reviewer)');
    await loa('users', 'add', 'congan', '--role', 'submitter', '--unit', 'Công an phường');
    const list = (await loa('users', 'list')).stdout;
    expect(list).toContain('kiemduyet\treviewer');
    expect(list).toContain('congan\tsubmitter\tCông an phường');
    await expect(loa('users', 'add', 'kiemduyet', '--role', 'reviewer')).rejects.toMatchObject({ stderr: expect.stringContaining('already exists') });
    await expect(loa('users', 'add', 'x1', '--role', 'king')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('--role') });
  });

  it('makes a consistent backup that opens with the same users', async () => {
    const file = join(dir, 'backup', 'loa.sqlite');
    expect((await loa('backup', file)).stdout).toContain('backup written');
    expect(existsSync(file)).toBe(true);
    const copy = new Database(file, { readonly: true });
    const names = copy.prepare('SELECT username FROM users ORDER BY username').all() as { username: string }[];
    copy.close();
    expect(names.map((n) => n.username)).toEqual(['congan', 'kiemduyet']);
  });

  it('exits 1 listing every bad setting', async () => {
    await expect(run(process.execPath, ['bin/loa.js', 'users', 'list'], { env: { ...env, LOA_PORT: 'x', LOA_TZ: 'Nowhere/City' } })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/LOA_PORT[\s\S]*LOA_TZ/),
    });
  });
});
