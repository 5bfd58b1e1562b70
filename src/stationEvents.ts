import { EventEmitter } from 'node:events';

/** What changed in the station; the re-planner, the SSE stream and metrics listen. */
export interface StationEventMap {
  /** An item's status or metadata changed (approve, reject, archive, edit, ingest done). */
  'item:changed': [{ itemId: string; from: string | null; to: string; reason: string }];
  /** Zones, topics or policy changed. */
  'station:changed': [{ what: 'zone' | 'topic' | 'policy'; id: string | null }];
  /** New slots were saved for these zones and dates. */
  'plan:saved': [{ zones: string[]; from: string; to: string; shortfalls: number }];
}

/** A typed event bus, one per daemon (built in main.ts, passed to whoever needs it). */
export class StationEvents extends EventEmitter<StationEventMap> {}
