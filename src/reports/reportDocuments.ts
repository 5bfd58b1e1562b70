/**
 * The monthly report as the document a ward sends upward: a working draft of its words per month
 * (and zone), the difficulties Loa suggests from the data, and finalized versions frozen with their
 * figures. Once a month is finalized every read returns its newest version, figures and text as they
 * were sent, whatever the airtime log says later; a correction is a reissue (a new version, the old
 * ones kept).
 */
import type { Clock } from '../clock.ts';
import { formatInstant, localDate, monthOf } from '../domain/time.ts';
import { ApiError, notFound } from '../errors.ts';
import type { Localized } from '../i18n/words.ts';
import type { Db } from '../storage/db.ts';
import { listShortfalls } from '../storage/plans.ts';
import { findReportDraft, findReportVersion, insertReportVersion, listReportVersions, saveReportDraft, type VersionRecord } from '../storage/reportDocuments.ts';
import { zoneIsKnown } from '../storage/reportQueries.ts';
import { getPolicy, listZones } from '../storage/station.ts';
import { buildMonthlyReport, ReportRequestError } from './buildMonthlyReport.ts';
import type { Lang } from './labels.ts';
import { MonthlyReport, MONTH_RE, type Comparison } from './model.ts';
import { applyDraftPatch, draftState, EMPTY_NARRATIVE, ReportNarrative, type DocumentState, type DraftPatch, type VersionSummary } from './narrative.ts';
import { compareHeadlines } from './sections.ts';
import { suggestDifficulties, type Suggestion } from './suggestions.ts';

/** What the documents need: the database, the station's time zone and the clock. */
export interface ReportDocumentsDeps {
  db: Db;
  tz: string;
  clock: Clock;
}

/** A month's report for the whole station (zone null) or one zone. */
export interface ReportScope {
  month: string;
  zone: string | null;
}

/** Who drafts, finalizes or reissues. */
export interface Actor {
  id: string;
  name: string;
}

/** A report as read: its figures and its state as a document. */
export interface ReadReport {
  report: MonthlyReport;
  document: DocumentState;
}

/** GET/PUT …/draft: the working draft, the suggestions and how the month stands. */
export interface DraftView {
  month: string;
  zone: string | null;
  status: DocumentState['status'];
  draft: ReportNarrative;
  updatedAt: string | null;
  updatedBy: Actor | null;
  versions: VersionSummary[];
  /** Suggested difficulties from the live figures; `handled` when the operator took it in or dropped it. */
  suggestions: (Suggestion & { handled: boolean })[];
  /** Headline figures that moved since the newest version was finalized (live vs frozen). */
  changedSinceFinal: Comparison[];
}

/** A version just made by finalize or reissue. */
export interface FinalizedView {
  month: string;
  zone: string | null;
  version: VersionSummary;
}

const REPORT_VERSION: Localized = { vi: 'phiên bản báo cáo', en: 'report version' };

