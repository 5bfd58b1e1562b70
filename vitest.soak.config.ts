import { defineConfig } from 'vitest/config';

/**
 * The soak (`npm run test:soak`): a simulated month of a 50-zone station (test/soak/). Kept out of
 * `npm test` (vitest.config.ts excludes test/soak); CI runs it after the normal tests. One fork with
 * --expose-gc, so the heap it prints per simulated day is measured after a forced GC.
 */
export default defineConfig({
  test: {
    include: ['test/soak/**/*.test.ts'],
    testTimeout: 60 * 60_000,
    hookTimeout: 60 * 60_000,
    pool: 'forks',
    poolOptions: { forks: { singleFork: true, execArgv: ['--expose-gc'] } },
  },
});
