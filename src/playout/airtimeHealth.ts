import { formatInstant } from '../domain/time.ts';
import { translate, type MessageCode } from '../i18n/messages.ts';

/** The airtime log's writes as health checks see them: an alarm while any play is not yet in the database. */
export interface AirtimeLogStatus {
  /** True when nothing is waiting to be written. */
  ok: boolean;
  /** Writes (a row's start, a row's end) kept in memory because the database refused them. */
  pending: number;
  /** Failed write attempts since start (never goes down). */
  failures: number;
  lastError: string | null;
  lastErrorAt: number | null;
  /** When the alarm was raised: the first failure of the writes now pending (null when none are). */
  pendingSince: number | null;
}

/** The status with a sentence for operators (Vietnamese, and English), for /healthz and zone health. */
export interface AirtimeHealth extends AirtimeLogStatus {
  message: string | null;
  messageEn: string | null;
}

/**
 * The journal's status with the operators' sentence while writes are pending (its instant in station
 * time `tz`); what /healthz (503 "degraded" while not ok), zone health and /metrics show.
 */
export function airtimeHealth(s: AirtimeLogStatus, tz: string): AirtimeHealth {
  if (s.ok) return { ...s, message: null, messageEn: null };
  const params = problemParams(s, tz);
  return { ...s, message: translate('airtime-log-pending', 'vi', params), messageEn: translate('airtime-log-pending', 'en', params) };
}

/** A failing health check's answer, in the shape of system/health.ts's CheckResult. */
type AirtimeCheckResult =
  | { ok: true; details: Record<string, unknown> }
  | { ok: false; problems: [{ code: MessageCode; params: Record<string, string | number> }]; details: Record<string, unknown> };

/**
 * The airtime log as a `/healthz` check (system/health.ts): failing, so /healthz answers 503
 * "degraded" with the catalogue sentence, while any write waits for the database. Register it with
 * `app.health.register('airtimeLog', airtimeLogCheck(() => playout.airtimeHealth(), tz))`.
 */
export function airtimeLogCheck(status: () => AirtimeLogStatus, tz: string): () => AirtimeCheckResult {
  return () => {
    const s = status();
    const details = { pending: s.pending, failures: s.failures, lastError: s.lastError, pendingSince: s.pendingSince === null ? null : formatInstant(s.pendingSince, tz) };
    if (s.ok) return { ok: true, details };
    return { ok: false, problems: [{ code: 'airtime-log-pending', params: problemParams(s, tz) }], details };
  };
}

function problemParams(s: AirtimeLogStatus, tz: string): Record<string, string | number> {
  return { pending: s.pending, since: s.pendingSince === null ? '?' : formatInstant(s.pendingSince, tz), error: s.lastError ?? '?' };
}
