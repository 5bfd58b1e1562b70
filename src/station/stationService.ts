import type { Clock } from '../clock.ts';
import type { Policy, Topic, Zone } from '../domain/station.ts';
import type { StationFile } from '../domain/stationFile.ts';
import { ApiError, validationError } from '../errors.ts';
import type { Db } from '../storage/db.ts';
import { getItem } from '../storage/items.ts';
import {
  deleteTopic, deleteZone, getPolicy, listTopics, listZones, savePolicy, upsertTopic, upsertZone,
} from '../storage/station.ts';
import type { StationEvents } from '../stationEvents.ts';
import { checkStationConsistency } from './consistency.ts';

function refuse(problems: { field: string; problem: string }[]): never {
  throw validationError(problems.map((p) => ({ path: [p.field], message: p.problem })));
}

/** Zones, topics and policy: every change is checked against the whole station before it is saved. */
export function createStationService(deps: { db: Db; clock: Clock; events: StationEvents }) {
  const { db, clock, events } = deps;
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

    putZone(zone: Zone): Zone {
      check(replaceById(listZones(db), zone), listTopics(db), getPolicy(db));
      upsertZone(db, zone, clock.now());
      events.emit('station:changed', { what: 'zone', id: zone.id });
      return zone;
    },

    removeZone(id: string): void {
      const topicsNaming = listTopics(db).filter((t) => t.rules.some((r) => r.zones?.includes(id)));
      if (topicsNaming.length) {
        throw new ApiError(409, 'zone-in-rules', { id, topics: topicsNaming.map((t) => t.name).join(', ') });
      }
      if (!deleteZone(db, id)) throw new ApiError(404, 'unknown-zone', { id });
      events.emit('station:changed', { what: 'zone', id });
    },

    putTopic(topic: Topic): Topic {
      check(listZones(db), replaceById(listTopics(db), topic), getPolicy(db));
      upsertTopic(db, topic, clock.now());
      events.emit('station:changed', { what: 'topic', id: topic.id });
      return topic;
    },

    removeTopic(id: string): void {
      if (!deleteTopic(db, id)) throw new ApiError(404, 'unknown-topic', { id });
      events.emit('station:changed', { what: 'topic', id });
    },

    putPolicy(policy: Policy): Policy {
      check(listZones(db), listTopics(db), policy);
      savePolicy(db, policy, clock.now());
      events.emit('station:changed', { what: 'policy', id: null });
      return policy;
    },

    /** Upserts a whole station file in one transaction (all or nothing). */
    apply(file: StationFile): { zones: number; topics: number; policy: boolean } {
      let zones = listZones(db), topics = listTopics(db);
      for (const z of file.zones) zones = replaceById(zones, z);
      for (const t of file.topics) topics = replaceById(topics, t);
      const policy = file.policy ?? getPolicy(db);
      check(zones, topics, policy);
      const now = clock.now();
      db.transaction(() => {
        for (const z of file.zones) upsertZone(db, z, now);
        for (const t of file.topics) upsertTopic(db, t, now);
        if (file.policy) savePolicy(db, file.policy, now);
      })();
      events.emit('station:changed', { what: 'zone', id: null });
      return { zones: file.zones.length, topics: file.topics.length, policy: file.policy !== undefined };
    },

    /** The current station as a file (round-trips through apply). */
    export(stationName?: string): StationFile {
      return {
        ...(stationName && { station: { name: stationName } }),
        policy: getPolicy(db),
        topics: listTopics(db),
        zones: listZones(db),
      };
    },
  };
}

export type StationService = ReturnType<typeof createStationService>;
