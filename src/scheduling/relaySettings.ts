/**
 * The station's relay sources and relays (tiếp âm, issue 11, decisions §9): checked (relayChecks.ts),
 * saved with their audit row in one transaction, and announced as a station change so the programme
 * is re-planned around them (replanScheduler.ts). A source URL's password is a secret (decisions §1):
 * reads show it as "***", and a URL sent back as it was read keeps the stored one.
 */
import { createAuditLog, sameValue, type AuditActor } from '../audit/auditLog.ts';
import { redactUrlPasswords } from '../audit/redact.ts';
import type { Clock } from '../clock.ts';
import { DEFAULT_RELAY_SILENCE_MS, type Relay, type RelaySource, type RelaySourceBody, type RelaySourceKind } from '../domain/relay.ts';
import type { Zone } from '../domain/station.ts';
import { ApiError } from '../errors.ts';
import type { Db } from '../storage/db.ts';
import { getItem } from '../storage/items.ts';
import { deleteRelaySource, getRelaySource, listRelaySources, listRelays, replaceRelays, upsertRelaySource } from '../storage/relays.ts';
import type { StationEvents } from '../stationEvents.ts';
import { checkRelays, checkSourceUrl } from './relayChecks.ts';

/** A source as PUT /api/sources/:id gives it (the id from the path). */
export type SourceBody = RelaySourceBody;

/** A source as every read shows it: the password inside its URL hidden. */
export interface PresentedSource {
  id: string;
  name: string;
  url: string;
  kind: RelaySourceKind;
  silenceLimitSeconds: number;
}

/** A source as the API and the station file show it. */
export function presentSource(s: RelaySource): PresentedSource {
  return { id: s.id, name: s.name, url: redactUrlPasswords(s.url), kind: s.kind, silenceLimitSeconds: s.silenceLimitMs / 1000 };
}

/** The stored URL when `url` is it with its password hidden; else `url` as given. */
function keepHiddenPassword(url: string, stored: RelaySource | undefined): string {
  return stored && stored.url !== url && redactUrlPasswords(stored.url) === url ? stored.url : url;
}

const userOf = (actor: AuditActor) => (typeof actor === 'object' ? actor.id : null);

export function createRelaySettings(deps: { db: Db; clock: Clock; events: StationEvents; zones: () => Zone[] }) {
  const { db, clock, events } = deps;
  const audit = createAuditLog({ db, clock });
  const itemFacts = (id: string) => getItem(db, id);

  /** The source a body makes, its hidden password restored; refused (400 naming `url`) when it cannot be pulled. */
  function sourceOf(id: string, body: SourceBody, field = 'body.url'): RelaySource {
    const url = keepHiddenPassword(body.url, getRelaySource(db, id));
    checkSourceUrl(url, field);
    return { id, name: body.name, url, kind: body.kind, silenceLimitMs: Math.round((body.silenceLimitSeconds ?? DEFAULT_RELAY_SILENCE_MS / 1000) * 1000) };
  }

  /** Saves sources and relays with their audit rows (what a file leaves as it was gets none); no event. */
  function save(sources: RelaySource[], relays: Relay[] | null, actor: AuditActor, note: string | null): boolean {
    let changed = false;
    const at = clock.now();
    for (const s of sources) {
      const before = getRelaySource(db, s.id) ?? null;
      if (sameValue(before, s)) continue;
      audit.record(actor, 'source.put', { type: 'source', id: s.id }, before, s, { note });
      upsertRelaySource(db, s, userOf(actor), at);
      changed = true;
    }
    if (relays) {
      const before = listRelays(db);
      if (!sameValue(before, relays)) {
        audit.record(actor, 'relay.put', { type: 'relay' }, { relays: before }, { relays }, { note });
        replaceRelays(db, relays, userOf(actor), at);
        changed = true;
      }
    }
    return changed;
  }

  const changed = (what: 'source' | 'relay', id: string | null) => events.emit('station:changed', { what, id });

  return {
    /** Every source, passwords hidden. */
    sources: (): PresentedSource[] => listRelaySources(db).map(presentSource),

    /** The relays, in their order. */
    relays: (): Relay[] => listRelays(db),

    /** Creates or replaces a source (audited); the programme is re-planned when it changed. */
    putSource(id: string, body: SourceBody, actor: AuditActor): PresentedSource {
      const source = sourceOf(id, body);
      if (db.transaction(() => save([source], null, actor, null))()) changed('source', id);
      return presentSource(source);
    },

    /** Deletes a source: 404 when there is none, 409 while a relay uses it. */
    removeSource(id: string, actor: AuditActor): void {
      const before = getRelaySource(db, id);
      if (!before) throw new ApiError(404, 'unknown-source', { id });
      const users = listRelays(db).filter((r) => r.source === id).map((r) => r.id);
      if (users.length) throw new ApiError(409, 'source-in-use', { id, relays: users.join(', ') });
      db.transaction(() => {
        deleteRelaySource(db, id);
        audit.record(actor, 'source.delete', { type: 'source', id }, before, null);
      })();
      changed('source', id);
    },

    /** Replaces every relay (checked whole against the station, audited); the programme is re-planned. */
    putRelays(relays: Relay[], actor: AuditActor): Relay[] {
      checkRelays(relays, { zones: deps.zones(), sources: listRelaySources(db), item: itemFacts });
      if (db.transaction(() => save([], relays, actor, null))()) changed('relay', null);
      return listRelays(db);
    },

    /**
     * The relay part of a station file, inside the caller's transaction: its sources upserted (a
     * hidden password keeps the stored one), its relays (when given) replacing the station's. The
     * caller announces the change. `zones` are the station's zones as the file leaves them.
     */
    apply(part: { sources?: (SourceBody & { id: string })[]; relays?: Relay[] }, zones: Zone[], actor: AuditActor, note: string | null): void {
      const sources = (part.sources ?? []).map((s, i) => sourceOf(s.id, s, `sources[${i}].url`));
      const known = new Map(listRelaySources(db).map((s) => [s.id, s] as const));
      for (const s of sources) known.set(s.id, s);
      if (part.relays) checkRelays(part.relays, { zones, sources: [...known.values()], item: itemFacts }, 'relays');
      save(sources, part.relays ?? null, actor, note);
    },
  };
}

export type RelaySettings = ReturnType<typeof createRelaySettings>;
