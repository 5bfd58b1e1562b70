import type { FrameSource } from '../playout/frameSource.ts';
import type { ProgrammeEntry, ProgrammeSource } from '../playout/programme.ts';

/** Opens the frames of a relay entry (RelayFeeds.open in the daemon). */
export type OpenRelay = (entry: ProgrammeEntry) => FrameSource;

/** A relay entry's stand-in audio path: no file has it, the player's loader recognises it. */
const PREFIX = 'relay-feed:';

/**
 * How a zone player gets a relay entry's frames through the same audio loading as items: the
 * programme it reads gives relay entries (audioPath '') a path naming their key, and its loader opens
 * the relay's feed for such a path instead of reading a file. Entries are remembered until their end.
 */
export class RelayEntries {
  private readonly byPath = new Map<string, ProgrammeEntry>();

  constructor(private readonly openRelay: OpenRelay) {}

  /** The player's programme, with relay entries' audioPath set to their stand-in path. */
  wrap(source: ProgrammeSource): ProgrammeSource {
    return {
      entriesBetween: (playerId, fromMs, toMs) => {
        for (const [path, e] of this.byPath) if (e.endMs < fromMs) this.byPath.delete(path);
        return source.entriesBetween(playerId, fromMs, toMs).map((e) => {
          if (!e.relay) return e;
          const marked = { ...e, audioPath: PREFIX + e.key };
          this.byPath.set(marked.audioPath, marked);
          return marked;
        });
      },
    };
  }

  /** A loader that opens relay feeds for stand-in paths and hands every other path to `load`. */
  loader(load: (path: string) => FrameSource | Promise<FrameSource>): (path: string) => FrameSource | Promise<FrameSource> {
    return (path) => {
      const entry = path.startsWith(PREFIX) ? this.byPath.get(path) : undefined;
      return entry ? this.openRelay(entry) : load(path);
    };
  }

  /** An entry's frames: its relay feed, or its audio file. */
  load(entry: ProgrammeEntry, load: (path: string) => FrameSource | Promise<FrameSource>): FrameSource | Promise<FrameSource> {
    return entry.relay ? this.openRelay(entry) : load(entry.audioPath);
  }
}

/** The opener of a player built without relays: a relay entry then fails with this reason. */
export const noRelays: OpenRelay = (entry) => {
  throw new Error(`relay ${entry.relay?.relayId ?? entry.key}: this player cannot pull relay sources`);
};
