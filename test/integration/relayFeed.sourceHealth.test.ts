import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RelaySource } from '../../src/domain/relay.ts';
import { createMetrics } from '../../src/http/metrics.ts';
import { createSourceWatcher } from '../../src/relay/sourceHealth.ts';
import { probeSource } from '../../src/relay/sourceProbe.ts';
import { fakeClock } from '../support/fakeClock.ts';
import { startIcecast, type IcecastServer } from '../support/icecastServer.ts';
import { ffmpegCli, makeTempDir, removeDir } from '../support/makeAudio.ts';
import { freePort } from '../support/ports.ts';
import { makeStationAudio, startToneStation, type ToneStation } from './relayFeedSource.ts';

const log = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Source health (issue 11: "GET /api/sources shows each source's health, watched whether or not a slot
 * is airing"): a short GET against real servers, a real icecast2 mount fed by ffmpeg among them, and
 * the watcher's rounds and backoff on an injected clock.
 */
describe('relay source health', () => {
  let dir: string;
  let station: ToneStation;
  let ice: IcecastServer;
  let pusher: ChildProcess;
  let playlists: http.Server;
  let playlistPort: number;

  beforeAll(async () => {
    dir = await makeTempDir();
    station = await startToneStation(await makeStationAudio(dir, 'tone.mp3', 1000, 10));
    ice = await startIcecast();
    // A station pushing a 64 kbps tone to icecast2, as a city station's encoder would.
    pusher = spawn(ffmpegCli(), ['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'sine=frequency=800', '-c:a', 'libmp3lame', '-b:a', '64k',
      '-content_type', 'audio/mpeg', '-f', 'mp3', `icecast://source:${ice.sourcePassword}@127.0.0.1:${ice.port}/thanhpho.mp3`], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++, await sleep(100)) {
      const res = await fetch(`http://127.0.0.1:${ice.port}/status-json.xsl`).then((r) => r.text()).catch(() => '');
      if (res.includes('thanhpho.mp3')) break;
    }
    playlists = http.createServer((req, res) => {
      if (req.url === '/master.m3u8') {
        res.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' });
        res.end('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=64000,CODECS="mp4a.40.2"\nlow/index.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=128000\nhigh/index.m3u8\n');
      } else if (req.url === '/moved') {
        res.writeHead(302, { location: '/master.m3u8' });
        res.end();
      } else {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html>not a playlist</html>');
      }
    });
    playlists.listen(0, '127.0.0.1');
    await once(playlists, 'listening');
    playlistPort = (playlists.address() as AddressInfo).port;
  }, 60_000);
  afterAll(async () => {
    pusher?.kill('SIGKILL');
    await station?.close();
    await ice?.stop();
    playlists?.close();
    await removeDir(dir);
  });

  it('reads reachability, bitrate and content type from a short look at each kind of source', async () => {
    expect(await probeSource({ url: station.url, kind: 'http' })).toEqual({ reachable: true, bitrateKbps: 128, contentType: 'audio/mpeg', error: null });
    // icecast2 sends no icy-br for this source: the bitrate is read from the first MP3 frame.
    expect(await probeSource({ url: `http://127.0.0.1:${ice.port}/thanhpho.mp3`, kind: 'http' })).toEqual({ reachable: true, bitrateKbps: 64, contentType: 'audio/mpeg', error: null });
    expect(await probeSource({ url: `http://127.0.0.1:${ice.port}/khong-co.mp3`, kind: 'http' })).toMatchObject({ reachable: false, error: 'HTTP 404' });
    expect(await probeSource({ url: `http://127.0.0.1:${await freePort()}/x.mp3`, kind: 'http' })).toMatchObject({ reachable: false, error: 'connection refused' });
    expect(await probeSource({ url: `http://127.0.0.1:${playlistPort}/moved`, kind: 'hls' })).toEqual({ reachable: true, bitrateKbps: 64, contentType: 'application/vnd.apple.mpegurl', error: null });
    expect(await probeSource({ url: `http://127.0.0.1:${playlistPort}/page`, kind: 'hls' })).toMatchObject({ reachable: false, error: 'not an HLS playlist' });
    // A server that accepts the connection and never answers: given up after the timeout.
    const silent = http.createServer(() => {});
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const started = Date.now();
    const hung = await probeSource({ url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/x`, kind: 'http' }, { timeoutMs: 500 });
    expect(hung).toMatchObject({ reachable: false, error: 'no answer within 0.5 s' });
    expect(Date.now() - started).toBeLessThan(3000);
    silent.closeAllConnections();
    silent.close();
  });

  it('watches every source whether or not a relay airs, backs off a failing one, and checks a changed one anew', async () => {
    const clock = fakeClock('2026-05-18T05:00:00+07:00');
    const deadUrl = `http://127.0.0.1:${await freePort()}/dead.mp3`;
    const sources: RelaySource[] = [
      { id: 'vov1', name: 'VOV1', url: station.url, kind: 'http', silenceLimitMs: 10_000 },
      { id: 'chet', name: 'Đài cũ', url: deadUrl, kind: 'http', silenceLimitMs: 10_000 },
    ];
    const watcher = createSourceWatcher({ list: () => sources, clock, log, intervalMs: 60_000 });
    const settled = async (id: string, since: number) => {
      for (let i = 0; i < 100 && (watcher.health(id)?.checkedAt ?? 0) < since; i++) await sleep(20);
    };
    expect(watcher.health('vov1')).toBeNull();
    watcher.start();
    await settled('vov1', 1);
    await settled('chet', 1);
    const t0 = clock.now();
    expect(watcher.health('vov1')).toMatchObject({ reachable: true, bitrateKbps: 128, contentType: 'audio/mpeg', lastError: null, checkedAt: t0, failures: 0, nextCheckAt: t0 + 60_000 });
    expect(watcher.health('chet')).toMatchObject({ reachable: false, lastError: 'connection refused', lastErrorAt: t0, failures: 1, nextCheckAt: t0 + 120_000 });

    // A minute on: the healthy source is checked again, the failing one waits (2, then 4 intervals).
    clock.advance(60_000);
    await settled('vov1', t0 + 60_000);
    expect(watcher.health('vov1')!.checkedAt).toBe(t0 + 60_000);
    expect(watcher.health('chet')!.checkedAt).toBe(t0);
    clock.advance(60_000);
    await settled('chet', t0 + 120_000);
    expect(watcher.health('chet')).toMatchObject({ failures: 2, checkedAt: t0 + 120_000, nextCheckAt: t0 + 120_000 + 240_000 });
    // /metrics: a gauge per source (and per relay airing: on its source or not).
    const metrics = createMetrics({
      itemsByStatus: () => ({}), ingestQueueSize: () => 0, outputs: () => [], relaySources: () => watcher.all(),
      relayAirings: () => [{ relay: 'thoi-su', source: 'vov1', onSource: false }],
    });
    const text = await metrics.registry.metrics();
    expect(text).toContain('loa_relay_source_up{source="vov1"} 1');
    expect(text).toContain('loa_relay_source_up{source="chet"} 0');
    expect(text).toContain('loa_relay_source_bitrate_kbps{source="vov1"} 128');
    expect(text).toContain('loa_relay_on_source{relay="thoi-su",source="vov1"} 0');

    // The operator points the dead source at a working stream: checked at the next round, not in 4 minutes.
    sources[1] = { ...sources[1]!, url: station.url };
    clock.advance(5000);
    await settled('chet', t0 + 125_000);
    expect(watcher.health('chet')).toMatchObject({ reachable: true, failures: 0, checkedAt: t0 + 125_000 });
    sources.pop();
    clock.advance(5000);
    expect(watcher.health('chet')).toBeNull();
    watcher.stop();
  });
});
