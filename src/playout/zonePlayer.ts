import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { AirtimeOutcome } from '../storage/airtime.ts';
import { type Airing, AiringLog, airingOver, EARLY_TOLERANCE_MS, FRAME_MS, firstFrameAt } from './airing.ts';
import { absorbClockStep } from './clockStep.ts';
import { endOfAiring } from '../relay/relayRecord.ts';
import { RelayEntries } from '../relay/relayEntries.ts';
import { AUDIO_LATE, DeadAirWatch } from './deadAir.ts';
import { EntryAudio, type FrameSource } from './frameSource.ts';
import { FrameBatch } from './frameBatch.ts';
import { OutputFanout, type OutputsByZone } from './outputFanout.ts';
import { emitSafely } from './playoutEvents.ts';
import type { NowPlaying, PlayoutEvents, ZonePlayer } from './playoutEvents.ts';
import { LiveWait } from './liveWait.ts';
import { ProgrammeQueue } from './programme.ts';
import { ProgrammeReader } from './programmeReader.ts';
import type { ProgrammeEntry } from './programme.ts';
import { SilenceWatch } from './silenceWatch.ts';
import { StreamGrid } from './streamGrid.ts';
import { cutDetail, outranks, resumesAfterCut, takesAirFrom } from './precedence.ts';
import { nextTickAt, TICK_FRAMES, TICK_SLACK_MS } from './tickPlan.ts';
import { type PlayerSettings, withDefaults, type ZonePlayerOptions } from './zonePlayerOptions.ts';

/** Re-exported so callers import the player's contract from here (types live in playoutEvents.ts). */
export { FRAME_MS, TICK_FRAMES };
export type { NowPlaying, OutputsByZone, ZonePlayer, ZonePlayerOptions };

/** Creates a zone player; nothing happens until start(). */
export function createZonePlayer(opts: ZonePlayerOptions): ZonePlayer {
  return new Player(opts);
}

class Player extends EventEmitter<PlayoutEvents> implements ZonePlayer {
  readonly id: string;
  readonly zones: readonly string[];
  private readonly o: PlayerSettings;
  private readonly log: Logger;
  private running = false;
  private cancelTick: (() => void) | null = null;
  private readonly grid = new StreamGrid();
  private readonly queue = new ProgrammeQueue();
  private readonly audio: EntryAudio;
  private readonly relays: RelayEntries; // a relay entry opens its relay's feed, not a file (src/relay/)
  private readonly airtime: AiringLog;
  private readonly outputs: OutputFanout;
  private readonly reader: ProgrammeReader;
  private current: Airing | null = null;
  private last: ProgrammeEntry | null = null;
  private readonly deadAir: DeadAirWatch;
  private readonly silence: SilenceWatch;
  private readonly batch: FrameBatch;
  /** A live broadcast waiting for the air: after the current item (priority level), or after a bulletin cut it. */
  private readonly live = new LiveWait();

  constructor(opts: ZonePlayerOptions) {
    super();
    this.id = opts.id;
    this.zones = [...opts.zones];
    this.o = withDefaults(opts);
    this.log = opts.log.child({ player: opts.id });
    this.relays = new RelayEntries(this.o.openRelay);
    this.audio = new EntryAudio(this.relays.loader(opts.loadFrames));
    this.airtime = new AiringLog(opts.id, this.zones, opts.airtime, this.log, {
      started: (e) => emitSafely(this, this.log, 'item:started', e),
      ended: (e) => emitSafely(this, this.log, 'item:ended', e),
    });
    this.outputs = new OutputFanout(opts.outputs, this.log);
    this.batch = new FrameBatch(this.outputs);
    this.deadAir = new DeadAirWatch(this.o.silenceAlarmMs);
    this.silence = new SilenceWatch({
      playerId: this.id, zones: this.zones, player: this, deadAir: this.deadAir, queue: this.queue, batch: this.batch, outputs: this.outputs,
      log: this.log, maxGapInWindowMs: this.o.maxGapInWindowMs,
    });
    this.reader = new ProgrammeReader({
      playerId: this.id, source: this.relays.wrap(this.o.source), queue: this.queue, audio: this.audio, deadAir: this.deadAir, log: this.log,
      lookaheadMs: this.o.lookaheadMs, prefetchMs: this.o.prefetchMs,
    });
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.outputs.start();
    if (!this.running) return; // stopped while the outputs were starting
    this.silence.airing();
    const now = this.o.clock.now();
    this.grid.reset(now);
    this.reader.fetch(now);
    this.tick();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.cancelTick?.();
    this.cancelTick = null;
    if (this.current) this.finish(this.current, this.o.clock.now(), 'interrupted', 'player stopped');
    this.live.clear();
    await this.outputs.stop();
  }

