/** Runs on the DOCX worker thread (docxThread.ts): renders the job and hands the bytes back without a copy. */
import { parentPort, workerData } from 'node:worker_threads';
import type { DocxJob } from './docxThread.ts';
import { renderReportDocx } from './renderDocx.ts';

const job = workerData as DocxJob;
const bytes = await renderReportDocx(job.report, job.options);
parentPort?.postMessage(bytes, [bytes.buffer as ArrayBuffer]);
