/**
 * `loa device`: turns a small PC or single-board computer into a store-and-forward head-end. It needs
 * no database: it talks to a Loa daemon over HTTP with a device key and keeps its cache on disk.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { systemClock } from '../clock.ts';
import { createDeviceCache } from '../deviceClient/deviceCache.ts';
import { createDeviceClient } from '../deviceClient/deviceClient.ts';
import { createLoaLink, feedUrlOf } from '../deviceClient/loaLink.ts';
import { parseSink } from '../deviceClient/sinkPlayer.ts';
import { resolveFfmpeg } from '../library/ffmpegBinary.ts';

export const DEVICE_USAGE = `loa device --url URL --key KEY [--device ID] [--cache DIR] [--sink SINK] [--poll SECONDS]
    URL   the device's feed address (…/api/devices/<id>/feed), or Loa's address with --device ID
    KEY   the device key (or LOA_DEVICE_KEY)
    SINK  alsa[:DEVICE] (default alsa:default), pulse[:DEVICE], a file (raw PCM s16le 44.1 kHz mono
          appended) or - (the same PCM on stdout)`;

/** Thrown for wrong arguments (the CLI prints the message and exits 1). */
export class DeviceUsageError extends Error {}

/** Runs the reference device until SIGINT or SIGTERM; returns what to print then. */
export async function deviceCommand(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const { values } = parseArgs({
    args,
    options: {
      url: { type: 'string' },
      key: { type: 'string' },
      device: { type: 'string' },
      cache: { type: 'string', default: './loa-device-cache' },
      sink: { type: 'string', default: 'alsa:default' },
      poll: { type: 'string', default: '60' },
      'log-level': { type: 'string', default: 'info' },
    },
  });
  const key = values.key ?? env.LOA_DEVICE_KEY;
  if (!values.url || !key) throw new DeviceUsageError(DEVICE_USAGE);
  const pollSeconds = Number(values.poll);
  if (!Number.isFinite(pollSeconds) || pollSeconds < 0.2 || pollSeconds > 3600) throw new DeviceUsageError('--poll must be between 0.2 and 3600 seconds');
  let feedUrl: URL;
  try {
    feedUrl = feedUrlOf(values.url, values.device);
  } catch (err) {
    throw new DeviceUsageError(`--url: ${(err as Error).message}`);
  }
  // Logs go to stderr: stdout may be the sink.
  const log = pino({ level: values['log-level'], base: { device: feedUrl.pathname.split('/')[3] } }, pino.destination(2));
  const ffmpeg = await resolveFfmpeg(env, { log });
  const cacheDir = resolve(values.cache);
  const client = createDeviceClient({
    link: createLoaLink({ feedUrl, key }),
    cache: createDeviceCache(cacheDir),
    clock: systemClock,
    log,
    sink: parseSink(values.sink, process.stdout),
    ffmpegPath: ffmpeg.ffmpegPath,
    pollMs: pollSeconds * 1000,
  });
  log.info({ feed: feedUrl.href, cache: cacheDir, sink: values.sink }, 'device started');
  const stopped = new Promise<void>((done) => {
    process.once('SIGINT', () => done());
    process.once('SIGTERM', () => done());
  });
  await client.start();
  await stopped;
  await client.stop();
  const summary = `device stopped; ${client.waitingReports()} play report(s) wait in ${cacheDir}`;
  log.info(summary);
  // stdout may carry audio: the summary goes to the log only.
  return values.sink === '-' ? '' : summary;
}
