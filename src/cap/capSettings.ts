/**
 * The station's CAP settings (decisions §6): the feeds it polls and its policy (the urgency ×
 * severity level table, the emergency repeat). Saved whole with an audit row; whoever saves the
 * feeds is the user their alerts are approved by. Listeners (the feed poller) hear every change.
 */
import { createAuditLog, sameValue, type AuditActor } from '../audit/auditLog.ts';
import { redactUrlPasswords } from '../audit/redact.ts';
import type { Clock } from '../clock.ts';
import type { CapFeed, CapPolicy, CapSettings } from '../domain/cap.ts';
import type { Db } from '../storage/db.ts';
import { getCapSettings, saveCapSettings } from '../storage/capSettings.ts';

/**
 * A feed URL's password is a secret (decisions §1): reads show it as "***", and a list sent back as
 * it was read keeps the stored URL.
 */
export function keepHiddenFeedUrls(feeds: CapFeed[], stored: CapFeed[]): CapFeed[] {
  return feeds.map((f) => {
    const same = stored.find((s) => s.url !== f.url && redactUrlPasswords(s.url) === f.url);
    return same ? { ...f, url: same.url } : f;
  });
}

export function createCapSettings(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  const audit = createAuditLog({ db, clock });
  const listeners = new Set<() => void>();

  /** Saves a change with its audit row (nothing when nothing changes); `owner`: the feeds' approver. */
  function save(next: CapSettings, actor: AuditActor, note: string | null = null): void {
    const before = getCapSettings(db);
    const { updatedBy: _stored, ...was } = before;
    if (sameValue(was, next)) return;
    const owner = typeof actor === 'object' && actor.id !== null ? actor.id : before.updatedBy;
    db.transaction(() => {
      audit.record(actor, 'cap.settings', { type: 'cap', id: 'settings' }, was, next, { note });
      saveCapSettings(db, next, owner, clock.now());
    })();
    for (const listener of listeners) listener();
  }

  return {
    /** The settings now, with the id of the user whose feeds they are (null: set from the command line). */
    get: () => getCapSettings(db),

    /** Replaces the feed list. */
    putFeeds(feeds: CapFeed[], actor: AuditActor): CapFeed[] {
      const { updatedBy: _owner, ...current } = getCapSettings(db);
      save({ ...current, feeds: keepHiddenFeedUrls(feeds, current.feeds) }, actor);
      return feeds;
    },

    /** Replaces the level table and the emergency repeat. */
    putPolicy(policy: CapPolicy, actor: AuditActor): CapPolicy {
      const { updatedBy: _owner, ...current } = getCapSettings(db);
      save({ ...current, policy }, actor);
      return policy;
    },

    /** Applies the CAP part of a station file (what it leaves out stays as it is). */
    apply(part: { capFeeds?: CapFeed[]; capPolicy?: CapPolicy }, actor: AuditActor, note: string | null): void {
      const { updatedBy: _owner, ...current } = getCapSettings(db);
      const feeds = part.capFeeds ? keepHiddenFeedUrls(part.capFeeds, current.feeds) : current.feeds;
      save({ feeds, policy: part.capPolicy ?? current.policy }, actor, note);
    },

    /** Calls `listener` after every saved change; returns a function that stops it. */
    onChange(listener: () => void): () => void {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

export type CapSettingsStore = ReturnType<typeof createCapSettings>;
