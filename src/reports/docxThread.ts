/**
 * The DOCX rendered on a worker thread. The `docx` package builds the whole document as objects and
 * serialises it in one synchronous pass (about 0.6 ms per table row: 4 s for a 1,000-zone station,
 * half a minute for 5,000); on the daemon's thread that would stall the zone players' frame pacing.
 * A worker per request keeps the event loop free; its heap is capped so a huge report fails alone.
 */
import { Worker } from 'node:worker_threads';
import type { OutlineOptions } from './documentOutline.ts';
import type { MonthlyReport } from './model.ts';

/** Generous for the biggest stations Loa plans for (5,000 zones took about 1 GB). */
const WORKER_HEAP_MB = 2048;

/** What the worker gets (structured-cloned). */
export interface DocxJob {
  report: MonthlyReport;
  options: OutlineOptions;
}

/** Renders the report's DOCX on a worker thread; rejects with the worker's error. */
export function renderReportDocxOffThread(report: MonthlyReport, options: OutlineOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // A JavaScript entry that loads tsx itself: Node 20 starts a worker's entry before any --import hook.
    const worker = new Worker(new URL('./docxWorkerEntry.mjs', import.meta.url), {
      workerData: { report, options } satisfies DocxJob,
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    worker.once('message', (bytes: Uint8Array) => settle(() => resolve(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))));
    worker.once('error', (err) => settle(() => reject(new Error('rendering the report as DOCX failed', { cause: err }))));
    worker.once('exit', (code) => settle(() => reject(new Error(`the DOCX worker exited with code ${code} before answering`))));
  });
}