/** The month's reports as documents. Every method throws ApiError (400/404/409) for what a caller must fix. */
export function createReportDocuments(deps: ReportDocumentsDeps) {
  const { db, tz, clock } = deps;
  const key = (zone: string | null) => zone ?? '';

  /** 400 for a malformed month or one that has not come yet; the current month may be read and drafted. */
  function checkMonth(month: string): void {
    if (!MONTH_RE.test(month)) {
      throw new ReportRequestError('month', 400, 'validation-failed', { details: `month: "${month}" is not a month YYYY-MM` }, 'must be a month YYYY-MM');
    }
    if (month > currentMonth()) throw new ApiError(400, 'report-month-future', { month }, [{ field: 'month', problem: 'is in the future' }]);
  }
  const currentMonth = () => monthOf(localDate(clock.now(), tz));

  /** checkMonth, and 404 for a zone the station never had (a finalized zone report stays readable through `read`). */
  function checkScope(scope: ReportScope): void {
    checkMonth(scope.month);
    if (scope.zone !== null && !zoneIsKnown(db, scope.zone)) {
      throw new ReportRequestError('zone', 404, 'unknown-zone', { id: scope.zone }, `unknown zone "${scope.zone}"`);
    }
  }

  const summary = (v: VersionRecord): VersionSummary => ({
    version: v.version,
    finalizedAt: formatInstant(v.finalizedAt, tz),
    finalizedBy: { id: v.finalizedBy, name: v.finalizedByName },
    reason: v.reason,
  });

  function workingDraft(scope: ReportScope): { narrative: ReportNarrative; updatedAt: number | null; updatedBy: Actor | null } {
    const rec = findReportDraft(db, scope.month, key(scope.zone));
    if (!rec) return { narrative: EMPTY_NARRATIVE, updatedAt: null, updatedBy: null };
    return { narrative: ReportNarrative.parse(JSON.parse(rec.body)), updatedAt: rec.updatedAt, updatedBy: rec.updatedBy };
  }

  const live = (scope: ReportScope) =>
    buildMonthlyReport(db, { month: scope.month, zone: scope.zone ?? undefined, tz, generatedAt: clock.now() });

  function frozen(month: string, scope: string, version: number, versions: VersionRecord[]): ReadReport {
    const rec = findReportVersion(db, month, scope, version);
    if (!rec) throw notFound(REPORT_VERSION, `${month}${scope ? ` ${scope}` : ''} v${version}`);
    const s = summary(rec);
    return {
      report: MonthlyReport.parse(JSON.parse(rec.report)),
      document: {
        status: 'finalized',
        version: rec.version,
        finalizedAt: s.finalizedAt,
        finalizedBy: s.finalizedBy,
        reason: rec.reason,
        narrative: ReportNarrative.parse(JSON.parse(rec.narrative)),
        versions: versions.map(summary),
      },
    };
  }

  /** Stores the live figures and the working draft as the next version (1 for finalize). */
  function freeze(scope: ReportScope, actor: Actor, version: number, reason: string | null): FinalizedView {
    if (scope.month >= currentMonth()) throw new ApiError(409, 'report-month-open', { month: scope.month });
    const record: VersionRecord = {
      month: scope.month,
      scope: key(scope.zone),
      version,
      report: JSON.stringify(live(scope)),
      narrative: JSON.stringify(workingDraft(scope).narrative),
      finalizedBy: actor.id,
      finalizedByName: actor.name,
      finalizedAt: clock.now(),
      reason,
    };
    insertReportVersion(db, record);
    return { month: scope.month, zone: scope.zone, version: summary(record) };
  }

  function draftView(scope: ReportScope, lang: Lang): DraftView {
    const versions = listReportVersions(db, scope.month, key(scope.zone));
    const report = live(scope);
    const working = workingDraft(scope);
    const handled = new Set(working.narrative.handledSuggestions);
    const suggestions = suggestDifficulties({
      report,
      shortfalls: listShortfalls(db, { from: report.period.from, to: report.period.to, ...(scope.zone ? { zone: scope.zone } : {}) }),
      enabledZones: new Set(listZones(db).filter((z) => z.enabled).map((z) => z.id)),
      ceremonialPlanShare: getPolicy(db).ceremonialPlanShare,
      lang,
    });
    const latest = versions.at(-1);
    const changed = latest ? compareHeadlines(report.headline, frozen(scope.month, key(scope.zone), latest.version, versions).report.headline) : [];
    return {
      month: scope.month,
      zone: scope.zone,
      status: latest ? 'finalized' : 'draft',
      draft: working.narrative,
      updatedAt: working.updatedAt === null ? null : formatInstant(working.updatedAt, tz),
      updatedBy: working.updatedBy,
      versions: versions.map(summary),
      suggestions: suggestions.map((s) => ({ ...s, handled: handled.has(s.key) })),
      changedSinceFinal: changed.filter((c) => c.delta !== 0),
    };
  }

  return {
    /** The newest finalized version (or `version`), else the live figures with the working draft. */
    read(scope: ReportScope, version?: number): ReadReport {
      checkMonth(scope.month);
      const versions = listReportVersions(db, scope.month, key(scope.zone));
      const wanted = version ?? versions.at(-1)?.version;
      if (wanted !== undefined) return frozen(scope.month, key(scope.zone), wanted, versions);
      return { report: live(scope), document: draftState(workingDraft(scope).narrative) };
    },

    /** The working draft with the suggested difficulties (in `lang`). */
    draft(scope: ReportScope, lang: Lang): DraftView {
      checkScope(scope);
      // A read (a snapshot): it takes no write lock.
      return db.transaction(() => draftView(scope, lang)).deferred();
    },

    /** Applies a patch to the working draft (fields sent replace, the others stay). */
    saveDraft(scope: ReportScope, patch: DraftPatch, actor: Actor, lang: Lang): DraftView {
      checkScope(scope);
      return db.transaction(() => {
        const narrative = applyDraftPatch(workingDraft(scope).narrative, patch);
        saveReportDraft(db, { month: scope.month, scope: key(scope.zone), body: JSON.stringify(narrative), updatedBy: actor.id, updatedAt: clock.now() });
        return draftView(scope, lang);
      })();
    },

    /** Freezes the month's figures and text as version 1; 409 when it is finalized already or not over. */
    finalize(scope: ReportScope, actor: Actor): FinalizedView {
      checkScope(scope);
      return db.transaction(() => {
        const latest = listReportVersions(db, scope.month, key(scope.zone)).at(-1);
        if (latest) throw new ApiError(409, 'report-already-final', { month: scope.month, version: latest.version });
        return freeze(scope, actor, 1, null);
      })();
    },

    /** Freezes today's figures and the working draft as the next version; the old ones stay. 409 before a finalize. */
    reissue(scope: ReportScope, actor: Actor, reason: string | null): FinalizedView {
      checkScope(scope);
      return db.transaction(() => {
        const latest = listReportVersions(db, scope.month, key(scope.zone)).at(-1);
        if (!latest) throw new ApiError(409, 'report-not-final', { month: scope.month });
        return freeze(scope, actor, latest.version + 1, reason);
      })();
    },
  };
}

/** The report documents service. */
export type ReportDocuments = ReturnType<typeof createReportDocuments>;
