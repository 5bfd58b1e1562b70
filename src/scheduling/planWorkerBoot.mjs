// The plan worker's entry (planRunner.ts starts it). A worker thread starts without tsx's loader,
// which the daemon runs TypeScript through (bin/loa.js): plain JavaScript registers it, found from
// this file whatever the working directory, then loads the worker itself.
import { register } from 'tsx/esm/api';

register();
await import('./planWorker.ts');
