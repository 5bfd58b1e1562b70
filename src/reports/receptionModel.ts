/**
 * The report's reception section as data (decisions §2): plays that went out to no receiver, which no
 * other figure counts, and plays whose receivers are unknown (logged before Loa counted receivers, or
 * closed after a crash), which the other figures count as aired.
 */
import { z } from 'zod';

/** Unheard and unknown plays of one zone, or of all (the totals). */
const ReceptionFigures = {
  /** Went out, completed, interrupted or preempted, to no receiver: "phát nhưng không có thiết bị nhận". */
  unheardPlays: z.number().int(),
  unheardMs: z.number().int(),
  unheardMinutes: z.number(),
  /** Went out, receivers unknown: counted as aired in every other figure. */
  unknownPlays: z.number().int(),
  unknownMs: z.number().int(),
  unknownMinutes: z.number(),
};

/** A zone with unheard or unknown plays. */
export const ReceptionZone = z.object({ zone: z.string(), name: z.string(), ...ReceptionFigures });
export type ReceptionZone = z.infer<typeof ReceptionZone>;

/** The section: totals, and the zones that have any, in the report's zone order. */
export const Reception = z.object({ totals: z.object(ReceptionFigures), byZone: z.array(ReceptionZone) });
export type Reception = z.infer<typeof Reception>;
