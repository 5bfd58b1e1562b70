// The DOCX worker's entry (see docxThread.ts). Plain JavaScript on purpose: Node 20 loads a worker's
// entry before its --import hooks run, so it registers tsx itself, then loads the TypeScript job.
import { register } from 'tsx/esm/api';

register();
await import('./docxWorkerJob.ts');
