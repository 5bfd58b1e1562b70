import { createAuditLog, sameValue, type AuditActor } from '../audit/auditLog.ts';
import { createCapSettings, type CapSettingsStore } from '../cap/capSettings.ts';
import type { Clock } from '../clock.ts';
import type { Policy, Topic, Zone } from '../domain/station.ts';
import type { StationFile } from '../domain/stationFile.ts';
import { ApiError, validationError } from '../errors.ts';
import type { Db } from '../storage/db.ts';
import { getItem } from '../storage/items.ts';
import {
  deleteTopic, deleteZone, getPolicy, getTopic, getZone, listTopics, listZones, savePolicy, upsertTopic, upsertZone,
} from '../storage/station.ts';
import { listStationRevisions, withStationRevision, type RevisionMeta } from '../storage/stationRevisions.ts';
import { findUserById } from '../storage/users.ts';
import type { StationEvents } from '../stationEvents.ts';
import { formatInstant } from '../domain/time.ts';
import type { Lang } from '../i18n/messages.ts';
import { checkStationConsistency } from './consistency.ts';
import { describeChanges, diffSettings, type SettingsChange } from './revisionChanges.ts';
import { createRelaySettings } from '../scheduling/relaySettings.ts';
import { listRelaySources, listRelays } from '../storage/relays.ts';

function refuse(problems: { field: string; problem: string }[]): never {
  throw validationError(problems.map((p) => ({ path: [p.field], message: p.problem })));
}

/**
 * Zones, topics and policy: every change is checked against the whole station before it is saved,
 * and saved with its audit row (before and after) and ONE settings revision (who, when; see
 * storage/stationRevisions.ts) in one transaction. `tz`, the station time zone, is noted in revisions.
 */
