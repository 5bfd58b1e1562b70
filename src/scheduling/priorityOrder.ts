/**
 * The operator's order of priority items (issue 10 "Priority"): several priority items in one
 * window air in this order (the planner's operatorOrder.ts). Reading it lists the approved
 * priority items as the planner takes them; setting it is audited and replans as a station change does.
 */
import { createAuditLog, type AuditActor } from '../audit/auditLog.ts';
import type { Clock } from '../clock.ts';
import { formatInstant } from '../domain/time.ts';
import { ApiError } from '../errors.ts';
import type { Db } from '../storage/db.ts';
import { listItemsInStatus, setPriorityOrder, type ItemRecord } from '../storage/items.ts';
import type { StationEvents } from '../stationEvents.ts';

/** One approved priority item in the operator's order. */
export interface PriorityOrderEntry {
  id: string;
  title: string;
  durationMs: number | null;
  /** ISO instants in station time; null when unbounded. */
  validFrom: string | null;
  validUntil: string | null;
  /** Its place in the operator's order (1 first), or null: after the ordered items, in rotation order. */
  order: number | null;
  /** True when its validity has ended (it airs no more, whatever its place). */
  expired: boolean;
}

/**
 * The planner's first order of priority items: the operator's order, then freshest (approval, else
 * upload) first, then by id (library.ts freshFirstByRank).
 */
function byPlannerOrder(a: ItemRecord, b: ItemRecord): number {
  const oa = a.priorityOrder ?? Infinity;
  const ob = b.priorityOrder ?? Infinity;
  if (oa !== ob) return oa < ob ? -1 : 1;
  const fresh = (b.approvedAt ?? b.createdAt) - (a.approvedAt ?? a.createdAt);
  return fresh || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Reads and sets the operator's order of the approved priority items. */
export function createPriorityOrder(deps: { db: Db; clock: Clock; tz: string; events: StationEvents }) {
  const { db, clock, tz, events } = deps;
  const audit = createAuditLog({ db, clock });
  const approvedPriority = () => listItemsInStatus(db, ['approved']).filter((i) => i.priority === 'priority').sort(byPlannerOrder);
  const iso = (ms: number | null) => (ms === null ? null : formatInstant(ms, tz));

  /** The approved priority items, ordered ones first by their order, then as the planner takes the others. */
  const list = (): PriorityOrderEntry[] => {
    const now = clock.now();
    return approvedPriority().map((i) => ({
      id: i.id, title: i.title, durationMs: i.durationMs, validFrom: iso(i.validFrom), validUntil: iso(i.validUntil),
      order: i.priorityOrder ?? null, expired: i.validUntil !== null && i.validUntil <= now,
    }));
  };

  return {
    list,

    /**
     * Sets the order: the listed items 1, 2, 3…, every other item none. Every id must be an approved
     * priority item, listed once (else a 400 naming the entry, nothing changed). Saved with its audit
     * row in one transaction; then the station changes, so the programme is replanned (debounced).
     */
    set(ids: string[], actor: AuditActor): PriorityOrderEntry[] {
      const allowed = new Set(approvedPriority().map((i) => i.id));
      const seen = new Map<string, number>();
      ids.forEach((id, index) => {
        const field = { field: `body.items.${index}` };
        if (!allowed.has(id)) throw new ApiError(400, 'priority-order-not-priority', { index, id }, [{ ...field, problem: 'not an approved priority item' }]);
        const first = seen.get(id);
        if (first !== undefined) throw new ApiError(400, 'priority-order-duplicate', { index, id, first }, [{ ...field, problem: `repeats items.${first}` }]);
        seen.set(id, index);
      });
      db.transaction(() => {
        const before = approvedPriority().filter((i) => i.priorityOrder != null).map((i) => i.id);
        setPriorityOrder(db, ids);
        audit.record(actor, 'priority.order', { type: 'plan' }, { items: before }, { items: ids });
      })();
      // A planning setting, like the policy: the replanner listens for station changes.
      events.emit('station:changed', { what: 'policy', id: null });
      return list();
    },
  };
}

export type PriorityOrder = ReturnType<typeof createPriorityOrder>;
