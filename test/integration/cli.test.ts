import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv } from '../support/cleanEnv.ts';
import { makeTempDir, removeDir } from '../support/makeAudio.ts';

const run = promisify(execFile);

describe('the loa command line', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const loa = (...args: string[]) => run(process.execPath, ['bin/loa.js', ...args], { env });

  beforeAll(async () => {
    dir = await makeTempDir();
    env = cleanEnv({ LOA_DATA_DIR: join(dir, 'data'), LOA_AUDIO_DIR: join(dir, 'audio'), LOA_PASSWORD: 'mat-khau-123' });
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

  it('revokes a user\'s tokens', async () => {
    const { createAccounts } = await import('../../src/access/accounts.ts');
    const { openDatabase } = await import('../../src/storage/db.ts');
    const db = openDatabase(join(dir, 'data', 'loa.sqlite'));
    const session = await createAccounts(db, { now: () => Date.now(), at: () => () => {} }).login('kiemduyet', 'mat-khau-123');
    db.close();
    expect(session).not.toBeNull();
    expect((await loa('tokens', 'list', '--user', 'kiemduyet')).stdout).toContain('live');
    expect((await loa('tokens', 'revoke', '--user', 'kiemduyet')).stdout).toContain('revoked 1 token(s)');
    expect((await loa('tokens', 'list', '--user', 'kiemduyet')).stdout).toContain('revoked');
  });

  it('applies the demo station, exports it back, and prints a planned day', async () => {
    expect((await loa('apply', 'schedules/demo.yaml')).stdout).toContain('6 zone(s), 3 topic(s), policy');
    const exported = (await loa('export')).stdout;
    expect(exported).toContain('name: Tổ dân phố 5');
    expect(exported).toContain('group: khu-ven-song');
    const out = join(dir, 'station.yaml');
    await loa('export', '--out', out);
    expect((await loa('apply', out)).stdout).toContain('6 zone(s)');
    // Two weeks from tomorrow hold at least one whole ISO week, where weekly targets are due.
    const day = (n: number) => new Date(Date.now() + n * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10);
    const plan = (await loa('plan', '--from', day(1), '--to', day(14), '--zone', 'tdp-1', '--dry-run')).stdout;
    // No approved items yet: an empty programme, and every target explained.
    expect(plan).toContain('Chỉ tiêu chưa đạt');
    expect(plan).toContain('không có tin bài nào đã duyệt');
    await expect(loa('apply', 'package.json')).rejects.toMatchObject({ code: 1 });
  });

  it('exits 1 listing every bad setting', async () => {
    await expect(run(process.execPath, ['bin/loa.js', 'users', 'list'], { env: { ...env, LOA_PORT: 'x', LOA_TZ: 'Nowhere/City' } })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/LOA_PORT[\s\S]*LOA_TZ/),
    });
  });
});
