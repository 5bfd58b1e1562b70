// The life of one new item on the library screen, shared by uploads and typed notices: it is sent
// (an upload's bytes, or text to the speech engine), then ingested on the server, which the page
// follows by asking for the item until it is ready (pending review) or failed.
import { useEffect, useRef, useState } from 'preact/hooks';
import { get } from '../../lib/api.js';

/** How often an item in ingest is asked for its state (ingest takes seconds, not milliseconds). */
const INGEST_POLL_MS = 1000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `send(isLive)` once (it resolves to the new item; `isLive()` is false once the job's element
 * is gone), then follows the item's ingest. Phases: 'sending' → 'processing' → 'ready' | 'failed';
 * 'refused' when sending failed, 'lost' when following it did. `onChanged` (the latest one) is called
 * when the item appears and when it is done, so lists refresh. Returns the state and its setter.
 */
export function useIngestJob(send, onChanged) {
  const [state, setState] = useState({ phase: 'sending', item: null, error: null });
  const changed = useRef(onChanged);
  changed.current = onChanged;
  useEffect(() => {
    let live = true;
    (async () => {
      let item;
      try {
        item = await send(() => live);
      } catch (error) {
        if (live) setState({ phase: 'refused', item: null, error });
        return;
      }
      if (!live) return;
      setState({ phase: 'processing', item, error: null });
      changed.current();
      try {
        while (live && item.status === 'processing') {
          await sleep(INGEST_POLL_MS);
          item = await get(`/api/items/${encodeURIComponent(item.id)}`);
        }
      } catch (error) {
        if (live) setState({ phase: 'lost', item, error });
        return;
      }
      if (!live) return;
      setState({ phase: item.status === 'failed' ? 'failed' : 'ready', item, error: null });
      changed.current();
    })();
    return () => { live = false; };
  }, []);
  return [state, setState];
}
