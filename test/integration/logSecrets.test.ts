/**
 * Keys never reach the log (decisions §1): a device can only be given a URL, so stream and device
 * keys, listen passes and SSE tokens ride in query strings, and the request log hides them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { systemClock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { startDaemon } from '../../src/daemon.ts';
import { redactUrlSecrets } from '../../src/audit/redact.ts';
import { cleanEnv } from '../support/cleanEnv.ts';
import { captureLog } from '../support/logCapture.ts';

it('hides key, listen and token in URLs, and the password of a URL inside one', () => {
  expect(redactUrlSecrets('/stream/tdp-1.mp3?key=khoa-1&monitor=1')).toBe('/stream/tdp-1.mp3?key=***&monitor=1');
  expect(redactUrlSecrets('/api/events?token=abc#x')).toBe('/api/events?token=***#x');
  expect(redactUrlSecrets('/stream/tdp-1?monitor=1&listen=pass-9')).toBe('/stream/tdp-1?monitor=1&listen=***');
  expect(redactUrlSecrets('/api/devices/d1/feed?format=m3u8&KEY=k2')).toBe('/api/devices/d1/feed?format=m3u8&KEY=***');
});

it('logs the requests of a running daemon without the keys they carried', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'loa-log-'));
  const env = cleanEnv({ LOA_DATA_DIR: join(dir, 'data'), LOA_AUDIO_DIR: join(dir, 'audio'), LOA_ADMIN_PASSWORD: 'admin-pass-123', LOA_DEMO: 'false', LOA_PLAYOUT: 'false', LOA_LOG_LEVEL: 'info' });
  const { log, lines } = captureLog('info');
  const daemon = await startDaemon(loadConfig(env), { clock: systemClock, log, env, listen: false });
  try {
    for (const url of ['/stream/tdp-1?key=khoa-bi-mat-77', '/api/devices/d1/feed?key=khoa-thiet-bi-88', '/api/events?token=ma-truy-cap-99']) {
      await daemon.app.inject({ method: 'GET', url });
    }
    const text = JSON.stringify(lines);
    expect(text).toContain('/stream/tdp-1?key=***'); // the request was logged, with its key hidden
    for (const secret of ['khoa-bi-mat-77', 'khoa-thiet-bi-88', 'ma-truy-cap-99']) expect(text).not.toContain(secret);
  } finally {
    await daemon.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
