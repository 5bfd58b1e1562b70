// The microphone side of «Phát trực tiếp»: asks for the microphone, measures how loud it hears
// (Web Audio), records Opus in 100 ms chunks (MediaRecorder) and carries them over the daemon's
// WebSocket (a one-time ticket from POST /api/live/sessions; the protocol is src/live/micConnection.ts).
import { useEffect, useRef, useState } from 'preact/hooks';
import { post } from '../../lib/api.js';
import { currentLang, t } from '../../lib/i18n.js';

/** Seconds counted down, visibly, between the daemon holding the zones and the first word on air. */
const COUNTDOWN = 3;
/** MediaRecorder's chunk length: the daemon's prebuffer (~400 ms) covers a few late ones. */
const CHUNK_MS = 100;
/** How often the level meter reads the microphone. */
const METER_MS = 100;
/** Above this the meter counts the microphone as hearing something (0–1, see levelOf). */
export const HEARD_LEVEL = 0.15;

/** A failure the page explains in its own words: its catalogue key. */
class MicProblem extends Error {
  constructor(key, params = {}) {
    super(t(key, params));
    this.key = key;
  }
}

/** The container this browser records Opus in, as the API names it, or null. */
function recordingFormat() {
  if (typeof MediaRecorder === 'undefined') return null;
  if (MediaRecorder.isTypeSupported('audio/webm;codecs=opus')) return { format: 'webm', mimeType: 'audio/webm;codecs=opus' };
  if (MediaRecorder.isTypeSupported('audio/ogg;codecs=opus')) return { format: 'ogg', mimeType: 'audio/ogg;codecs=opus' };
  return null;
}

/** The microphone's stream; rejects with a MicProblem saying why not (plain http, refused, none, in use). */
async function openMicrophone() {
  // Browsers give the microphone only to secure pages (https, or localhost).
  if (!window.isSecureContext || !navigator.mediaDevices?.getUserMedia) throw new MicProblem('live.error.insecure');
  try {
    return await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true } });
  } catch (err) {
    const name = err?.name;
    if (name === 'NotAllowedError' || name === 'SecurityError') throw new MicProblem('live.error.denied');
    if (name === 'NotFoundError' || name === 'OverconstrainedError') throw new MicProblem('live.error.noMic');
    if (name === 'NotReadableError' || name === 'AbortError') throw new MicProblem('live.error.micBusy');
    throw new MicProblem('live.error.micFailed', { reason: name || String(err) });
  }
}

/** Loudness of the stream from 0 (−60 dBFS or less) to 1 (full scale), read on demand. */
function levelMeter(stream) {
  const ctx = new AudioContext();
  const source = ctx.createMediaStreamSource(stream);
  const analyser = ctx.createAnalyser();
  analyser.fftSize = 1024;
  source.connect(analyser);
  ctx.resume().catch(() => {});
  const samples = new Float32Array(analyser.fftSize);
  return {
    level() {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const x of samples) sum += x * x;
      const db = 20 * Math.log10(Math.sqrt(sum / samples.length) || 1e-9);
      return Math.min(1, Math.max(0, (db + 60) / 60));
    },
    close() {
      source.disconnect();
      ctx.close().catch(() => {});
    },
  };
}