  reload(): void {
    if (!this.running) return;
    const now = this.o.clock.now();
    this.reader.fetch(now);
    this.reader.prefetch(now, this.current?.entry.key); // a bulletin's audio starts loading at once
    this.reschedule(); // a new plan may start an entry before the tick already planned
  }

  async preempt(entry: ProgrammeEntry): Promise<void> {
    const frames = await Promise.resolve()
      .then(() => this.relays.load(entry, this.o.loadFrames))
      .catch((err: unknown) => {
        // Nothing is cut for audio that cannot air: the programme goes on and the failure is logged.
        const at = Math.max(this.o.clock.now(), this.grid.due());
        this.logUnaired(entry, 'failed', at, at, (err as Error).message);
        return null;
      });
    if (frames) this.cutInNow(entry, frames);
  }

  goLive(entry: ProgrammeEntry, frames: FrameSource): void {
    // Priority level starts at the end of the current item, never mid-item (decisions §4).
    if (this.running && this.current && !(entry.emergency && takesAirFrom(entry, this.current.entry))) this.live.beforeStart(entry, frames);
    else this.cutInNow(entry, frames);
  }

  /** `entry` takes the air now from what it may cut; its first frame goes out in its own slot, not at the next batch. */
  private cutInNow(entry: ProgrammeEntry, frames: FrameSource): void {
    if (!this.running || (this.current && !takesAirFrom(entry, this.current.entry))) return;
    const at = this.grid.due();
    if (this.current) this.cutAway(this.current, at, entry);
    this.begin(entry, frames, at, 0);
    this.reschedule();
  }

  withdraw(match: (entry: ProgrammeEntry) => boolean, detail: string): void {
    const c = this.current;
    if (!this.running || !c || !match(c.entry)) return;
    this.finish(c, this.grid.due(), 'interrupted', detail);
    this.reschedule(); // what the clock says is due now starts at the very next slot
  }

  nowPlaying(): NowPlaying {
    const c = this.current;
    const now = this.o.clock.now();
    const positionMs = c ? Math.min(Math.max(0, now - c.zeroAt), c.frames.frameCount * FRAME_MS) : 0;
    return { entry: c?.entry ?? null, positionMs, next: this.queue.next(now, c?.entry.key) };
  }

  private tick(): void {
    this.cancelTick = null;
    if (!this.running) return;
    const now = this.o.clock.now();
    try {
      const lost = absorbClockStep(this.grid, this.current, now, this.o.clockJumpMs, this.log);
      if (lost) this.finish(lost.airing, now, 'interrupted', lost.detail);
      this.reader.keepUp(now, this.current?.entry.key);
      for (let t = this.grid.due(); t <= now + this.o.sendAheadMs + TICK_SLACK_MS; t = this.grid.due()) {
        this.frameAt(t);
        this.grid.advance();
      }
      this.batch.flush();
      if (this.current) this.airtime.beatIfDue(this.current, now, this.o.heartbeatMs);
    } catch (err) {
      // A bug must not silence the zone for good: drop the airing, start a fresh stream, carry on.
      this.log.error({ err }, 'zone player tick failed; restarting the stream');
      this.batch.clear();
      const broken = this.current;
      this.current = null;
      if (broken) {
        this.queue.finish(broken.entry);
        this.close(broken, now, 'failed', `player error: ${(err as Error).message}`);
      }
      this.grid.reset(now + 1000);
    }
    this.schedule();
  }

  /** Arms the next tick (see nextTickAt: ~100 ms batches, and a tick at every entry's first frame). */
  private schedule(): void {
    this.cancelTick?.();
    const at = nextTickAt(this.grid, this.current, this.queue, this.o.clock.now(), this.o.sendAheadMs);
    this.cancelTick = this.o.clock.at(this.grid.plan(at), () => this.tick());
  }

  /** Plans the next tick again (the programme changed); not before start() ran its first tick. */
  private reschedule(): void {
    if (this.cancelTick !== null) this.schedule();
  }

  /** Adds the frame due at `t` to the batch: the airing entry's next frame, the start of a due entry, or silence. */
  private frameAt(t: number): void {
    const c = this.current;
    if (c && airingOver(c)) {
      this.batch.flush(); // its last frames reach the outputs before its rows say what carried it
      this.finish(c, t, 'completed', null);
    }
    this.takeUrgent(t);
    // A slot whose audio never came ends even while something else holds the air: logged as it ends.
    if (this.current) for (const m of this.deadAir.missed(t)) this.logUnaired(m.entry, 'skipped', m.since, t, AUDIO_LATE, false);
    if (!this.current && this.live.pending) this.resumeLive(t);
    if (!this.current) this.startDue(t);
    const airing = this.current;
    if (airing && airing.next < airing.frames.frameCount) {
      airing.written++;
      return this.batch.push(airing.frames.frame(airing.next++), airing);
    }
    // No airing, or a live source that has not caught up (the broadcast goes on): silence.
    if (!airing) this.silence.silent(t, this.last);
    this.batch.push(this.o.silenceFrame, null);
  }

