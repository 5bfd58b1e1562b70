import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** A private Prometheus registry per daemon (no global state, so tests can build many apps). */
export function createMetrics(collectors: { itemsByStatus: () => Record<string, number>; ingestQueueSize: () => number }) {
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
  return { registry, httpRequests, ingestSeconds };
}

export type Metrics = ReturnType<typeof createMetrics>;
