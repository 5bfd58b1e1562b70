/** Why the demo ward is or is not loaded at start. */
export type DemoDecision =
  | { load: true; reason: 'enabled' | 'development' }
  | { load: false; reason: 'disabled' | 'production' | 'not-empty' | 'no-admin' };

/**
 * Whether to load the demo ward (decisions §11): only into an empty database with an admin to approve
 * its items; then `LOA_DEMO` decides when it is set, and otherwise the demo loads everywhere except
 * under `NODE_ENV=production` (the Docker image), so a real station's first start airs nothing of it.
 */
export function decideDemo(input: { setting: boolean | undefined; nodeEnv: string | undefined; empty: boolean; hasAdmin: boolean }): DemoDecision {
  if (!input.empty) return { load: false, reason: 'not-empty' };
  if (input.setting === false) return { load: false, reason: 'disabled' };
  if (input.setting === undefined && input.nodeEnv === 'production') return { load: false, reason: 'production' };
  if (!input.hasAdmin) return { load: false, reason: 'no-admin' };
  return { load: true, reason: input.setting === true ? 'enabled' : 'development' };
}

/** The one log line of a start that leaves the demo out (null when there is nothing to say). */
export function describeSkippedDemo(decision: DemoDecision): string | null {
  switch (decision.reason) {
    case 'production':
      return 'demo not loaded: NODE_ENV=production and LOA_DEMO is not set (set LOA_DEMO=true to load the demo ward)';
    case 'disabled':
      return 'demo not loaded: LOA_DEMO=false';
    case 'no-admin':
      return 'demo not loaded: there is no admin user to approve its items';
    default:
      return null;
  }
}