  /** Begins the entry due at `t`, if its audio is ready; notes dead air when it is not. */
  private startDue(t: number): void {
    for (const missed of this.deadAir.missed(t)) this.logUnaired(missed.entry, 'skipped', missed.since, t, AUDIO_LATE);
    for (const entry of this.queue.startedBy(t, EARLY_TOLERANCE_MS, (e) => this.airtime.alreadyAired(e))) {
      const load = this.audio.request(entry.key, entry.audioPath);
      if (load.state !== 'ready') {
        this.deadAir.note(entry, t, load.state);
        if (load.state === 'failed') this.logUnaired(entry, 'failed', t, t, load.reason);
        return;
      }
      const first = firstFrameAt(entry, t);
      if (first < load.frames.frameCount) return this.begin(entry, load.frames, t, first);
      const waited = this.deadAir.giveUp(entry.key); // the audio is shorter than its slot and that part is over
      if (waited) this.logUnaired(entry, 'skipped', waited.since, t, AUDIO_LATE);
      else this.queue.finish(entry);
    }
  }

  /** A bulletin due at `t` takes the air from whatever it outranks, once its audio is ready. */
  private takeUrgent(t: number): void {
    const urgent = this.queue.dueUrgent(t, EARLY_TOLERANCE_MS);
    if (!urgent || (this.current && !outranks(urgent, this.current.entry))) return;
    const load = this.audio.request(urgent.key, urgent.audioPath);
    if (load.state === 'failed') this.logUnaired(urgent, 'failed', t, t, load.reason);
    if (load.state !== 'ready') return;
    if (this.current) this.cutAway(this.current, t, urgent);
    this.begin(urgent, load.frames, t, 0);
  }

  /**
   * Takes an airing off the air for `by` (logged 'preempted' with what aired of it). A programme entry
   * stays unfinished in the queue, so it comes back at the clock's position after the bulletin.
   */
  private cutAway(a: Airing, at: number, by: ProgrammeEntry): void {
    this.batch.flush(); // its frames so far reach the outputs before its rows say what carried it
    if (!resumesAfterCut(a.entry)) return this.finish(a, at, 'preempted', cutDetail(by));
    // A live broadcast is in no queue: it waits here, and comes back at what is live then.
    if (a.frames.live) this.live.afterCut(a.entry, a.frames);
    this.last = a.entry;
    this.current = null;
    this.close(a, at, 'preempted', cutDetail(by));
  }

  /** Puts the waiting live broadcast on air (from its start, or from what is live now after a cut). */
  private resumeLive(t: number): void {
    const back = this.live.take();
    if (back) this.begin(back.entry, back.frames, t, back.first);
  }

  private begin(entry: ProgrammeEntry, frames: FrameSource, t: number, first: number): void {
    // The silence before it goes out on its own: a batch of the airing holds its frames only, so its
    // receivers are counted from exactly its first frame (reception.ts).
    this.batch.flush();
    this.audio.forget(entry.key);
    this.queue.airing(entry.key);
    this.deadAir.clear(undefined, entry.key);
    this.silence.airing();
    this.current = this.airtime.open(entry, frames, t, first, (zone) => this.outputs.live(zone));
  }

  private finish(a: Airing, endedAt: number, outcome: AirtimeOutcome, detail: string | null): void {
    this.queue.finish(a.entry);
    this.last = a.entry;
    this.current = null;
    this.close(a, endedAt, outcome, detail);
  }

  /** Closes an airing's rows with what each zone's outputs did with it (a relay's: with what aired of it, relayRecord.ts). */
  private close(a: Airing, endedAt: number, outcome: AirtimeOutcome, detail: string | null): void {
    const end = endOfAiring(a, outcome, detail);
    this.airtime.close(end.airing, endedAt, end.outcome, end.detail, (zone) => this.outputs.carriage(zone, a.reception, a.written > 0));
  }

  /** An entry that could not air (audio unreadable, or still loading when its time ran out): its rows; its slot went out as silence (`last`) or under another airing. */
  private logUnaired(entry: ProgrammeEntry, outcome: 'failed' | 'skipped', since: number, at: number, reason: string, last = true): void {
    this.queue.finish(entry);
    this.audio.forget(entry.key);
    if (last) this.last = entry;
    this.airtime.unaired(entry, outcome, since, at, reason);
  }
}