/** The socket's address for the ticket's path: this host, ws or wss as the page, in the page's language. */
function socketUrl(path) {
  const url = new URL(path, location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('lang', currentLang());
  return url.href;
}

const IDLE = { phase: 'idle', count: COUNTDOWN, air: null, since: 0, level: 0, heardAt: 0, error: null, result: null };

/**
 * One live broadcast from this browser at a time. `phase`: idle → asking (the microphone) →
 * connecting → countdown (`count`) → live (`since`, `air`: queued or on-air and where) → stopping →
 * done (`result`: the kept item) or back to idle with `error` in words. `level` (0–1) moves with the
 * microphone from `asking` on; `heardAt` is when it last heard something.
 */
export function useLiveMic() {
  const [state, setState] = useState(IDLE);
  const run = useRef(null); // { stream, meter, socket, recorder, timers } of the broadcast under way
  const patch = (p) => setState((s) => ({ ...s, ...p }));

  /** Lets go of the microphone and the timers; a run is current until then. */
  function release(r) {
    if (run.current === r) run.current = null;
    r.timers.forEach(clearInterval);
    r.meter?.close();
    r.stream?.getTracks().forEach((track) => track.stop());
  }

  function fail(r, err) {
    if (run.current !== r) return;
    if (r.recorder?.state === 'recording') r.recorder.stop();
    r.socket?.close(1000);
    release(r);
    patch({ ...IDLE, error: err });
  }

  function countdown(r, rec) {
    let n = COUNTDOWN;
    patch({ phase: 'countdown', count: n });
    const timer = setInterval(() => {
      if (--n > 0) return patch({ count: n });
      clearInterval(timer);
      r.recorder = new MediaRecorder(r.stream, { mimeType: rec.mimeType, audioBitsPerSecond: 64000 });
      r.recorder.ondataavailable = (e) => e.data.size && r.socket.readyState === WebSocket.OPEN && r.socket.send(e.data);
      // After the last chunk: the daemon ends the broadcast once it has all of it.
      r.recorder.onstop = () => r.socket.readyState === WebSocket.OPEN && r.socket.send(JSON.stringify({ type: 'stop' }));
      r.recorder.start(CHUNK_MS);
      patch({ phase: 'live', since: Date.now() });
    }, 1000);
    r.timers.push(timer);
  }

  function connect(r, url, rec) {
    r.socket = new WebSocket(socketUrl(url));
    r.socket.onmessage = (e) => {
      if (run.current !== r || typeof e.data !== 'string') return;
      const m = JSON.parse(e.data);
      if (m.type === 'ready') countdown(r, rec);
      else if (m.type === 'queued' || m.type === 'on-air') patch({ air: m });
      else if (m.type === 'error') fail(r, new Error(m.message));
      else if (m.type === 'ended') {
        release(r);
        patch({ ...IDLE, phase: 'done', result: m });
      }
    };
    // Closed without a word (network down, server gone): what was said is kept on the server.
    r.socket.onclose = () => fail(r, new MicProblem('live.error.lost'));
  }

  async function start(zones, level) {
    const r = { timers: [] };
    run.current = r;
    patch({ ...IDLE, phase: 'asking' });
    try {
      const rec = recordingFormat();
      if (!rec) throw new MicProblem('live.error.unsupported');
      r.stream = await openMicrophone();
      if (run.current !== r) return release(r); // stopped while the browser asked
      r.meter = levelMeter(r.stream);
      r.timers.push(setInterval(() => {
        const value = r.meter.level();
        patch(value >= HEARD_LEVEL ? { level: value, heardAt: Date.now() } : { level: value });
      }, METER_MS));
      patch({ phase: 'connecting', heardAt: Date.now() });
      const session = await post('/api/live/sessions', { zones, level, format: rec.format });
      if (run.current !== r) return release(r);
      connect(r, session.url, rec);
    } catch (err) {
      fail(r, err);
    }
  }

  /** «Dừng»: on air, the last chunk goes and the daemon keeps the recording; before it, everything is dropped. */
  function stop() {
    const r = run.current;
    if (!r) return;
    if (r.recorder?.state === 'recording') {
      patch({ phase: 'stopping' });
      r.recorder.stop();
    } else {
      r.socket?.close(1000);
      release(r);
      patch(IDLE);
    }
  }

  // Leaving the page ends the broadcast (the socket closes; the daemon keeps what it got).
  useEffect(() => () => {
    const r = run.current;
    if (!r) return;
    r.socket?.close(1000);
    release(r);
  }, []);

  return { ...state, start, stop };
}
