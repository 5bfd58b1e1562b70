import { parse, stringify } from 'yaml';
import { StationFile } from '../domain/stationFile.ts';
import type { Zone } from '../domain/station.ts';
import { ApiError, validationError } from '../errors.ts';
import { keepHiddenSecrets, presentZone } from './zoneSecrets.ts';
import { redactUrlPasswords } from '../audit/redact.ts';

/**
 * Parses a station YAML file; a 400-style ApiError names each bad field. Secrets written "***" (an
 * export without `--with-secrets`) keep the ones stored for the same zone (a relay source's: for the
 * same source, when the file is applied).
 */
export function parseStationYaml(text: string, storedZones: Zone[] = []): StationFile {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (err) {
    throw new ApiError(400, 'validation-failed', { details: `YAML: ${(err as Error).message}` });
  }
  const zones = (raw as { zones?: unknown } | null)?.zones;
  if (Array.isArray(zones)) {
    (raw as { zones: unknown[] }).zones = zones.map((z) =>
      keepHiddenSecrets(z, storedZones.find((s) => s.id === (z as { id?: unknown } | null)?.id)),
    );
  }
  const result = StationFile.safeParse(raw ?? {});
  if (!result.success) throw validationError(result.error.issues);
  return result.data;
}

/** A zone as an export shows it: secrets "***" (no `hasKey`: the file must apply as it reads). */
function hideSecrets(zone: Zone): Zone {
  const shown = presentZone(zone);
  return { ...shown, outputs: shown.outputs.map(({ hasKey: _shown, ...o }) => o) } as Zone;
}

/** The station as YAML; stream keys, Icecast and relay source passwords as "***" unless `withSecrets` (decisions §1). */
export function stationToYaml(file: StationFile, opts: { withSecrets?: boolean } = {}): string {
  if (!opts.withSecrets) {
    file = { ...file, zones: file.zones.map(hideSecrets), ...(file.capFeeds && { capFeeds: file.capFeeds.map((f) => ({ ...f, url: redactUrlPasswords(f.url) })) }) };
    // A relay source's URL may carry its password: hidden too (applying the file back keeps the stored one).
    if (file.sources) file = { ...file, sources: file.sources.map((src) => ({ ...src, url: redactUrlPasswords(src.url) })) };
  }
  return `# Loa station file: zones (Tổ dân phố), topics with frequency rules, policy, relays (tiếp âm). Apply with \`loa apply FILE\`.\n${stringify(file, { lineWidth: 120 })}`;
}
