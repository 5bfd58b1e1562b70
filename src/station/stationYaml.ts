import { parse, stringify } from 'yaml';
import { StationFile } from '../domain/stationFile.ts';
import { ApiError, validationError } from '../errors.ts';

/** Parses a station YAML file; a 400-style ApiError names each bad field. */
export function parseStationYaml(text: string): StationFile {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (err) {
    throw new ApiError(400, 'validation-failed', { details: `YAML: ${(err as Error).message}` });
  }
  const result = StationFile.safeParse(raw ?? {});
  if (!result.success) throw validationError(result.error.issues);
  return result.data;
}

export function stationToYaml(file: StationFile): string {
  return `# Loa station file: zones (Tổ dân phố), topics with frequency rules, policy. Apply with \`loa apply FILE\`.\n${stringify(file, { lineWidth: 120 })}`;
}
