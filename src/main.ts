import { systemClock } from './clock.ts';
import { ConfigError, loadConfig } from './config.ts';
import { startDaemon } from './daemon.ts';
import { createLogger } from './logger.ts';

/** `npm start`: load config (exit 1 listing every bad setting), start, stop cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger(config.logLevel, { pretty: process.stdout.isTTY === true });
  let daemon;
  try {
    daemon = await startDaemon(config, { clock: systemClock, log });
  } catch (err) {
    log.fatal({ err }, (err as Error).message);
    process.exit(1);
  }
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/`;
  // The one line a newcomer needs: where the admin page is, and how to log in the first time.
  const login = daemon.firstAdminPassword ? ` — đăng nhập / log in: admin / ${daemon.firstAdminPassword} (chỉ hiện lần này / shown once)` : '';
  log.info({ url }, `Loa đang chạy / is running: ${url}${login}`);
  const shutdown = (signal: string) => {
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    daemon.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

await main();
