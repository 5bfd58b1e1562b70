/**
 * The words a ward adds to the monthly figures before it sends the report upward (seed 001: "kết quả,
 * vướng mắc, khó khăn"), and the state of the report as a document: a draft, or a finalized version
 * frozen with who finalized it and when. One zod schema per shape, types inferred.
 */
import { z } from 'zod';

/** One line: no control characters (a number, a place, a name, a recipient). */
const line = (max: number) =>
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
  z.string().trim().max(max).regex(/^[^\u0000-\u001f\u007f]*$/, 'must be one line without control characters');

/** Paragraphs: line breaks and tabs allowed, no other control characters. */
const text = (max: number) =>
  // eslint-disable-next-line no-control-regex -- control characters (but line breaks and tabs) are what this refuses
  z.string().max(max).regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, 'must not contain control characters');

/** Who signs: the title may take two lines ("KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"). */
export const Signer = z.object({
  name: line(100),
  title: text(200).refine((s) => s.split('\n').length <= 3, 'at most three lines'),
});
export type Signer = z.infer<typeof Signer>;

/** The report's own words. Empty strings and lists mean "not written": empty sections are left out. */
export const ReportNarrative = z.object({
  /** "15/BC-UBND"; printed after "Số:". */
  number: line(60),
  /** The place of the date line ("Hải Dương, ngày … tháng … năm …"). */
  place: line(100),
  /** The superior body printed above the station in the letterhead ("UBND PHƯỜNG HẢI DƯƠNG"). */
  authority: line(200),
  /** "Đánh giá chung": paragraphs separated by line breaks. */
  assessment: text(20_000),
  /** "Khó khăn, vướng mắc": one entry per difficulty. */
  difficulties: z.array(line(2_000).min(1)).max(50),
  /** "Đề xuất, kiến nghị": paragraphs separated by line breaks. */
  proposals: text(20_000),
  signer: Signer,
  /** "Nơi nhận", one recipient per entry; the last is usually "Lưu: VT". */
  recipients: z.array(line(200).min(1)).max(30),
  /** Keys of the suggested difficulties the operator took in or dropped (so they are not offered again). */
  handledSuggestions: z.array(z.string().max(200)).max(500),
});
export type ReportNarrative = z.infer<typeof ReportNarrative>;

/** Body of PUT /api/reports/monthly/:month/draft: the fields sent replace those of the draft, the others stay. */
export const DraftPatch = z.strictObject({
  number: ReportNarrative.shape.number.optional(),
  place: ReportNarrative.shape.place.optional(),
  authority: ReportNarrative.shape.authority.optional(),
  assessment: ReportNarrative.shape.assessment.optional(),
  difficulties: ReportNarrative.shape.difficulties.optional(),
  proposals: ReportNarrative.shape.proposals.optional(),
  signer: z.strictObject(Signer.shape).optional(),
  recipients: ReportNarrative.shape.recipients.optional(),
  handledSuggestions: ReportNarrative.shape.handledSuggestions.optional(),
});
export type DraftPatch = z.infer<typeof DraftPatch>;

/** A month with nothing written yet. */
export const EMPTY_NARRATIVE: ReportNarrative = {
  number: '',
  place: '',
  authority: '',
  assessment: '',
  difficulties: [],
  proposals: '',
  signer: { name: '', title: '' },
  recipients: [],
  handledSuggestions: [],
};

/**
 * The draft with a patch applied. Text is stored in Unicode NFC (a Vietnamese letter typed as a base
 * letter plus combining marks reads back as the one letter) with "\n" line ends.
 */
export function applyDraftPatch(draft: ReportNarrative, patch: DraftPatch): ReportNarrative {
  const clean = (s: string) => s.normalize('NFC').replace(/\r\n?/g, '\n');
  const cleanTrim = (s: string) => clean(s).trim();
  const merged: ReportNarrative = { ...draft, ...patch, signer: patch.signer ?? draft.signer };
  return {
    number: cleanTrim(merged.number),
    place: cleanTrim(merged.place),
    authority: cleanTrim(merged.authority),
    assessment: clean(merged.assessment).trim(),
    difficulties: merged.difficulties.map(cleanTrim),
    proposals: clean(merged.proposals).trim(),
    signer: { name: cleanTrim(merged.signer.name), title: cleanTrim(merged.signer.title) },
    recipients: merged.recipients.map(cleanTrim),
    handledSuggestions: [...new Set(merged.handledSuggestions)],
  };
}

/** A finalized version as listed beside a report. Instants are ISO 8601 in station time. */
export const VersionSummary = z.object({
  version: z.number().int().min(1),
  finalizedAt: z.string(),
  finalizedBy: z.object({ id: z.string(), name: z.string() }),
  /** Why a reissue replaced the version before it (null for version 1). */
  reason: z.string().nullable(),
});
export type VersionSummary = z.infer<typeof VersionSummary>;

/**
 * The report as a document: the `document` member of GET /api/reports/monthly. A draft carries the
 * working narrative and live figures; a finalized version its frozen narrative and figures.
 */
export const DocumentState = z.object({
  status: z.enum(['draft', 'finalized']),
  /** The version shown (null for a draft). */
  version: z.number().int().nullable(),
  finalizedAt: z.string().nullable(),
  finalizedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  reason: z.string().nullable(),
  narrative: ReportNarrative,
  /** Every finalized version of the month (and scope), oldest first. */
  versions: z.array(VersionSummary),
});
export type DocumentState = z.infer<typeof DocumentState>;

/** The document state of a month nobody has drafted or finalized. */
export function draftState(narrative: ReportNarrative = EMPTY_NARRATIVE, versions: VersionSummary[] = []): DocumentState {
  return { status: 'draft', version: null, finalizedAt: null, finalizedBy: null, reason: null, narrative, versions };
}

/** Paragraphs of a narrative text (blank lines and surrounding spaces dropped). */
export function paragraphsOf(s: string): string[] {
  return s.split('\n').map((p) => p.trim()).filter((p) => p !== '');
}
