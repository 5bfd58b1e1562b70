import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { isValidTimeZone } from './domain/time.ts';
import { DEFAULT_TTS_COMMAND, templateProblems } from './speech/engineCommand.ts';

/** Every setting of the daemon: environment variables override the optional config file. */
export const ConfigSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  host: z.string().min(1).default('0.0.0.0'),
  dataDir: z.string().min(1).default('./data'),
  audioDir: z.string().min(1).default('./audio'),
  tz: z.string().refine(isValidTimeZone, 'is not a known IANA time zone').default('Asia/Ho_Chi_Minh'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest accepted upload in bytes (413 above). */
  maxUploadBytes: z.coerce.number().int().min(1024).default(200 * 1024 * 1024),
  /** Longest accepted audio in minutes. */
  maxDurationMinutes: z.coerce.number().min(0.01).max(600).default(60),
  loudnessTargetLufs: z.coerce.number().min(-40).max(-5).default(-16),
  truePeakDb: z.coerce.number().min(-9).max(0).default(-1.5),
  bitrateKbps: z.coerce.number().int().refine((b) => [32, 48, 64, 80, 96, 112, 128, 160, 192].includes(b), 'must be an MP3 bitrate: 32, 48, 64, 80, 96, 112, 128, 160 or 192').default(96),
  sampleRate: z.coerce.number().int().refine((r) => [32000, 44100, 48000].includes(r), 'must be 32000, 44100 or 48000').default(44100),
  /** Parallel ingest jobs; 0 means one per CPU core. */
  ingestConcurrency: z.coerce.number().int().min(0).max(64).default(0),
  adminPassword: z.string().min(8, 'must be at least 8 characters').optional(),
  /** How long an admin-page login lasts before the page asks for the password again. */
  sessionHours: z.coerce.number().min(0.05).max(24 * 30).default(12),
  /**
   * Load the demo ward (schedules/demo.yaml and generated demo items) into an empty database. Unset
   * means: yes, unless NODE_ENV=production (see src/demo/demoPolicy.ts); set, it always wins.
   */
  demo: z
    .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
    .transform((v) => v === true || v === 'true' || v === '1')
    .optional(),
  stationName: z.string().min(1).default('Đài truyền thanh phường'),
  /** Frames may reach head-ends this long before they are due (absorbs network jitter); 0 = on time. */
  sendAheadMs: z.coerce.number().int().min(0).max(5000).default(0),
  /** Silence after which a monitored head-end device (stream or download) is offline: an alarm. */
  deviceOfflineSeconds: z.coerce.number().int().min(10).max(86_400).default(180),
  /** How long fetching a CAP feed, or an alert's audio resource, may take before it counts as failed. */
  capFetchTimeoutSeconds: z.coerce.number().int().min(1).max(600).default(30),
  /** How often each relay source's health is checked (a short GET); a failing source backs off to 10× this. */
  relaySourceCheckSeconds: z.coerce.number().int().min(5).max(3600).default(60),
  /** Start the zone players (off for tools and some tests). */
  playout: z
    .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
    .transform((v) => v === true || v === 'true' || v === '1')
    .default(true),
  /**
   * The speech engine's command (src/speech/engineCommand.ts): run without a shell, `{in}` the text
   * file, `{out}` the audio file it writes, `{voice}`, `{wpm}`, `{rate}`. Empty: no engine.
   */
  ttsCommand: z
    .string()
    .trim()
    .superRefine((s, ctx) => templateProblems(s).forEach((message) => ctx.addIssue({ code: 'custom', message })))
    .default(DEFAULT_TTS_COMMAND),
  /** Voices offered for speech, comma-separated; the first is the default. */
  ttsVoices: z
    .union([z.array(z.string()), z.string()])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[\w.+-]{1,64}$/, 'a voice id is letters, digits, dots, plus signs and hyphens')).min(1))
    .default(['vi', 'vi-vn-x-central', 'vi-vn-x-south']),
  /** The speech engine is killed after this long. */
  ttsTimeoutSeconds: z.coerce.number().min(1).max(600).default(60),
});
export type Config = z.infer<typeof ConfigSchema>;

/** Environment variable → config key. */
const ENV_KEYS: Record<string, keyof Config> = {
  LOA_PORT: 'port',
  LOA_HOST: 'host',
  LOA_DATA_DIR: 'dataDir',
  LOA_AUDIO_DIR: 'audioDir',
  LOA_TZ: 'tz',
  LOA_LOG_LEVEL: 'logLevel',
  LOA_MAX_UPLOAD_BYTES: 'maxUploadBytes',
  LOA_MAX_DURATION_MINUTES: 'maxDurationMinutes',
  LOA_LOUDNESS_TARGET: 'loudnessTargetLufs',
  LOA_TRUE_PEAK: 'truePeakDb',
  LOA_BITRATE_KBPS: 'bitrateKbps',
  LOA_SAMPLE_RATE: 'sampleRate',
  LOA_INGEST_CONCURRENCY: 'ingestConcurrency',
  LOA_ADMIN_PASSWORD: 'adminPassword',
  LOA_SESSION_HOURS: 'sessionHours',
  LOA_DEMO: 'demo',
  LOA_STATION_NAME: 'stationName',
  LOA_SEND_AHEAD_MS: 'sendAheadMs',
  LOA_PLAYOUT: 'playout',
  LOA_DEVICE_OFFLINE_SECONDS: 'deviceOfflineSeconds',
  LOA_CAP_FETCH_TIMEOUT_SECONDS: 'capFetchTimeoutSeconds',
  LOA_RELAY_SOURCE_CHECK_SECONDS: 'relaySourceCheckSeconds',
  LOA_TTS_COMMAND: 'ttsCommand',
  LOA_TTS_VOICES: 'ttsVoices',
  LOA_TTS_TIMEOUT_SECONDS: 'ttsTimeoutSeconds',
};

/** Settings for which an empty environment variable is a value, not an absence. */
const EMPTY_IS_A_VALUE = new Set<keyof Config>(['ttsCommand']);

/** Thrown with every invalid setting listed, so an operator fixes them all in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Reads settings from `LOA_CONFIG` (a YAML or JSON file with the camelCase keys above) and the
 * environment (which wins), validates them with one schema and throws ConfigError naming each bad one.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, unknown> = {};
  const problems: string[] = [];
  const envNameOf = Object.fromEntries(Object.entries(ENV_KEYS).map(([k, v]) => [v, k]));
  if (env.LOA_CONFIG) {
    try {
      const parsed: unknown = parseYaml(readFileSync(resolve(env.LOA_CONFIG), 'utf8'));
      if (parsed && typeof parsed === 'object') Object.assign(raw, parsed);
      else problems.push(`LOA_CONFIG (${env.LOA_CONFIG}): the file must hold a mapping of settings`);
    } catch (err) {
      problems.push(`LOA_CONFIG (${env.LOA_CONFIG}): ${(err as Error).message}`);
    }
  }
  for (const [name, key] of Object.entries(ENV_KEYS)) {
    const value = env[name];
    // An empty value means «not set», except where empty is a choice (LOA_TTS_COMMAND= : no speech engine).
    if (value !== undefined && (value !== '' || EMPTY_IS_A_VALUE.has(key))) raw[key] = value;
  }
  const result = ConfigSchema.strict().safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? '');
      const label = envNameOf[key] ? `${envNameOf[key]} (${key})` : key || 'config file';
      problems.push(`${label}: ${issue.message}`);
    }
  }
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  return result.data;
}
