import type { OutputHealth } from '../../src/playout/output.ts';

/** An output that emits 'state' with its health on each change (icecast push, RTP). */
export interface StateReporter {
  health(): OutputHealth;
  readonly events: {
    on(event: 'state', listener: (health: OutputHealth) => void): unknown;
    off(event: 'state', listener: (health: OutputHealth) => void): unknown;
  };
}

/** Resolves on the first 'state' event (or current state) equal to `want`; a listener, not once(), so no event slips by between awaits. */
export function waitForState(out: StateReporter, want: OutputHealth['state']): Promise<OutputHealth> {
  if (out.health().state === want) return Promise.resolve(out.health());
  return new Promise((resolve) => {
    const onState = (h: OutputHealth) => {
      if (h.state !== want) return;
      out.events.off('state', onState);
      resolve(h);
    };
    out.events.on('state', onState);
  });
}
