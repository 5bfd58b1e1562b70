import { ConfigError, loadConfig } from './config.ts';
import { CliError, runCli } from './cli/run.ts';

/** The `loa` command line entry (bin/loa.js and `npm run loa -- …`). */
try {
  process.stdout.write(`${await runCli(process.argv.slice(2), loadConfig(process.env))}\n`);
} catch (err) {
  const message = err instanceof CliError || err instanceof ConfigError ? err.message : String((err as Error).stack ?? err);
  process.stderr.write(`loa: ${message}\n`);
  process.exitCode = 1;
}
