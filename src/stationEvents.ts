import { EventEmitter } from 'node:events';

/** What changed in the station; the re-planner, the SSE stream and metrics listen. */
export interface StationEventMap {
  /** An item's status or metadata changed (approve, reject, archive, edit, ingest done). */
  'item:changed': [{ itemId: string; from: string | null; to: string; reason: string }];
  /** Zones, topics or policy changed; or relay sources or relays (tiếp âm, src/scheduling/relaySettings.ts). */
  'station:changed': [{ what: 'zone' | 'topic' | 'policy' | 'source' | 'relay'; id: string | null }];
  /** New slots were saved for these zones and dates. */
  'plan:saved': [{ zones: string[]; from: string; to: string; shortfalls: number }];
  /** An emergency bulletin was triggered, cancelled or replaced on these zones (src/emergency/). */
  'emergency:changed': [{ id: string; state: 'active' | 'cancelled' | 'replaced'; zones: string[] }];
  /**
   * A monitored head-end device went online or offline (src/devices/devicePresence.ts); an offline
   * device is an alarm. `at` and `lastSeenAt` are epoch ms.
   */
  'device:state': [{ device: string; name: string; zone: string; kind: string; state: 'online' | 'offline'; at: number; lastSeenAt: number | null }];
}

/** A typed event bus, one per daemon (built in main.ts, passed to whoever needs it). */
export class StationEvents extends EventEmitter<StationEventMap> {}
