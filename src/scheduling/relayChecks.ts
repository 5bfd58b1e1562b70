/**
 * What the station's relay sources and relays must be before they are saved (issue 11, decisions
 * §9): a source is pulled over http(s) (an MP3/AAC stream, Icecast mounts included, or HLS); a relay
 * names a known source, known zones or groups, times that end after they start on the same day, an
 * approved fallback item or none, and never overlaps another relay on a zone they both reach. Each
 * refusal is an ApiError naming its field.
 */
import type { Relay, RelaySource } from '../domain/relay.ts';
import type { Zone } from '../domain/station.ts';
import { parseTimeOfDay } from '../domain/time.ts';
import { HIDDEN } from '../audit/redact.ts';
import { ApiError } from '../errors.ts';

/** An item as a relay's fallback needs it. */
export interface FallbackFacts {
  status: string;
}

/**
 * Refuses a source URL that cannot be pulled: anything but http(s) (file://, a bare path, ftp…), and
 * icecast:// (an address to push to, not to pull from). `field` names it in the answer.
 */
export function checkSourceUrl(url: string, field = 'body.url'): void {
  const parsed = URL.canParse(url) ? new URL(url) : null;
  if (parsed?.protocol === 'icecast:') throw new ApiError(400, 'source-url-icecast', { url }, [{ field }]);
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.hostname === '') {
    throw new ApiError(400, 'source-url-invalid', { url }, [{ field }]);
  }
  if (decodeURIComponent(parsed.password) === HIDDEN) throw new ApiError(400, 'source-url-hidden', {}, [{ field }]);
}

/** The enabled and disabled zones a relay's targets name: zone ids, group ids, "*"; a member brings its whole group. */
export function reachedZones(zones: Zone[], targets: string[]): Set<string> {
  const names = new Set(targets);
  const groups = new Set<string>();
  for (const z of zones) if (z.group && (names.has(z.id) || names.has(z.group))) groups.add(z.group);
  return new Set(zones.filter((z) => names.has('*') || names.has(z.id) || (z.group !== null && groups.has(z.group))).map((z) => z.id));
}

/**
 * Checks a whole list of relays against the station (what PUT /api/relays and a station file save);
 * `prefix` is the list's field ("body.relays").
 */
export function checkRelays(
  relays: Relay[],
  station: { zones: Zone[]; sources: RelaySource[]; item: (id: string) => FallbackFacts | undefined },
  prefix = 'body.relays',
): void {
  const sourceIds = new Set(station.sources.map((s) => s.id));
  const names = new Set(['*', ...station.zones.map((z) => z.id), ...station.zones.flatMap((z) => (z.group ? [z.group] : []))]);
  relays.forEach((r, i) => {
    const at = `${prefix}[${i}]`;
    if (relays.findIndex((o) => o.id === r.id) !== i) throw new ApiError(400, 'relay-duplicate', { id: r.id }, [{ field: `${at}.id` }]);
    if (!sourceIds.has(r.source)) throw new ApiError(400, 'unknown-source', { id: r.source }, [{ field: `${at}.source` }]);
    r.zones.forEach((z, k) => {
      if (!names.has(z)) throw new ApiError(400, 'unknown-zone', { id: z }, [{ field: `${at}.zones[${k}]` }]);
    });
    const start = parseTimeOfDay(r.start);
    const end = parseTimeOfDay(r.end);
    if (start === null || end === null || end <= start) {
      throw new ApiError(400, 'relay-times', { id: r.id, start: r.start, end: r.end }, [{ field: `${at}.end` }]);
    }
    if (r.fallbackItemId !== null) {
      const item = station.item(r.fallbackItemId);
      if (!item) throw new ApiError(400, 'relay-fallback-unknown', { id: r.id, item: r.fallbackItemId }, [{ field: `${at}.fallbackItemId` }]);
      if (item.status !== 'approved') {
        throw new ApiError(409, 'relay-fallback-not-approved', { id: r.id, item: r.fallbackItemId }, [{ field: `${at}.fallbackItemId` }]);
      }
    }
  });
  checkOverlaps(relays, station.zones, prefix);
}

/** Two relays on a zone they both reach, on a shared weekday, at overlapping times: a 400 on the later one. */
function checkOverlaps(relays: Relay[], zones: Zone[], prefix: string): void {
  const reached = relays.map((r) => reachedZones(zones, r.zones));
  relays.forEach((b, j) => {
    const bs = parseTimeOfDay(b.start)!, be = parseTimeOfDay(b.end)!;
    for (let i = 0; i < j; i++) {
      const a = relays[i]!;
      const as = parseTimeOfDay(a.start)!, ae = parseTimeOfDay(a.end)!;
      if (!(as < be && bs < ae) || !a.days.some((d) => b.days.includes(d))) continue;
      const zone = [...reached[j]!].find((z) => reached[i]!.has(z));
      if (zone !== undefined) throw new ApiError(400, 'relay-overlap', { id: b.id, other: a.id, zone }, [{ field: `${prefix}[${j}]` }]);
    }
  });
}