export function createStationService(deps: { db: Db; clock: Clock; events: StationEvents; capSettings?: CapSettingsStore; tz?: string }) {
  const { db, clock, events } = deps;
  const audit = createAuditLog({ db, clock });
  const capSettings = deps.capSettings ?? createCapSettings({ db, clock });
  // Relay sources and relays (tiếp âm) travel in station files too (decisions §9).
  const relaySettings = createRelaySettings({ db, clock, events, zones: () => listZones(db) });
  const itemExists = (id: string) => getItem(db, id) !== undefined;

  function check(zones: Zone[], topics: Topic[], policy: Policy): void {
    const problems = checkStationConsistency(zones, topics, policy, itemExists);
    if (problems.length) refuse(problems);
  }
  const replaceById = <T extends { id: string }>(list: T[], next: T) => [...list.filter((x) => x.id !== next.id), next];
  const revisionAuthor = (actor: AuditActor): Pick<RevisionMeta, 'by' | 'byName'> => {
    if (actor === 'cli' || actor === 'system') return { by: null, byName: actor };
    if (actor.id === null) return { by: null, byName: actor.username };
    return { by: actor.id, byName: actor.username ?? findUserById(db, actor.id)?.username ?? actor.id };
  };
  /** One transaction: the writes, their audit rows and the settings revision they make. */
  const inRevision = (actor: AuditActor, at: number, change: () => void, note: string | null = null) =>
    withStationRevision(db, { at, note, tz: deps.tz ?? null, ...revisionAuthor(actor) }, change);

  return {
    zones: () => listZones(db),
    topics: () => listTopics(db),
    policy: () => getPolicy(db),

    putZone(zone: Zone, actor: AuditActor): Zone {
      check(replaceById(listZones(db), zone), listTopics(db), getPolicy(db));
      const now = clock.now();
      inRevision(actor, now, () => {
        audit.record(actor, 'zone.put', { type: 'zone', id: zone.id }, getZone(db, zone.id) ?? null, zone);
        upsertZone(db, zone, now);
      });
      events.emit('station:changed', { what: 'zone', id: zone.id });
      return zone;
    },

    removeZone(id: string, actor: AuditActor): void {
      const topicsNaming = listTopics(db).filter((t) => t.rules.some((r) => r.zones?.includes(id)));
      if (topicsNaming.length) {
        throw new ApiError(409, 'zone-in-rules', { id, topics: topicsNaming.map((t) => t.name).join(', ') });
      }
      const before = getZone(db, id);
      if (!before) throw new ApiError(404, 'unknown-zone', { id });
      const now = clock.now();
      inRevision(actor, now, () => {
        deleteZone(db, id, now);
        audit.record(actor, 'zone.delete', { type: 'zone', id }, before, null);
      });
      events.emit('station:changed', { what: 'zone', id });
    },

    putTopic(topic: Topic, actor: AuditActor): Topic {
      check(listZones(db), replaceById(listTopics(db), topic), getPolicy(db));
      const now = clock.now();
      inRevision(actor, now, () => {
        audit.record(actor, 'topic.put', { type: 'topic', id: topic.id }, getTopic(db, topic.id) ?? null, topic);
        upsertTopic(db, topic, now);
      });
      events.emit('station:changed', { what: 'topic', id: topic.id });
      return topic;
    },

    removeTopic(id: string, actor: AuditActor): void {
      const before = getTopic(db, id);
      if (!before) throw new ApiError(404, 'unknown-topic', { id });
      const now = clock.now();
      inRevision(actor, now, () => {
        deleteTopic(db, id, now);
        audit.record(actor, 'topic.delete', { type: 'topic', id }, before, null);
      });
      events.emit('station:changed', { what: 'topic', id });
    },

    putPolicy(policy: Policy, actor: AuditActor): Policy {
      check(listZones(db), listTopics(db), policy);
      const now = clock.now();
      inRevision(actor, now, () => {
        audit.record(actor, 'policy.put', { type: 'policy' }, getPolicy(db), policy);
        savePolicy(db, policy, now);
      });
      events.emit('station:changed', { what: 'policy', id: null });
      return policy;
    },

    /**
     * Upserts a whole station file in one transaction (all or nothing). Each zone, topic and the
     * policy that the file changes gets its audit row (what it leaves as it was gets none); `note`
     * says where the file came from.
     */
    apply(file: StationFile, actor: AuditActor, note: string | null = null): { zones: number; topics: number; policy: boolean } {
      let zones = listZones(db), topics = listTopics(db);
      for (const z of file.zones) zones = replaceById(zones, z);
      for (const t of file.topics) topics = replaceById(topics, t);
      const policy = file.policy ?? getPolicy(db);
      check(zones, topics, policy);
      const now = clock.now();
      inRevision(actor, now, () => {
        for (const z of file.zones) {
          const before = getZone(db, z.id) ?? null;
          if (!sameValue(before, z)) audit.record(actor, 'zone.put', { type: 'zone', id: z.id }, before, z, { note });
          upsertZone(db, z, now);
        }
        for (const t of file.topics) {
          const before = getTopic(db, t.id) ?? null;
          if (!sameValue(before, t)) audit.record(actor, 'topic.put', { type: 'topic', id: t.id }, before, t, { note });
          upsertTopic(db, t, now);
        }
        if (file.policy) {
          const before = getPolicy(db);
          if (!sameValue(before, file.policy)) audit.record(actor, 'policy.put', { type: 'policy' }, before, file.policy, { note });
          savePolicy(db, file.policy, now);
        }
        if (file.capFeeds || file.capPolicy) capSettings.apply(file, actor, note);
        if (file.sources || file.relays) relaySettings.apply(file, listZones(db), actor, note);
      }, note);
      events.emit('station:changed', { what: 'zone', id: null });
      return { zones: file.zones.length, topics: file.topics.length, policy: file.policy !== undefined };
    },

    /**
     * Settings revisions for the record, newest first: `limit` of them before revision `before`, each
     * with who made it, when and what it changed from the one before; `next` pages on (null: no more).
     */
    revisions(q: { limit: number; before?: number }, lang: Lang): { revisions: RevisionView[]; next: number | null } {
      // One more than asked: the previous revision of the page's oldest, to tell what that one changed.
      const rows = listStationRevisions(db, { limit: q.limit + 1, ...(q.before !== undefined && { before: q.before }) });
      const page = rows.slice(0, q.limit);
      const when = (ms: number) => (deps.tz ? formatInstant(ms, deps.tz) : new Date(ms).toISOString());
      return {
        revisions: page.map((r, i) => {
          const changes = diffSettings(rows[i + 1]?.settings ?? null, r.settings);
          return { id: r.id, createdAt: when(r.createdAt), createdBy: r.createdByName, note: r.note, changes, summary: describeChanges(changes, r.id === 0, lang) };
        }),
        next: rows.length > q.limit ? page[page.length - 1]!.id : null,
      };
    },

    /** The current station as a file (round-trips through apply). */
    export(stationName?: string): StationFile {
      const cap = capSettings.get();
      return {
        ...(stationName && { station: { name: stationName } }),
        policy: getPolicy(db),
        topics: listTopics(db),
        zones: listZones(db),
        capFeeds: cap.feeds,
        capPolicy: cap.policy,
        sources: listRelaySources(db).map((r) => ({ id: r.id, name: r.name, url: r.url, kind: r.kind, silenceLimitSeconds: r.silenceLimitMs / 1000 })),
        relays: listRelays(db),
      };
    },
  };
}

export type StationService = ReturnType<typeof createStationService>;

/** A settings revision as the record shows it (GET /api/station/revisions). */
export interface RevisionView {
  id: number;
  createdAt: string;
  createdBy: string;
  note: string | null;
  changes: SettingsChange[];
  summary: string;
}
