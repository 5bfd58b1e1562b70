/**
 * Secrets are write-only (decisions §1): a zone's stream key and the password in an Icecast URL are
 * "***" on every read; sending a zone back as it was read keeps the stored secrets; "***" with
 * nothing stored is refused rather than saved as a key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listZones } from '../../src/storage/station.ts';
import { parseStationYaml, stationToYaml } from '../../src/station/stationYaml.ts';
import { ADMIN_PASSWORD, bearer, json, startTestDaemon, type TestDaemon } from '../support/testDaemon.ts';

const KEY = 'khoa-bi-mat-tdp-9';
const PASSWORD = 'matkhau-icecast-42';
const ZONE = {
  name: 'Tổ dân phố 9',
  windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '05:30', end: '06:00', peak: true }],
  outputs: [{ type: 'http', key: KEY }, { type: 'icecast', url: `icecast://source:${PASSWORD}@127.0.0.1:8000/tdp-9` }],
};

let t: TestDaemon;
let token: string;
beforeAll(async () => {
  t = await startTestDaemon({ env: { LOA_PLAYOUT: 'false' } });
  token = await t.login('admin', ADMIN_PASSWORD);
});
afterAll(() => t.close());

const call = (method: 'GET' | 'PUT', url: string, payload?: unknown) =>
  t.daemon.app.inject({ method, url, headers: bearer(token), ...(payload !== undefined && { payload: payload as object }) });
const stored = () => listZones(t.daemon.db).find((z) => z.id === 'tdp-9')!;

describe('zone secrets', () => {
  it('hides the key and the Icecast password in every answer, the PUT\'s own included', async () => {
    const put = await call('PUT', '/api/zones/tdp-9', ZONE);
    expect(put.statusCode).toBe(200);
    for (const res of [put, await call('GET', '/api/zones/tdp-9'), await call('GET', '/api/zones')]) {
      expect(res.body).not.toContain(KEY);
      expect(res.body).not.toContain(PASSWORD);
    }
    expect(json(await call('GET', '/api/zones/tdp-9'))).toMatchObject({
      outputs: [{ type: 'http', key: '***', hasKey: true }, { type: 'icecast', url: 'icecast://source:***@127.0.0.1:8000/tdp-9' }],
    });
  });

  it('keeps the stored secrets when a zone comes back as it was read', async () => {
    const read = json<Record<string, unknown>>(await call('GET', '/api/zones/tdp-9'));
    expect((await call('PUT', '/api/zones/tdp-9', { ...read, name: 'Tổ dân phố 9 (mới)' })).statusCode).toBe(200);
    expect(stored().name).toBe('Tổ dân phố 9 (mới)');
    expect(stored().outputs).toEqual([
      { type: 'http', key: KEY, idle: 'silence' },
      expect.objectContaining({ type: 'icecast', url: `icecast://source:${PASSWORD}@127.0.0.1:8000/tdp-9` }),
    ]);
  });

  it('takes a new secret when one is sent, and refuses "***" where nothing is stored', async () => {
    const read = json<{ outputs: Record<string, unknown>[] }>(await call('GET', '/api/zones/tdp-9'));
    const outputs = [{ ...read.outputs[0], key: 'khoa-moi-123456' }, read.outputs[1]];
    expect((await call('PUT', '/api/zones/tdp-9', { ...read, outputs })).statusCode).toBe(200);
    expect(stored().outputs[0]).toMatchObject({ key: 'khoa-moi-123456' });
    const fresh = await call('PUT', '/api/zones/tdp-10', { ...ZONE, name: 'Tổ dân phố 10', outputs: [{ type: 'http', key: '***' }] });
    expect(fresh.statusCode).toBe(400);
  });

  it('exports the station with secrets as *** unless asked, and a re-applied export keeps them', () => {
    const zone = stored();
    const file = { station: { name: 'Phường' }, zones: [zone], topics: [] };
    const yaml = stationToYaml(file as Parameters<typeof stationToYaml>[0]);
    expect(yaml).not.toContain('khoa-moi-123456');
    expect(yaml).not.toContain(PASSWORD);
    expect(stationToYaml(file as Parameters<typeof stationToYaml>[0], { withSecrets: true })).toContain('khoa-moi-123456');
    expect(parseStationYaml(yaml, [zone]).zones[0]!.outputs).toEqual(zone.outputs);
    expect(() => parseStationYaml(yaml, [])).toThrow();
  });
});
