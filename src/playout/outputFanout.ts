import type { Logger } from 'pino';
import type { OutputDriver } from './output.ts';

/**
 * A player's outputs driven together. Each call is isolated per output: one that throws (or rejects)
 * is logged, once until it recovers, and never stops the player or the other outputs.
 */
export class OutputFanout {
  private readonly failing = new Set<OutputDriver>();

  constructor(
    private readonly outputs: readonly OutputDriver[],
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    await Promise.all(this.outputs.map((out) => out.start().catch((err: unknown) => this.fail(out, err, 'output failed to start'))));
  }

  async stop(): Promise<void> {
    await Promise.all(this.outputs.map((out) => out.stop().catch((err: unknown) => this.fail(out, err, 'output failed to stop'))));
  }

  /** Every output gets the same whole frames. */
  write(frames: Buffer): void {
    for (const out of this.outputs) {
      try {
        out.write(frames);
        if (this.failing.delete(out)) this.log.info({ output: out.name }, 'output accepts frames again');
      } catch (err) {
        this.fail(out, err, 'output write failed');
      }
    }
  }

  idle(): void {
    for (const out of this.outputs) {
      try {
        out.idle();
      } catch (err) {
        this.fail(out, err, 'output failed to go idle');
      }
    }
  }

  /** Names of the outputs not reported down: what carries an item, for the airtime log. */
  live(): string[] {
    return this.outputs
      .filter((out) => {
        try {
          return out.health().state !== 'down';
        } catch {
          return false;
        }
      })
      .map((out) => out.name);
  }

  private fail(out: OutputDriver, err: unknown, message: string): void {
    // Writes repeat 38 times a second: a broken output is logged when it breaks, not on every frame.
    if (!this.failing.has(out)) this.log.error({ err, output: out.name }, message);
    this.failing.add(out);
  }
}
