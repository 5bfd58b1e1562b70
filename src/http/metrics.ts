import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** A private Prometheus registry per daemon (no global state, so tests can build many apps). */
export interface OutputSample {
  zone: string;
  output: string;
  up: boolean;
  listeners: number | null;
  silenceAlarm: boolean;
}

/** The airtime log's writes (playout/airtimeJournal.ts): pending ones are an alarm. */
export interface AirtimeWritesSample {
  pending: number;
  failures: number;
}

/** A relay source's health as last checked (src/relay/sourceHealth.ts); reachable null: not checked yet. */
export interface RelaySourceSample {
  id: string;
  reachable: boolean | null;
  bitrateKbps: number | null;
}

/** A relay airing under way (src/relay/relayFeed.ts): whether its source is on air or the fallback (or silence) stands in. */
export interface RelayAiringSample {
  relay: string;
  source: string;
  onSource: boolean;
}

/** A head-end device's state (src/devices/deviceService.ts). */
export interface DeviceMetricSample {
  device: string;
  zone: string;
  kind: string;
  state: 'online' | 'offline' | 'not-monitored';
}

export function createMetrics(collectors: {
  itemsByStatus: () => Record<string, number>;
  ingestQueueSize: () => number;
  /** Zone outputs' health (empty until playout starts). */
  outputs: () => OutputSample[];
  /** The airtime log's writes; both metrics read 0 when absent (no playout). */
  airtimeWrites?: () => AirtimeWritesSample;
  /** Head-end devices; none when absent. */
  devices?: () => DeviceMetricSample[];
  /** Relay sources' health; none when absent. */
  relaySources?: () => RelaySourceSample[];
  /** Relay airings under way; none when absent. */
  relayAirings?: () => RelayAiringSample[];
}) {
  const airtimeWrites = collectors.airtimeWrites ?? (() => ({ pending: 0, failures: 0 }));
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'loa_' });
  const httpRequests = new Counter({
    name: 'loa_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const ingestSeconds = new Histogram({
    name: 'loa_ingest_seconds',
    help: 'Time to ingest one upload (probe, two-pass loudness normalisation, encode)',
    labelNames: ['outcome'] as const,
    buckets: [1, 2, 5, 10, 30, 60, 120, 300],
    registers: [registry],
  });
  new Gauge({
    name: 'loa_items',
    help: 'Library items by status',
    labelNames: ['status'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [status, n] of Object.entries(collectors.itemsByStatus())) this.set({ status }, n);
    },
  });
  new Gauge({
    name: 'loa_ingest_queue',
    help: 'Ingest jobs waiting or running',
    registers: [registry],
    collect() {
      this.set(collectors.ingestQueueSize());
    },
  });
  new Gauge({
    name: 'loa_output_up',
    help: 'Zone output state: 1 up (or idle between programmes), 0 down or connecting',
    labelNames: ['zone', 'output'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const o of collectors.outputs()) this.set({ zone: o.zone, output: o.output }, o.up ? 1 : 0);
    },
  });
  new Gauge({
    name: 'loa_stream_listeners',
    help: 'Devices pulling a zone HTTP mount',
    labelNames: ['zone'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const o of collectors.outputs()) if (o.listeners !== null) this.set({ zone: o.zone }, o.listeners);
    },
  });
  new Gauge({
    name: 'loa_silence_alarm',
    help: '1 when a zone should be on air but sends silence',
    labelNames: ['zone'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const o of collectors.outputs()) this.set({ zone: o.zone }, o.silenceAlarm ? 1 : 0);
    },
  });
  new Gauge({
    name: 'loa_airtime_writes_pending',
    help: 'Airtime log writes the database refused, kept in memory and retried: above 0 a play is not yet in the log (alarm)',
    registers: [registry],
    collect() {
      this.set(airtimeWrites().pending);
    },
  });
  new Counter({
    name: 'loa_airtime_write_failures_total',
    help: 'Failed airtime log write attempts (each retry of a kept write counts again)',
    registers: [registry],
    collect() {
      // The journal keeps the running total; the counter mirrors it (it never goes down).
      this.reset();
      this.inc(airtimeWrites().failures);
    },
  });
  const devices = collectors.devices ?? (() => []);
  new Gauge({
    name: 'loa_device_online',
    help: 'Head-end device state: 1 online, 0 offline (an alarm); rtp and relay-fed devices are not monitored and not listed',
    labelNames: ['device', 'zone', 'kind'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const d of devices()) if (d.state !== 'not-monitored') this.set({ device: d.device, zone: d.zone, kind: d.kind }, d.state === 'online' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'loa_devices_offline',
    help: 'Monitored head-end devices offline per zone (above 0: an alarm)',
    labelNames: ['zone'] as const,
    registers: [registry],
    collect() {
      this.reset();
      const offline = new Map<string, number>();
      for (const d of devices()) if (d.state !== 'not-monitored') offline.set(d.zone, (offline.get(d.zone) ?? 0) + (d.state === 'offline' ? 1 : 0));
      for (const [zone, n] of offline) this.set({ zone }, n);
    },
  });
  const relaySources = collectors.relaySources ?? (() => []);
  new Gauge({
    name: 'loa_relay_source_up',
    help: 'Relay source health (a short GET, whether or not a relay airs): 1 reachable, 0 not (an alarm); absent until first checked',
    labelNames: ['source'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const s of relaySources()) if (s.reachable !== null) this.set({ source: s.id }, s.reachable ? 1 : 0);
    },
  });
  new Gauge({
    name: 'loa_relay_source_bitrate_kbps',
    help: 'Bitrate a relay source announces or sends (kbps), as last read',
    labelNames: ['source'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const s of relaySources()) if (s.bitrateKbps !== null) this.set({ source: s.id }, s.bitrateKbps);
    },
  });
  const relayAirings = collectors.relayAirings ?? (() => []);
  new Gauge({
    name: 'loa_relay_on_source',
    help: 'A relay airing now: 1 while its source is on air, 0 while the fallback item or silence stands in for it (an alarm)',
    labelNames: ['relay', 'source'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const r of relayAirings()) this.set({ relay: r.relay, source: r.source }, r.onSource ? 1 : 0);
    },
  });
  return { registry, httpRequests, ingestSeconds };
}

export type Metrics = ReturnType<typeof createMetrics>;
