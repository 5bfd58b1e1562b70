/**
 * The ceremonial cap (seed 000 §3): lễ tân, hội họp, hoạt động nội bộ must stay below the policy share
 * of the number of items aired AND of the airtime. A share at or over the cap is flagged.
 */
import type { CeremonialShare, MonthlyReport } from './model.ts';

/** Shares of ceremonial plays and airtime; 0 (not flagged) when nothing aired. */
export function ceremonialShare(
  counts: { ceremonialPlays: number; plays: number; ceremonialMs: number; airtimeMs: number },
  maxShare: number,
): CeremonialShare {
  const playShare = counts.plays > 0 ? counts.ceremonialPlays / counts.plays : 0;
  const airtimeShare = counts.airtimeMs > 0 ? counts.ceremonialMs / counts.airtimeMs : 0;
  return {
    ceremonialPlays: counts.ceremonialPlays,
    plays: counts.plays,
    playShare,
    ceremonialMs: counts.ceremonialMs,
    airtimeMs: counts.airtimeMs,
    airtimeShare,
    flagged: counts.plays > 0 && (playShare >= maxShare || airtimeShare >= maxShare),
  };
}

/** The report's ceremonial section: overall and per zone (zones listed as in the zone table). */
export function ceremonialSection(
  overall: { ceremonialPlays: number; plays: number; ceremonialMs: number; airtimeMs: number },
  zones: readonly { zone: string; name: string; ceremonialPlays: number; plays: number; ceremonialMs: number; airtimeMs: number }[],
  maxShare: number,
): MonthlyReport['ceremonial'] {
  return {
    maxShare,
    overall: ceremonialShare(overall, maxShare),
    byZone: zones.map((z) => ({ zone: z.zone, name: z.name, ...ceremonialShare(z, maxShare) })),
  };
}
