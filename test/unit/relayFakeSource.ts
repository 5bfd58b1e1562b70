import { FRAME_MS } from '../../src/playout/airing.ts';
import type { PullHandlers, StartPull } from '../../src/relay/sourcePull.ts';
import { classifyExit } from '../../src/relay/sourceStop.ts';
import type { FakeClock } from '../support/fakeClock.ts';

/**
 * A source on the fake clock: while on, it sends frames "S0000000", "S0000001"… at the real-time rate
 * (× `rate`: a source whose clock runs fast) in `chunkMs` chunks (100 ms; an HLS source sends a
 * segment at a time), after `burst` frames at once on connect (an Icecast burst); the test can end
 * it, silence it, or make it refuse connections.
 */
export function fakeSource(clock: FakeClock, opts: { burst?: number; refuse?: boolean; rate?: number; chunkMs?: number } = {}) {
  const pulls: { at: number; handlers: PullHandlers; stopped: boolean }[] = [];
  let sent = 0;
  let refuse = opts.refuse ?? false;
  let mute = false; // connected but sending nothing (a stall)
  const frame = () => Buffer.from(`S${String(sent++).padStart(7, '0')}`);
  const start: StartPull = (_source, handlers) => {
    const pull = { at: clock.now(), handlers, stopped: false };
    pulls.push(pull);
    if (refuse) {
      clock.at(clock.now() + 5, () => pull.stopped || (pull.stopped = true, handlers.exited(classifyExit(1, 'Connection to tcp://vov.example:80 failed: Connection refused', false))));
    } else {
      let owed = opts.burst ?? 0;
      let last = clock.now();
      const send = () => {
        if (pull.stopped) return;
        const now = clock.now();
        owed += ((now - last) / FRAME_MS) * (opts.rate ?? 1);
        last = now;
        const n = Math.floor(owed);
        owed -= n;
        if (!mute && n > 0) handlers.frames(Array.from({ length: n }, frame));
        clock.at(now + (opts.chunkMs ?? 100), send);
      };
      clock.at(clock.now() + 200, send); // connecting takes 200 ms
    }
    return { stop: () => void (pull.stopped = true) };
  };
  const live = () => pulls.filter((p) => !p.stopped).at(-1);
  return {
    start,
    pulls,
    /** The server closes the stream (ffmpeg exits 0). */
    end() {
      const p = live()!;
      p.stopped = true;
      p.handlers.exited(classifyExit(0, '', true));
    },
    refuse: (v: boolean) => void (refuse = v),
    mute: (v: boolean) => void (mute = v),
  };
}

