import dgram from 'node:dgram';
import { once } from 'node:events';
import net from 'node:net';

/** Asks the kernel for a free loopback TCP port, released again: nothing listens there until a test binds it. */
export async function freePort(): Promise<number> {
  const srv = net.createServer().listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const { port } = srv.address() as net.AddressInfo;
  srv.close();
  await once(srv, 'close');
  return port;
}

/** An even UDP port whose successor (RTCP) is free too, as an RTP receiver needs both. */
export async function freeRtpPort(): Promise<number> {
  for (;;) {
    const port = 20_000 + 2 * Math.floor(Math.random() * 10_000);
    const socks = [dgram.createSocket('udp4'), dgram.createSocket('udp4')];
    const ok = await Promise.all(
      socks.map(
        (s, i) =>
          new Promise<boolean>((resolve) => {
            s.once('error', () => resolve(false));
            s.bind(port + i, '127.0.0.1', () => resolve(true));
          }),
      ),
    );
    await Promise.all(socks.map((s) => new Promise<void>((r) => s.close(() => r())).catch(() => undefined)));
    if (ok.every(Boolean)) return port;
  }
}
