/**
 * The relay-chain bench's test-sized variant (decisions §11): three items through the real daemon, a
 * real icecast2 master and a real icecast2 relay, timed at plain clients. Its target is judged by
 * `npm run bench:relay-chain`'s exit code, never here: this checks that it runs, that every client
 * heard every item, and that its figures are measurements.
 */
import { describe, expect, it } from 'vitest';
import { runBench } from '../support/runBench.ts';

describe('bench:relay-chain, test-sized', () => {
  it('finds each item at Loa, the icecast2 master and the relay, with measured errors', async () => {
    const run = await runBench(['bench/relayChain.bench.ts', '--small'], 150_000);
    expect(run.signal, run.stderr).toBeNull();
    expect(run.stdout).toMatch(/machine: \d+ cores, load average/);
    for (const client of ['Loa (HTTP mount)', 'icecast2 master', 'icecast2 relay']) {
      const line = run.stdout.split('\n').find((l) => l.includes(client)) ?? '';
      const [found, ...figures] = line.slice(line.indexOf(client) + client.length).trim().split(/\s+/);
      expect(found, line).toBe('3/3'); // every item's start was found in what the client received
      expect(figures.map(Number).every(Number.isFinite), line).toBe(true);
    }
  }, 160_000);
});
