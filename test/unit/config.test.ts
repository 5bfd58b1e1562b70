import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

describe('loadConfig', () => {
  it('gives the embedded defaults with an empty environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 8080, host: '0.0.0.0', dataDir: './data', audioDir: './audio', tz: 'Asia/Ho_Chi_Minh' });
    expect(c.loudnessTargetLufs).toBe(-16);
    expect(c.maxUploadBytes).toBe(200 * 1024 * 1024);
    expect(c.maxDurationMinutes).toBe(60);
  });

  it('reads LOA_* variables with types', () => {
    const c = loadConfig({ LOA_PORT: '9000', LOA_TZ: 'Asia/Bangkok', LOA_LOUDNESS_TARGET: '-18', LOA_DEMO: 'false' });
    expect(c).toMatchObject({ port: 9000, tz: 'Asia/Bangkok', loudnessTargetLufs: -18, demo: false });
  });

  it('names every bad setting at once', () => {
    let error: unknown;
    try {
      loadConfig({ LOA_PORT: 'eighty', LOA_TZ: 'Mars/Olympus', LOA_BITRATE_KBPS: '100', LOA_ADMIN_PASSWORD: 'short' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('LOA_PORT');
    expect(problems).toContain('LOA_TZ');
    expect(problems).toContain('LOA_BITRATE_KBPS');
    expect(problems).toContain('LOA_ADMIN_PASSWORD');
    expect((error as ConfigError).problems).toHaveLength(4);
  });

  it('reports an unreadable config file by name', () => {
    expect(() => loadConfig({ LOA_CONFIG: '/nonexistent/loa.yaml' })).toThrow(/LOA_CONFIG/);
  });
});
