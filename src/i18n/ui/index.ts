import type { Lang } from '../messages.ts';
import { MESSAGES } from '../messages.ts';
import { common } from './common.ts';
import { dashboard } from './dashboard.ts';
import { library } from './library.ts';
import { review } from './review.ts';
import { schedule } from './schedule.ts';
import { zones } from './zones.ts';
import { topics } from './topics.ts';
import { policy } from './policy.ts';
import { airtime } from './airtime.ts';
import { reports } from './reports.ts';
import { users } from './users.ts';
import { audit } from './audit.ts';
import { live } from './live.ts';
import { relays } from './relays.ts';

/**
 * The admin page's words, one catalogue per screen, all in Vietnamese and English. The page gets
 * them together with the API's own messages (`/ui/messages.json`), so an error the API sends and the
 * label beside it come from one place and never mix the two languages.
 */
export type UiCatalogue = Record<string, Record<Lang, string>>;

const SCREENS: UiCatalogue[] = [common, dashboard, library, review, schedule, zones, topics, policy, airtime, reports, users, audit, live, relays];

/** Every UI and API sentence in one language, keyed by code (API codes are prefixed `api.`). */
export function uiMessages(lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const catalogue of SCREENS) for (const [key, text] of Object.entries(catalogue)) out[key] = text[lang];
  for (const [code, text] of Object.entries(MESSAGES)) out[`api.${code}`] = text[lang];
  return out;
}

/** Keys defined twice, or missing a language: the catalogue test fails on either. */
export function catalogueProblems(): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const catalogue of SCREENS) {
    for (const [key, text] of Object.entries(catalogue)) {
      if (seen.has(key)) problems.push(`${key}: defined twice`);
      seen.add(key);
      if (!text.vi?.trim() || !text.en?.trim()) problems.push(`${key}: missing a language`);
    }
  }
  return problems;
}
