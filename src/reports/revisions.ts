/**
 * The station settings a monthly report judges by (migrations/0020, issue 12). Each play is judged by
 * the settings revision it was logged under (its peak membership: peak.ts); each required period (a
 * day, an owned ISO week) by the revision in force when the period ended, so a period not over yet is
 * judged by the newest settings, as the planner, which replans a week whole from the moment a rule
 * changes, owes it. A revision is in force from when it was made, or from the start of the first play
 * logged under it when that is earlier (a play reported late, a clock set back, history logged after
 * the settings), and a revision is never in force after a newer one. Revision 0 (the settings at the
 * migration) is in force from the beginning: every row logged before it belongs to it (decisions §11).
 */
import { TopicRule, type Policy } from '../domain/station.ts';
import { addDays, zonedInstant } from '../domain/time.ts';
import type { Db } from '../storage/db.ts';
import { getStationRevision, listRevisionTimeline, parseRevisionSettings, type RevisionZone } from '../storage/stationRevisions.ts';

/** A topic with the rules that parse (a rule that no longer parses is skipped; the others keep their index). */
export interface JudgedTopic {
  id: string;
  name: string;
  rules: { index: number; rule: TopicRule }[];
}

/** One revision's settings, parsed once for the report. */
export interface JudgingSettings {
  revision: number;
  zones: readonly RevisionZone[];
  enabled: ReadonlySet<string>;
  topics: readonly JudgedTopic[];
  policy: Policy;
}

/** The revisions of the station, read once per report. */
export interface SettingsHistory {
  /** The settings of a revision (an unknown id reads as revision 0's). */
  settings(revision: number): JudgingSettings;
  /** The settings a period ending on the local date `lastDay` is judged by. */
  governing(lastDay: string): JudgingSettings;
}

/** Loads the timeline of revisions; each revision's settings are read and parsed on first use. */
export function loadSettingsHistory(db: Db, tz: string): SettingsHistory {
  const timeline = listRevisionTimeline(db);
  // When each revision came into force: made, or first aired under, whichever is earlier; and no later
  // than any newer revision did (kept monotonic from the newest back). Revision 0: from the beginning.
  const since = new Map<number, number>();
  let next = Number.POSITIVE_INFINITY;
  for (let i = timeline.length - 1; i >= 0; i--) {
    const r = timeline[i]!;
    next = r.id === 0 ? Number.NEGATIVE_INFINITY : Math.min(next, r.createdAt, r.firstPlayAt ?? Number.POSITIVE_INFINITY);
    since.set(r.id, next);
  }
  const parsed = new Map<number, JudgingSettings>();
  const byDate = new Map<string, JudgingSettings>();

  const settings = (revision: number): JudgingSettings => {
    let s = parsed.get(revision);
    if (!s) {
      s = toJudging(db, revision);
      parsed.set(revision, s);
    }
    return s;
  };

  return {
    settings,
    governing(lastDay) {
      let s = byDate.get(lastDay);
      if (!s) {
        const end = zonedInstant(addDays(lastDay, 1), 0, tz);
        let id = 0;
        for (const [revision, from] of since) if (revision > id && from < end) id = revision;
        s = settings(id);
        byDate.set(lastDay, s);
      }
      return s;
    },
  };
}

function toJudging(db: Db, revision: number): JudgingSettings {
  const found = getStationRevision(db, revision) ?? getStationRevision(db, 0);
  // Revision 0 always exists after migrations/0020; without it, an empty station with the default policy.
  const { zones, topics, policy } = found?.settings ?? parseRevisionSettings('{}');
  return {
    revision: found?.id ?? 0,
    zones,
    enabled: new Set(zones.filter((z) => z.enabled).map((z) => z.id)),
    topics: topics.map((t) => ({
      id: t.id,
      name: t.name,
      rules: t.rules.flatMap((r, index) => {
        const ok = TopicRule.safeParse(r);
        return ok.success ? [{ index, rule: ok.data }] : [];
      }),
    })),
    policy,
  };
}
