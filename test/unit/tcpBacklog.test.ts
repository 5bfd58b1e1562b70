import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { endianness, tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createTcpBacklog, ipv6Bytes, scanTable, socketKey } from '../../src/playout/tcpBacklog.ts';
import type { BacklogSample } from '../../src/playout/tcpBacklog.ts';

const log = pino({ level: 'silent' });

/** Lines as Linux prints them (x86, little-endian): 127.0.0.1:8080 → 127.0.0.1:50000 and one other. */
const TCP = [
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
  '   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 1 1 0 100 0 0 10 0',
  '   1: 0100007F:1F90 0100007F:C350 01 0001E240:00000000 01:00000014 00000000  1000        0 2 1 0 20 4 30 10 -1',
  '  12: 0100007F:1F90 0100007F:C351 01 00000010:00000000 01:00000014 00000000  1000        0 3 1 0 20 4 30 10 -1',
  '',
].join('\n');

describe('tcp backlog: the kernel table', () => {
  it('finds each watched socket by its addresses and reads its tx_queue; other lines are passed over', () => {
    const found: [string, number][] = [];
    const watched = new Map([
      ['0100007F:1F90 0100007F:C350', 'a'],
      ['0100007F:1F90 0100007F:C351', 'b'],
      ['0100007F:1F90 0100007F:C352', 'gone'],
    ]);
    scanTable(TCP, 27, watched, (who, tx) => found.push([who, tx]));
    expect(found).toEqual([['a', 123_456], ['b', 16]]);
  });

  // The expected keys are little-endian, as on the machines Loa runs on (x86, arm64).
  it.runIf(endianness() === 'LE')('keys sockets as the kernel prints them, IPv4 and dual-stack IPv6 alike', () => {
    const v4 = socketKey({ localAddress: '127.0.0.1', localPort: 8080, remoteAddress: '127.0.0.1', remotePort: 50000 } as net.Socket);
    expect(v4).toEqual({ table: 'tcp', key: '0100007F:1F90 0100007F:C350' });
    const mapped = socketKey({ localAddress: '::ffff:10.0.0.2', localPort: 80, remoteAddress: '::ffff:10.0.0.9', remotePort: 1 } as net.Socket);
    expect(mapped).toEqual({ table: 'tcp6', key: '0000000000000000FFFF00000200000A:0050 0000000000000000FFFF00000900000A:0001' });
    expect(ipv6Bytes('::1')).toEqual([...Array<number>(15).fill(0), 1]);
    expect(ipv6Bytes('fe80::1%eth0')?.slice(0, 2)).toEqual([0xfe, 0x80]);
    expect(ipv6Bytes('1:2:3:4:5:6:7:8:9')).toBeNull();
    expect(socketKey({ localAddress: undefined } as unknown as net.Socket)).toBeNull();
  });

  it('without a table (not Linux) it watches nothing and says so', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'loa-proc-'));
    try {
      const backlog = createTcpBacklog({ log, procDir: join(dir, 'missing') });
      expect(backlog.supported).toBe(false);
      expect(backlog.watch(new net.Socket(), { handed: () => 0, sampled: () => {} })).toBeNull();
      await writeFile(join(dir, 'tcp'), TCP);
      expect(createTcpBacklog({ log, procDir: dir }).supported).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.runIf(existsSync('/proc/net/tcp'))('on Linux: a peer that stops reading leaves its bytes unacknowledged; one that reads does not', async () => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as net.AddressInfo).port;
    const accepted: net.Socket[] = [];
    server.on('connection', (s) => accepted.push(s));
    const stalled = net.connect(port, '127.0.0.1');
    stalled.pause();
    const reader = net.connect(port, '127.0.0.1');
    let got = 0;
    reader.on('data', (d: Buffer) => (got += d.length));
    await Promise.all([once(stalled, 'connect'), once(reader, 'connect')]);
    while (accepted.length < 2) await new Promise((r) => setImmediate(r));
    const byPeer = (c: net.Socket) => accepted.find((s) => s.remotePort === c.localPort)!;
    const backlog = createTcpBacklog({ log, sampleMs: 60_000 });
    const samples = new Map<net.Socket, BacklogSample>();
    const written = new Map<net.Socket, number>();
    for (const s of accepted) {
      written.set(s, 0);
      backlog.watch(s, { handed: () => written.get(s)! - s.writableLength, sampled: (x) => samples.set(s, x) });
    }
    // 2 MB, far more than a receive buffer: the stalled peer's share stays in our kernel.
    const block = Buffer.alloc(64 * 1024, 1);
    for (let i = 0; i < 32; i++) {
      for (const s of accepted) {
        s.write(block);
        written.set(s, written.get(s)! + block.length);
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    // The reader drains what was sent; the stalled one cannot.
    while (got < 32 * block.length) await new Promise((r) => setTimeout(r, 10));
    await backlog.sample();
    const stuck = samples.get(byPeer(stalled))!;
    const fine = samples.get(byPeer(reader))!;
    expect(stuck.unacked).toBeGreaterThan(256 * 1024);
    expect(stuck.acked).toBeLessThan(written.get(byPeer(stalled))! - 256 * 1024);
    // What a stalled Linux peer still acknowledges: its receive buffer (tcp_rmem default 128 KiB, a little over).
    expect(stuck.acked).toBeLessThan(1024 * 1024);
    expect(fine).toEqual({ acked: written.get(byPeer(reader)), unacked: 0 });
    for (const s of [...accepted, stalled, reader]) s.destroy();
    server.close();
  });
});
