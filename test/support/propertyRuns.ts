/**
 * How many runs a property test makes: the whole number ≥ 1 in the environment variable `name` when it
 * is set, else `fallback`. fast-check passes a property after zero runs (numRuns 0, or NaN from a typo),
 * so anything else throws rather than let the test pass having checked nothing.
 */
export function propertyRuns(name: string, fallback: number, env: Record<string, string | undefined> = process.env): number {
  const raw = env[name];
  const runs = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(`${name}=${raw ?? ''} must be a whole number of runs, at least 1 (a property with no runs checks nothing)`);
  }
  return runs;
}
