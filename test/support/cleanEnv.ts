/**
 * The environment a test gives the daemon or the CLI: what a process needs to run and find its tools,
 * plus what the test sets — never the developer's own LOA_* settings, NODE_ENV or anything else.
 */

/** Kept from the test runner's environment: the shell essentials, and where ffmpeg is (as makeAudio.ts honours). */
const INHERITED = ['PATH', 'HOME', 'TMPDIR', 'TMP', 'TEMP', 'SYSTEMROOT', 'FFMPEG_PATH', 'FFPROBE_PATH'] as const;

/** `PATH`, `HOME`, the temp dir and the ffmpeg location from `process.env`, then `vars` on top (undefined removes). */
export function cleanEnv(vars: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of INHERITED) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  for (const [name, value] of Object.entries(vars)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}
