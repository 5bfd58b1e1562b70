import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import type { Clock } from '../../src/clock.ts';
import { systemClock } from '../../src/clock.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { startDaemon, type Daemon } from '../../src/daemon.ts';
import { cleanEnv } from './cleanEnv.ts';

export const ADMIN_PASSWORD = 'admin-pass-123';

export interface TestDaemon {
  daemon: Daemon;
  dir: string;
  config: Config;
  /** Logs in and returns a bearer token. */
  login(username: string, password: string): Promise<string>;
  /** Creates a user through the accounts service and returns its token. */
  userToken(username: string, role: 'admin' | 'reviewer' | 'operator' | 'submitter', unit?: string | null): Promise<string>;
  close(): Promise<void>;
}

/**
 * A daemon on a fresh temp data dir, not listening (drive it with `daemon.app.inject()`). Its
 * environment is `cleanEnv()` plus the test's settings and `opts.env`: nothing of the developer's
 * LOA_* reaches it, and `opts.env` may set FFMPEG_PATH for the daemon's own ffmpeg.
 */
export async function startTestDaemon(opts: { clock?: Clock; env?: Record<string, string>; listen?: boolean } = {}): Promise<TestDaemon> {
  const dir = mkdtempSync(join(tmpdir(), 'loa-test-'));
  const env = cleanEnv({
    LOA_DATA_DIR: join(dir, 'data'),
    LOA_AUDIO_DIR: join(dir, 'audio'),
    LOA_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOA_LOG_LEVEL: 'silent',
    LOA_DEMO: 'false',
    LOA_PORT: '0',
    LOA_HOST: '127.0.0.1',
    ...opts.env,
  });
  const config = loadConfig(env);
  const log = pino({ level: config.logLevel });
  const daemon = await startDaemon(config, { clock: opts.clock ?? systemClock, log, env, listen: opts.listen ?? false });
  const login = async (username: string, password: string) => {
    const res = await daemon.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    return (res.json() as { token: string }).token;
  };
  return {
    daemon,
    dir,
    config,
    login,
    async userToken(username, role, unit = null) {
      const adminToken = await login('admin', ADMIN_PASSWORD);
      const res = await daemon.app.inject({
        method: 'POST', url: '/api/users', headers: bearer(adminToken),
        payload: { username, role, unit, password: `${username}-password` },
      });
      if (res.statusCode !== 201) throw new Error(`creating ${username} failed: ${res.statusCode} ${res.body}`);
      return login(username, `${username}-password`);
    },
    async close() {
      await daemon.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A multipart body for inject(): fields plus an optional file. */
export function multipart(fields: Record<string, string | string[]>, file?: { name: string; data: Buffer; type?: string }) {
  const boundary = `----loa${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    for (const value of Array.isArray(v) ? v : [v]) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${value}\r\n`));
    }
  }
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`));
    parts.push(file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const json = <T = Record<string, unknown>>(res: LightMyRequestResponse) => res.json() as T;
