import net from 'node:net';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { backoffDelay } from '../../src/playout/backoff.ts';
import { createIcecastPush } from '../../src/playout/icecastPush.ts';
import { parseIcecastUrl, parseRtpUrl } from '../../src/playout/outputUrl.ts';
import { fakeClock } from '../support/fakeClock.ts';
import { captureLog } from '../support/logCapture.ts';
import { freePort } from '../support/ports.ts';
import { waitForState } from '../support/waitForState.ts';

const silent = pino({ level: 'silent' });
const backoff = { initialMs: 1000, maxMs: 30_000 };

describe('parseIcecastUrl', () => {
  it('splits a full URL into parts', () => {
    expect(parseIcecastUrl('icecast://source:s%40cret@radio.phuong5.vn:8010/tdp-1')).toEqual({
      ok: true,
      value: { host: 'radio.phuong5.vn', port: 8010, mount: '/tdp-1', user: 'source', password: 's@cret' },
    });
  });

  it('defaults the user to "source" and the port to 8000, and accepts IPv6', () => {
    const r = parseIcecastUrl('icecast://:pw@[::1]/a');
    expect(r).toEqual({ ok: true, value: { host: '::1', port: 8000, mount: '/a', user: 'source', password: 'pw' } });
  });

  it.each([
    ['http://source:pw@host:8000/m', /must start with icecast:\/\//],
    ['icecast://source@host:8000/m', /no source password/],
    ['icecast://source:pw@host:8000/', /no mount point/],
    ['icecast://source:pw@host:8000', /no mount point/],
    ['icecast://source:pw@host:0/m', /invalid port/],
    ['icecast://source:pw@host:8000/m?x=1', /query/],
    ['not a url', /not a valid URL/],
  ])('rejects %s with a clear message', (url, message) => {
    const r = parseIcecastUrl(url);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it('never repeats the password in an error', () => {
    const r = parseIcecastUrl('icecast://source:hunter2@host:8000/');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).not.toContain('hunter2');
  });
});

describe('parseRtpUrl', () => {
  it('parses address, port, ttl and codec with defaults', () => {
    expect(parseRtpUrl('rtp://239.10.0.1:5004?ttl=4&codec=pcma')).toEqual({
      ok: true,
      value: { address: '239.10.0.1', port: 5004, ttl: 4, codec: 'pcma' },
    });
    expect(parseRtpUrl('rtp://10.0.0.9:5004')).toEqual({ ok: true, value: { address: '10.0.0.9', port: 5004, ttl: 1, codec: 'pcmu' } });
  });

  it.each([
    ['rtp://239.0.0.1', /needs a port/],
    ['rtp://239.0.0.1:5004?codec=opus', /codec "opus"/],
    ['rtp://239.0.0.1:5004?ttl=300', /ttl "300"/],
    ['rtp://239.0.0.1:5004?tos=1', /unknown option "tos"/],
  ])('rejects %s', (url, message) => {
    const r = parseRtpUrl(url);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});

describe('backoffDelay', () => {
  it('doubles from initialMs and stops at maxMs', () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 6, 40].map((n) => backoffDelay(n, backoff, mid))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('jitters by ±20 % but never beyond maxMs', () => {
    expect(backoffDelay(0, backoff, () => 0)).toBe(800);
    expect(backoffDelay(0, backoff, () => 0.999_999)).toBe(1200);
    expect(backoffDelay(10, backoff, () => 0.999_999)).toBe(30_000);
    expect(backoffDelay(10, backoff, () => 0)).toBe(24_000);
  });
});

describe('createIcecastPush with a fake clock', { timeout: 10_000 }, () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  it('throws at construction on a bad URL, naming the problem', () => {
    const clock = fakeClock('2026-05-18T05:30:00+07:00');
    expect(() => createIcecastPush({ url: 'icecast://h:8000/m', clock, log: silent, backoff })).toThrow(/no source password/);
  });

  it('retries an unreachable head-end on the backoff schedule, dropping frames meanwhile', async () => {
    const clock = fakeClock('2026-05-18T05:30:00+07:00');
    const port = await freePort(); // nothing listens there
    const push = createIcecastPush({ url: `icecast://source:pw@127.0.0.1:${port}/tdp-1`, clock, log: silent, backoff, random: () => 0.5 });
    cleanups.push(() => push.stop());
    let attempts = 0;
    push.events.on('attempt', () => attempts++);
    await push.start();
    expect(attempts).toBe(1);
    for (const delay of [1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]) {
      const h = await waitForState(push, 'down');
      expect(h.lastError).toMatch(/connection refused/);
      push.write(Buffer.alloc(313));
      const before = attempts;
      clock.advance(delay - 1);
      expect(attempts).toBe(before);
      clock.advance(1);
      expect(attempts).toBe(before + 1);
    }
    expect(push.health().bytesSent).toBe(0);
  });

  it('falls back to SOURCE when PUT is answered 405, then streams', async () => {
    const clock = fakeClock('2026-05-18T05:30:00+07:00');
    const received: Buffer[] = [];
    const requests: string[] = [];
    const server = net.createServer((sock) => {
      let head = '';
      const onData = (d: Buffer) => {
        head += d.toString('latin1');
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        requests.push(head.slice(0, end));
        if (head.startsWith('PUT ')) {
          sock.end('HTTP/1.1 405 Method Not Allowed\r\nConnection: close\r\n\r\n');
          return;
        }
        sock.off('data', onData);
        sock.write('HTTP/1.0 200 OK\r\n\r\n');
        const rest = Buffer.from(head.slice(end + 4), 'latin1');
        if (rest.length > 0) received.push(rest);
        sock.on('data', (b: Buffer) => received.push(b));
      };
      sock.on('data', onData);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    cleanups.push(() => void server.close());
    const { port } = server.address() as net.AddressInfo;
    const silence = Buffer.alloc(313, 0);
    const url = `icecast://source:pw@127.0.0.1:${port}/tdp-2`;
    const push = createIcecastPush({ url, name: 'Tổ 2', clock, log: silent, backoff, silenceFrame: silence });
    cleanups.push(() => push.stop());
    await push.start();
    await waitForState(push, 'connecting');
    // Connected, but only silence so far: no programme on air.
    await waitForState(push, 'idle');
    push.write(silence);
    expect(push.health().state).toBe('idle');
    push.write(Buffer.alloc(313, 8));
    expect(push.health().state).toBe('up');
    await expect.poll(() => Buffer.concat(received).length).toBe(626);
    push.idle();
    expect(push.health().state).toBe('idle');
    expect(requests[0]).toMatch(/^PUT \/tdp-2 HTTP\/1\.1/);
    expect(requests[0]).toMatch(/\r\nexpect: 100-continue/i);
    expect(requests[1]).toMatch(/^SOURCE \/tdp-2 HTTP\/1\.0\r\nAuthorization: Basic c291cmNlOnB3\r\n/);
    expect(requests[1]).toMatch(/\r\nice-audio-info: samplerate=44100;channels=1;bitrate=96/);
    expect(Buffer.from(requests[1]?.match(/ice-name: (.*)/)?.[1] ?? '', 'latin1').toString('utf8')).toBe('Tổ 2');
    expect(push.health()).toMatchObject({ state: 'idle', bytesSent: 626, lastError: null });
  });

  it('does not retry a 403 "Mountpoint in use" before maxMs, and logs it once', async () => {
    const clock = fakeClock('2026-05-18T05:30:00+07:00');
    const server = net.createServer((sock) => {
      sock.once('data', () =>
        sock.end('HTTP/1.0 403 Forbidden\r\nConnection: Close\r\nContent-Type: text/plain\r\n\r\nMountpoint in use'),
      );
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    cleanups.push(() => void server.close());
    const { port } = server.address() as net.AddressInfo;
    const { log, lines } = captureLog('debug');
    const push = createIcecastPush({ url: `icecast://source:pw@127.0.0.1:${port}/busy`, clock, log, backoff });
    cleanups.push(() => push.stop());
    let attempts = 0;
    push.events.on('attempt', () => attempts++);
    await push.start();
    let h = await waitForState(push, 'down');
    expect(h.lastError).toBe('mount /busy is already in use by another source (icecast 403: Mountpoint in use)');
    clock.advance(29_999);
    push.write(Buffer.alloc(313));
    expect(attempts).toBe(1);
    clock.advance(1);
    expect(attempts).toBe(2);
    h = await waitForState(push, 'connecting').then(() => waitForState(push, 'down'));
    expect(lines.filter((l) => l.level >= 50).map((l) => l.msg)).toEqual([h.lastError]);
    // An explicit restart knocks again at once.
    push.restart();
    expect(attempts).toBe(3);
  });
});
