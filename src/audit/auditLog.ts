import type { Clock } from '../clock.ts';
import { insertAuditRow, lastItemEventId } from '../storage/audit.ts';
import type { Db } from '../storage/db.ts';
import { findUserById } from '../storage/users.ts';
import { redactSecrets, redactUrlPasswords } from './redact.ts';

/** Every change the audit log records, as noun.verb (the noun is the target's type, but for logins). */
export const AUDIT_ACTIONS = [
  'item.upload', 'item.edit', 'item.replace-audio', 'item.approve', 'item.reject', 'item.archive',
  'zone.put', 'zone.delete', 'topic.put', 'topic.delete', 'policy.put',
  'pin.add', 'pin.remove', 'exclusion.add', 'exclusion.remove', 'plan.run', 'programme.play', 'priority.order',
  'user.add', 'user.password-reset', 'user.revoke', 'token.issue', 'token.revoke', 'auth.login', 'auth.login-failed',
  'demo.remove', 'emergency.trigger', 'emergency.cancel',
  // A CAP alert's journey (src/cap/capJourney.ts) and the station's CAP settings.
  'cap.receive', 'cap.map', 'cap.air', 'cap.log', 'cap.update', 'cap.replace', 'cap.cancel', 'cap.expire', 'cap.fail', 'cap.settings',
  'device.put', 'device.delete', 'device.key', 'live.broadcast', 'live.mounts',
  // Relays (tiếp âm): a source saved or deleted, the relay list replaced.
  'source.put', 'source.delete', 'relay.put',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What a change is about: `target=TYPE` or `target=TYPE:ID` in GET /api/audit. */
export const AUDIT_TARGET_TYPES = ['item', 'zone', 'topic', 'policy', 'pin', 'plan', 'programme', 'user', 'token', 'demo', 'emergency', 'cap', 'device', 'live', 'source', 'relay'] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

/** The nouns of the actions, for `action=NOUN` (every action of it). */
export const AUDIT_ACTION_NOUNS: readonly string[] = [...new Set(AUDIT_ACTIONS.map((a) => a.split('.')[0]!))];

/**
 * Who made a change: a signed-in user (by id; the name they had then is kept with the row), a name
 * tried at the login that matches no user, the `loa` command line, or the daemon on its own.
 */
export type AuditActor = { id: string; username?: string } | { id: null; username: string } | 'cli' | 'system';

export interface AuditTarget {
  type: AuditTargetType;
  id?: string | null;
}

/** What a row may say besides who, what and before/after. */
export interface AuditExtra {
  /** Zones the change reached beyond its target (a plan's, a play-now's with their groups, a pin's). */
  zones?: readonly string[];
  /** The client's address (logins). */
  address?: string | null;
  note?: string | null;
  /** For an item change: the item whose newest history entry (just written, same transaction) the row points to. */
  itemEventOf?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** JSON with object keys sorted, so two values compare equal whatever order their fields were built in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isRecord(value)) {
    const fields = Object.keys(value).filter((k) => value[k] !== undefined).sort();
    return `{${fields.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Whether two JSON values are the same (a change that changes nothing is not recorded by bulk writers). */
export const sameValue = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

/**
 * When both sides are objects, only the fields that differ (a PUT of a whole zone says that its
 * windows changed, not every field it sent again). Compared before redaction, so a changed stream
 * key still shows its output as changed, hidden on both sides.
 */
function changedFields(before: unknown, after: unknown): [unknown, unknown] {
  if (!isRecord(before) || !isRecord(after)) return [before, after];
  const b: Record<string, unknown> = {}, a: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (sameValue(before[key], after[key])) continue;
    if (key in before) b[key] = before[key];
    if (key in after) a[key] = after[key];
  }
  return [b, a];
}

const toJson = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(redactSecrets(value)));

/**
 * The one writer of the append-only audit log (decisions §12). Services call `record` inside the
 * transaction of the change itself, so a change and its row are saved together or not at all.
 */
export function createAuditLog(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  function actorOf(actor: AuditActor): { actorId: string | null; actorName: string } {
    if (actor === 'cli' || actor === 'system') return { actorId: null, actorName: actor };
    if (actor.id === null) return { actorId: null, actorName: actor.username };
    return { actorId: actor.id, actorName: actor.username ?? findUserById(db, actor.id)?.username ?? actor.id };
  }

  return {
    /** Appends one row: who, what, on what, the fields before and after (secrets redacted); returns its id. */
    record(actor: AuditActor, action: AuditAction, target: AuditTarget, before: unknown, after: unknown, extra: AuditExtra = {}): number {
      const [b, a] = changedFields(before, after);
      return insertAuditRow(db, {
        at: clock.now(),
        ...actorOf(actor),
        action,
        targetType: target.type,
        targetId: target.id ?? null,
        zones: [...new Set(extra.zones ?? [])],
        address: extra.address ?? null,
        itemEventId: extra.itemEventOf === undefined ? null : lastItemEventId(db, extra.itemEventOf),
        note: extra.note ? redactUrlPasswords(extra.note) : null,
        before: toJson(b),
        after: toJson(a),
      });
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
