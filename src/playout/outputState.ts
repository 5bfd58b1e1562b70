import type { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import { backoffDelay } from './backoff.ts';
import type { Backoff } from './backoff.ts';
import type { OutputHealth } from './output.ts';
import { isSilence } from './silence.ts';

/** The connection of a self-retrying output to its far end; 'off' = not wanted (stopped, or the player stopped feeding it). */
export type OutputLink = 'off' | 'connecting' | 'up' | 'down';

/** The event every self-retrying output emits on its `events`: its health, on each change of state. */
export interface OutputStateEvents {
  state: [OutputHealth];
}

/** Options of OutputState: what it reports as, and how it waits between attempts. */
export interface OutputStateOptions {
  name: string;
  clock: Clock;
  log: Logger;
  backoff: Backoff;
  /** Jitter source in [0, 1). */
  random: () => number;
  /** Where 'state' is emitted: the output's own emitter, which carries its other events too. */
  events: Pick<EventEmitter<OutputStateEvents>, 'emit'>;
  /** The log field naming the wait before the next attempt, e.g. 'retryInMs'. */
  delayField: string;
  /** Makes the next attempt; called when a scheduled retry is due. */
  retry: () => void;
  /** The player's silent frame (silence.ts): only other audio means a programme is on air. */
  silenceFrame?: Buffer;
}

/**
 * Health and retry bookkeeping shared by the outputs that reconnect on their own (icecast push, RTP):
 * the link state and what health reports from it, the last error, a 'state' event on every change,
 * and the next attempt scheduled on the injected clock with backoff.
 */
export class OutputState {
  link: OutputLink = 'off';
  /** No programme on air: idle() was called and only silence has been written since. */
  programmeIdle = true;
  bytesSent = 0;
  private reported: OutputHealth['state'] = 'idle';
  private lastError: string | null = null;
  private lastErrorAt: number | null = null;
  /** The failure already logged; repeats of it stay quiet until the link is up again. */
  private loggedError: string | null = null;
  private attempt = 0;
  private notBefore = 0;
  private upSince = 0;
  private cancelPending: (() => void) | null = null;

  constructor(private readonly opts: OutputStateOptions) {}

  /** What health reports: 'idle' while not wanted or up without a programme, else the link. */
  state(): OutputHealth['state'] {
    return this.link === 'off' || (this.link === 'up' && this.programmeIdle) ? 'idle' : this.link;
  }

  health(): OutputHealth {
    const { lastError, lastErrorAt, bytesSent } = this;
    return { name: this.opts.name, state: this.state(), listeners: null, lastError, lastErrorAt, bytesSent };
  }

  /** Emits 'state' when the reported state changes, or always when `force` (the reason changed). */
  report(force = false): void {
    const next = this.state();
    if (next === this.reported && !force) return;
    this.reported = next;
    this.opts.events.emit('state', this.health());
  }

  setLink(next: OutputLink, force = false): void {
    this.link = next;
    this.report(force);
  }

  /** Ends programme idleness when `frames` is other audio than the silent frame. */
  noteFrames(frames: Buffer): void {
    if (this.programmeIdle && !isSilence(frames, this.opts.silenceFrame)) {
      this.programmeIdle = false;
      this.report();
    }
  }

  /** Records an error for health without changing the link. */
  noteError(message: string): void {
    this.lastError = message;
    this.lastErrorAt = this.opts.clock.now();
  }

  /**
   * The link came up: forgets the failure that was logged, lets `say` log the news (`again` when it
   * had failed before), then reports the link up.
   */
  up(say: (again: boolean) => void): void {
    this.upSince = this.opts.clock.now();
    const again = this.loggedError !== null;
    this.loggedError = null;
    say(again);
    this.setLink('up');
  }

  /** A link that outlived the longest wait was healthy: the next failure starts the schedule over. */
  forgiveIfLongLived(): void {
    if (this.opts.clock.now() - this.upSince >= this.opts.backoff.maxMs) this.attempt = 0;
  }

  /**
   * Records a failure, logs it (once until the link is up again), reports the link down and
   * schedules the next attempt; a `refused` one is logged as an error and waits the longest delay.
   */
  fail(message: string, refused = false): void {
    const { clock, log, backoff, delayField } = this.opts;
    const now = clock.now();
    this.lastError = message;
    this.lastErrorAt = now;
    const delay = refused ? backoff.maxMs : backoffDelay(this.attempt++, backoff, this.opts.random);
    const fields = { [delayField]: delay };
    if (this.loggedError !== message) {
      if (refused) log.error(fields, message);
      else log.warn(fields, message);
      this.loggedError = message;
    } else {
      log.debug(fields, message);
    }
    this.setLink('down', true);
    this.scheduleRetry(now + delay);
  }

  /** Makes the next attempt at `atMs` (replacing any scheduled one), and none before it. */
  scheduleRetry(atMs: number): void {
    this.notBefore = atMs;
    this.cancelPending?.();
    this.cancelPending = this.opts.clock.at(atMs, () => {
      this.cancelPending = null;
      this.opts.retry();
    });
  }

  cancelRetry(): void {
    this.cancelPending?.();
    this.cancelPending = null;
  }

  /** On a write while the link is 'off': attempts now, or schedules the attempt its wait allows. */
  retryIfOff(): void {
    if (this.link !== 'off') return;
    if (this.opts.clock.now() >= this.notBefore) this.opts.retry();
    else if (this.cancelPending === null) this.scheduleRetry(this.notBefore);
  }

  /** Starts the schedule over: no wait before the next attempt, and its failure is logged anew. */
  resetBackoff(): void {
    this.attempt = 0;
    this.notBefore = 0;
    this.loggedError = null;
  }
}
