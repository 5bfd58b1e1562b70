// The live event stream (/api/events, Server-Sent Events): one connection shared by every screen.
import { useEffect } from 'preact/hooks';

let source = null;
const listeners = new Map();

function connect() {
  if (source) return;
  source = new EventSource('/api/events');
  for (const [type, set] of listeners) for (const fn of set) source.addEventListener(type, fn);
}

/** Closes the stream (at logout). */
export function closeEvents() {
  source?.close();
  source = null;
}

/** Calls `handler(data)` for each event of `type` while the component is mounted. */
export function useLiveEvent(type, handler, deps = []) {
  useEffect(() => {
    const fn = (e) => handler(JSON.parse(e.data));
    if (!listeners.has(type)) listeners.set(type, new Set());
    listeners.get(type).add(fn);
    connect();
    source.addEventListener(type, fn);
    return () => {
      listeners.get(type)?.delete(fn);
      source?.removeEventListener(type, fn);
    };
  }, deps);
}
