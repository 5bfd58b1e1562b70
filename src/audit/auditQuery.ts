import { z } from 'zod';
import { addDays, isLocalDate, parseInstant, zonedInstant } from '../domain/time.ts';
import { validationError } from '../errors.ts';
import type { AuditQuery } from '../storage/audit.ts';
import { AUDIT_ACTION_NOUNS, AUDIT_ACTIONS, AUDIT_TARGET_TYPES } from './auditLog.ts';

/**
 * The filters of GET /api/audit as they come in the query string. Unknown parameters are refused
 * (a misspelt filter would otherwise widen the answer without a word); `lang` is the page's language.
 */
export const AuditQueryString = z
  .object({
    from: z.string().max(40).optional(),
    to: z.string().max(40).optional(),
    actor: z.string().trim().min(1).max(64).optional(),
    action: z.string().trim().min(1).max(64).optional(),
    target: z.string().trim().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
    lang: z.string().optional(),
  })
  .strict();
export type AuditQueryString = z.infer<typeof AuditQueryString>;

const WHEN = 'must be a date YYYY-MM-DD or an instant with its offset (2026-12-03T08:00:00+07:00)';

/**
 * Turns the query string into storage filters, or a 400 naming every bad field: a `from` date is the
 * start of that station day, a `to` date its end (both days included); an `action` is one action or
 * a noun (every action of it); a `target` is TYPE or TYPE:ID.
 */
export function parseAuditQuery(q: AuditQueryString, tz: string): AuditQuery {
  const issues: { path: string[]; message: string }[] = [];
  const bad = (field: string, message: string) => issues.push({ path: ['querystring', field], message });
  const instant = (field: 'from' | 'to', text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    if (isLocalDate(text)) return zonedInstant(field === 'from' ? text : addDays(text, 1), 0, tz);
    const ms = parseInstant(text);
    if (ms === null) return void bad(field, WHEN);
    return field === 'from' ? ms : ms + 1;
  };
  const fromMs = instant('from', q.from);
  const toMs = instant('to', q.to);
  if (fromMs !== undefined && toMs !== undefined && toMs <= fromMs) bad('to', `is before from ${q.from}`);

  let action: AuditQuery['action'];
  if (q.action !== undefined) {
    if ((AUDIT_ACTIONS as readonly string[]).includes(q.action)) action = { exact: q.action };
    else if (AUDIT_ACTION_NOUNS.includes(q.action)) action = { noun: q.action };
    else bad('action', `is not an action: use one of ${AUDIT_ACTION_NOUNS.join(', ')} or one of their actions (${AUDIT_ACTIONS.join(', ')})`);
  }

  let target: AuditQuery['target'];
  if (q.target !== undefined) {
    const colon = q.target.indexOf(':');
    const type = colon < 0 ? q.target : q.target.slice(0, colon);
    const id = colon < 0 ? undefined : q.target.slice(colon + 1);
    if (!(AUDIT_TARGET_TYPES as readonly string[]).includes(type)) bad('target', `must be TYPE or TYPE:ID, TYPE one of ${AUDIT_TARGET_TYPES.join(', ')}`);
    else if (id === '') bad('target', 'has an empty id after the colon');
    else target = { type, ...(id !== undefined && { id }) };
  }

  if (issues.length) throw validationError(issues);
  return {
    ...(fromMs !== undefined && { fromMs }),
    ...(toMs !== undefined && { toMs }),
    ...(q.actor !== undefined && { actor: q.actor }),
    ...(action && { action }),
    ...(target && { target }),
    limit: q.limit,
    offset: q.offset,
  };
}
