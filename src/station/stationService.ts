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
import type { StationEvents } from '../stationEvents.ts';
import { checkStationConsistency } from './consistency.ts';

function refuse(problems: { field: string; problem: string }[]): never {
  throw validationError(problems.map((p) => ({ path: [p.field], message: p.problem })));
}

/**
 * Zones, topics and policy: every change is checked against the whole station before it is saved,
 * and saved with its audit row (before and after) in one transaction.
 */
export function createStationService(deps: { db: Db; clock: Clock; events: StationEvents; capSettings?: CapSettingsStore }) {
  const { db, clock, events } = deps;
  const audit = createAuditLog({ db, clock });
  const capSettings = deps.capSettings ?? createCapSettings({ db, clock });
  const itemExists = (id: string) => getItem(db, id) !== undefined;

  function check(zones: Zone[], topics: Topic[], policy: Policy): void {
    const problems = checkStationConsistency(zones, topics, policy, itemExists);
    if (problems.length) refuse(problems);
  }
  const replaceById = <T extends { id: string }>(list: T[], next: T) => [...list.filter((x) => x.id !== next.id), next];

  return {
    zones: () => listZones(db),
    topics: () => listTopics(db),
    policy: () => getPolicy(db),

    putZone(zone: Zone, actor: AuditActor): Zone {
      check(replaceById(listZones(db), zone), listTopics(db), getPolicy(db));
      db.transaction(() => {
        audit.record(actor, 'zone.put', { type: 'zone', id: zone.id }, getZone(db, zone.id) ?? null, zone);
        upsertZone(db, zone, clock.now());
      })();
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
      db.transaction(() => {
        deleteZone(db, id);
        audit.record(actor, 'zone.delete', { type: 'zone', id }, before, null);
      })();
      events.emit('station:changed', { what: 'zone', id });
    },

    putTopic(topic: Topic, actor: AuditActor): Topic {
      check(listZones(db), replaceById(listTopics(db), topic), getPolicy(db));
      db.transaction(() => {
        audit.record(actor, 'topic.put', { type: 'topic', id: topic.id }, getTopic(db, topic.id) ?? null, topic);
        upsertTopic(db, topic, clock.now());
      })();
      events.emit('station:changed', { what: 'topic', id: topic.id });
      return topic;
    },

    removeTopic(id: string, actor: AuditActor): void {
      const before = getTopic(db, id);
      if (!before) throw new ApiError(404, 'unknown-topic', { id });
      db.transaction(() => {
        deleteTopic(db, id);
        audit.record(actor, 'topic.delete', { type: 'topic', id }, before, null);
      })();
      events.emit('station:changed', { what: 'topic', id });
    },

    putPolicy(policy: Policy, actor: AuditActor): Policy {
      check(listZones(db), listTopics(db), policy);
      db.transaction(() => {
        audit.record(actor, 'policy.put', { type: 'policy' }, getPolicy(db), policy);
        savePolicy(db, policy, clock.now());
      })();
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
      db.transaction(() => {
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
      })();
      events.emit('station:changed', { what: 'zone', id: null });
      return { zones: file.zones.length, topics: file.topics.length, policy: file.policy !== undefined };
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
      };
    },
  };
}

export type StationService = ReturnType<typeof createStationService>;
