import type { Role } from '../domain/user.ts';

/**
 * The role matrix (documented in README.md). Each action lists the roles allowed to do it;
 * `admin` may do everything.
 */
export const PERMISSIONS = {
  'items:read': ['reviewer', 'operator', 'submitter'],
  'items:upload': ['reviewer', 'operator', 'submitter'],
  'items:edit': ['operator', 'submitter'],
  'items:archive': ['operator'],
  'items:review': ['reviewer'],
  'station:read': ['reviewer', 'operator'],
  'station:edit': ['operator'],
  'plan:run': ['operator'],
  'playout:control': ['operator'],
  /** Air (and cancel) an emergency bulletin: the trigger is the approval of its content (decisions §4). */
  'emergency:trigger': ['reviewer'],
  /** Speak live to the zones from a source client or the admin page (decisions §4: reviewer and admin). */
  'live:broadcast': ['reviewer'],
  'airtime:read': ['reviewer', 'operator'],
  'reports:read': ['reviewer', 'operator'],
  /** Write the monthly report's words (assessment, difficulties, proposals, signatory…): operators draft. */
  'reports:draft': ['operator'],
  /** Freeze the monthly report as sent, and reissue it: the culture office signs off. */
  'reports:finalize': ['reviewer'],
  'users:manage': [],
  /** The audit log (who changed what): the admin and reviewers, who oversee; not those whose work it records day to day. */
  'audit:read': ['reviewer'],
  /** Post a CAP alert (it airs in the sender's name): the admin, or a token of the admin's scoped to it for a warning feed. */
  'cap:post': [],
  /** Read the CAP alerts received, their journeys and the CAP settings. */
  'cap:read': ['reviewer', 'operator'],
  /** Choose the CAP feeds (their alerts air in the saver's name) and the level table: the admin. */
  'cap:manage': [],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return role === 'admin' || (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Every permission of a role (the admin page offers only what the role may do). */
export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(role, p));
}

/** Submitters see and edit only what their unit (or they themselves) submitted. */
export function seesOnlyOwnItems(role: Role): boolean {
  return role === 'submitter';
}

/** Whether a user may see (and, with items:edit, change) an item: submitters only their unit's or their own. */
export function canSeeItem(
  user: { id: string; role: Role; unit: string | null },
  item: { submittedBy: string | null; unit: string | null },
): boolean {
  if (!seesOnlyOwnItems(user.role)) return true;
  return item.submittedBy === user.id || (user.unit !== null && item.unit === user.unit);
}
