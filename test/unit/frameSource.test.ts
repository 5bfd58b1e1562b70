import { describe, expect, it } from 'vitest';
import { createFrameLoader } from '../../src/playout/frameSource.ts';
import { FRAME_MS } from '../../src/playout/zonePlayer.ts';
describe('frame loader', () => {
  // MPEG-1 Layer III, 96 kbps, 44.1 kHz, no padding: 313-byte frames; the last header byte sets the channels.
  const mp3 = (frames: number, mono = true) =>
    Buffer.concat(Array.from({ length: frames }, () => Buffer.concat([Buffer.from([0xff, 0xfb, 0x70, mono ? 0xc4 : 0x04]), Buffer.alloc(309)])));

  it('indexes canonical frames, reads each path once, and does not cache failures', async () => {
    const reads: string[] = [];
    const files = new Map([['/a.mp3', mp3(10)], ['/stereo.mp3', mp3(10, false)]]);
    const load = createFrameLoader({
      read: async (path) => {
        reads.push(path);
        const f = files.get(path);
        if (!f) throw new Error('ENOENT');
        return f;
      },
    });
    const [a1, a2] = await Promise.all([load('/a.mp3'), load('/a.mp3')]);
    expect(a1).toBe(a2);
    expect(a1.frameCount).toBe(10);
    expect(a1.frame(3).length).toBe(313);
    expect(a1.durationMs).toBe(Math.round(10 * FRAME_MS));
    await load('/a.mp3');
    expect(reads).toEqual(['/a.mp3']);
    await expect(load('/stereo.mp3')).rejects.toThrow(/not canonical/);
    await expect(load('/missing.mp3')).rejects.toThrow(/cannot read audio \/missing\.mp3: ENOENT/);
    files.set('/missing.mp3', mp3(2));
    expect((await load('/missing.mp3')).frameCount).toBe(2);
  });

  it('evicts the least recently used files beyond its byte budget', async () => {
    const reads: string[] = [];
    const load = createFrameLoader({ maxBytes: 2 * 313 * 10, read: async (path) => (reads.push(path), mp3(10)) });
    await load('/1');
    await load('/2');
    await load('/1'); // now /2 is the oldest
    await load('/3');
    await load('/1');
    await load('/2');
    expect(reads).toEqual(['/1', '/2', '/3', '/2']);
  });
});
