/** One row of GET /api/audit, as the audit tests read it. */
export interface AuditEntry {
  id: number; at: string; actor: string; actorId: string | null; action: string; target: string; zones: string[];
  address: string | null; itemEventId: number | null; note: string | null;
  before: Record<string, unknown> | null; after: Record<string, unknown> | null;
}
