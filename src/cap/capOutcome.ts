/** What POST /api/cap answers about an alert, kept with the alert so a duplicate gets it again. */
import type { MessageCode, MessageParams } from '../i18n/messages.ts';
import type { CapAlertRecord, CapAlertState } from '../storage/capAlerts.ts';

export interface CapOutcome {
  alertId: string;
  sender: string;
  identifier: string;
  sent: string;
  status: string;
  msgType: string;
  state: CapAlertState;
  /** priority or emergency by the level table; null when it had no info (or is a Cancel). */
  level: 'priority' | 'emergency' | null;
  /** bulletin (emergency, or a test) or library (priority); null when it airs nowhere. */
  delivery: 'bulletin' | 'library' | null;
  /** The zones it was meant for (its geocodes, test zones only for Exercise/Test). */
  zones: string[];
  /** The zones that hear it (a group's every zone, decisions §3). */
  reached: string[];
  itemId: string | null;
  bulletinId: string | null;
  /** Why it airs nowhere or failed (a short code, e.g. no-zone, not-actual, expired). */
  reason: string | null;
  /** Earlier alerts this Update replaced / this Cancel stopped (their alert ids). */
  replaced: string[];
  cancelled: string[];
  /** True when the same alert (sender, identifier, sent) had arrived before: nothing was done again. */
  duplicate: boolean;
}

/** A failure as a message of the catalogue (the route renders it in the caller's language). */
export interface CapFailure {
  code: MessageCode;
  params: MessageParams;
}

export interface CapAnswer {
  status: number;
  body: CapOutcome;
  failure: CapFailure | null;
}

export const failureOf = (code: MessageCode, params: MessageParams): CapFailure => ({ code, params });

/** A full outcome from the fields a step knows (the rest empty). */
export function outcomeOf(fields: Partial<CapOutcome> & Pick<CapOutcome, 'state'>): CapOutcome {
  return {
    alertId: '', sender: '', identifier: '', sent: '', status: '', msgType: '', level: null, delivery: null, zones: [], reached: [],
    itemId: null, bulletinId: null, reason: null, replaced: [], cancelled: [], duplicate: false, ...fields,
  };
}

/** The stored answer of an alert, given again to its duplicate. */
export function duplicateOf(stored: CapAlertRecord): CapAnswer {
  const answer = stored.answer as { body?: CapOutcome; failure?: CapFailure | null };
  const body = answer.body ?? outcomeOf({ alertId: stored.id, state: stored.state });
  return { status: stored.httpStatus || 202, body: { ...body, duplicate: true }, failure: answer.failure ?? null };
}

/** The same answer marked as a duplicate's. */
export const asDuplicate = (a: CapAnswer): CapAnswer => ({ ...a, body: { ...a.body, duplicate: true } });
