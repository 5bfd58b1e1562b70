// What a bench's figures were measured on, printed beside them: the cores, their model, the load.
import { cpus, loadavg } from 'node:os';

/** "2 cores (Intel(R) Xeon(R) Processor), load average 0.39 / 0.21 / 0.37" */
export function machineLine(): string {
  const all = cpus();
  return `${all.length} cores (${all[0]?.model.trim() ?? 'unknown CPU'}), load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')}`;
}
