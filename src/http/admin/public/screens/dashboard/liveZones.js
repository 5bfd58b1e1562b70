// The zones as they are now, kept live: the SSE stream says when an item starts or ends (or goes
// silent); a slow poll catches what sends no event (an output going down, a zone added elsewhere).
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { get } from '../../lib/api.js';
import { useLiveEvent } from '../../lib/events.js';
import { todayLocal } from '../../lib/format.js';

const POLL_MS = 15_000;

/** GET /api/zones/:id/now, stamped with when it arrived (the progress bar runs on from there). */
async function fetchNow(zoneId) {
  const now = await get(`/api/zones/${encodeURIComponent(zoneId)}/now`);
  return { ...now, receivedAt: performance.now() };
}

/**
 * { zones, nowByZone, playoutOn, error, loading, refresh(zoneIds?) }: the zones with what each airs,
 * its next item and its output health.
 */
export function useLiveZones() {
  const [state, setState] = useState({ zones: null, nowByZone: {}, playoutOn: true, error: null });
  const zonesRef = useRef(null);

  const refresh = useCallback(async (zoneIds) => {
    // An event before the first full load: that load brings the zone anyway.
    if (zoneIds && !zonesRef.current) return;
    try {
      let zones = zonesRef.current;
      let playoutOn;
      if (!zoneIds) {
        const [list, health] = await Promise.all([get('/api/zones'), get('/api/health/zones')]);
        zones = zonesRef.current = list.zones;
        playoutOn = health.playout !== false;
      }
      const ids = (zoneIds ?? zones.map((z) => z.id)).filter((id) => zones.some((z) => z.id === id));
      const fresh = await Promise.all(ids.map((id) => fetchNow(id).then((now) => [id, now])));
      setState((s) => ({
        zones,
        playoutOn: playoutOn ?? s.playoutOn,
        nowByZone: zoneIds ? { ...s.nowByZone, ...Object.fromEntries(fresh) } : Object.fromEntries(fresh),
        error: null,
      }));
    } catch (error) {
      setState((s) => ({ ...s, error }));
    }
  }, []);

  useEffect(() => {
    refresh();
    const timer = setInterval(() => refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  const onPlayout = (e) => refresh(e.zones);
  useLiveEvent('item-started', onPlayout, [refresh]);
  useLiveEvent('item-ended', onPlayout, [refresh]);
  useLiveEvent('silence-alarm', onPlayout, [refresh]);

  return { ...state, loading: state.zones === null && !state.error, refresh };
}

/** Re-renders every `ms` (a progress bar that advances, a clock). */
export function useTick(ms = 1000) {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), ms);
    return () => clearInterval(timer);
  }, [ms]);
}

/** Today's local date in the station's zone, moving on at midnight while the page stays open. */
export function useToday() {
  const [today, setToday] = useState(todayLocal());
  useEffect(() => {
    const timer = setInterval(() => setToday(todayLocal()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return today;
}
