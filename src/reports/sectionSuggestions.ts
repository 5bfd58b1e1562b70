/**
 * Difficulties Loa suggests from the devices section and the CAP alerts (suggestions.ts offers them
 * with the others): clusters that were not working, and alerts that could not air. Pure.
 */
import type { NumberFormats } from './htmlParts.ts';
import type { Lang } from './labels.ts';
import { label } from './labels.ts';
import type { MonthlyReport } from './model.ts';
import { CAP_REASON_LABELS, SECTION_SUGGEST as S } from './sectionLabels.ts';
import type { Suggestion } from './suggestions.ts';

/** Most clusters or alerts a sentence names before it says "and N more". */
const MAX_NAMED = 4;

const list = (names: readonly string[], lang: Lang, fmt: NumberFormats) =>
  names.length > MAX_NAMED
    ? `${names.slice(0, MAX_NAMED).join(', ')}, ${label(S.more, lang, { n: fmt.int(names.length - MAX_NAMED) })}`
    : names.join(', ');

/** Keys 'devices' (monitored clusters below the working share) and 'cap-failed' (alerts that could not air). */
export function sectionSuggestions(r: MonthlyReport, lang: Lang, fmt: NumberFormats): Suggestion[] {
  const out: Suggestion[] = [];
  const devices = r.devices;
  if (devices) {
    const failing = devices.zones
      .flatMap((z) => z.devices.filter((d) => d.working === false).map((d) => ({ z, d })))
      .sort((a, b) => (a.d.onlineShare ?? 0) - (b.d.onlineShare ?? 0))
      .map(({ z, d }) => label(S.device, lang, { name: d.name, zone: z.name, online: fmt.pct(d.onlineShare ?? 0) }));
    if (failing.length > 0) {
      out.push({
        key: 'devices',
        text: label(S.devices, lang, {
          n: fmt.int(failing.length), monitored: fmt.int(devices.totals.monitored), share: fmt.pct(devices.workingShare), list: list(failing, lang, fmt),
        }),
      });
    }
  }
  const failed = (r.cap?.alerts ?? []).filter((a) => a.journey.some((s) => s.step === 'failed') && !a.journey.some((s) => s.step === 'aired'));
  if (failed.length > 0) {
    const reasonOf = (code: string | null | undefined) => (code && CAP_REASON_LABELS[code] ? label(CAP_REASON_LABELS[code], lang) : (code ?? ''));
    const names = failed.map((a) => label(S.capAlert, lang, { identifier: a.identifier, reason: reasonOf(a.journey.find((s) => s.step === 'failed')?.reason) }));
    out.push({ key: 'cap-failed', text: label(S.capFailed, lang, { n: fmt.int(failed.length), list: list(names, lang, fmt) }) });
  }
  return out;
}
