import type { Db } from './db.ts';

/** 'api': a bearer token for scripts and devices; 'session': the admin page's cookie. */
export type TokenKind = 'api' | 'session';

export interface TokenRecord {
  id: string;
  userId: string;
  kind: TokenKind;
  label: string | null;
  expiresAt: number | null;
  /** The permissions this token is narrowed to; null = all of its user's role. */
  scopes: string[] | null;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

interface TokenRow {
  id: string;
  user_id: string;
  kind: TokenKind;
  label: string | null;
  expires_at: number | null;
  scopes: string | null;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

const toToken = (r: TokenRow): TokenRecord => ({
  id: r.id,
  userId: r.user_id,
  kind: r.kind,
  label: r.label,
  expiresAt: r.expires_at,
  scopes: r.scopes === null ? null : (JSON.parse(r.scopes) as string[]),
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

/** Stores a token by its hash only; the clear token is shown to the client once. */
export function insertToken(
  db: Db,
  t: { id: string; userId: string; tokenHash: string; label: string | null; createdAt: number; kind?: TokenKind; expiresAt?: number | null; scopes?: string[] | null },
): void {
  const { scopes, ...rest } = t;
  db.prepare(
    `INSERT INTO tokens (id, user_id, token_hash, label, created_at, kind, expires_at, scopes)
     VALUES (@id, @userId, @tokenHash, @label, @createdAt, @kind, @expiresAt, @scopes)`,
  ).run({ kind: 'api', expiresAt: null, ...rest, scopes: scopes ? JSON.stringify(scopes) : null });
}

/** The live token with this hash at `now`: neither revoked nor expired. */
export function findLiveToken(db: Db, tokenHash: string, now: number): TokenRecord | undefined {
  const row = db
    .prepare('SELECT * FROM tokens WHERE token_hash = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)')
    .get(tokenHash, now) as TokenRow | undefined;
  return row && toToken(row);
}

export function touchToken(db: Db, id: string, at: number): void {
  db.prepare('UPDATE tokens SET last_used_at = @at WHERE id = @id').run({ id, at });
}

export function listTokens(db: Db, userId?: string): TokenRecord[] {
  const rows = userId
    ? db.prepare('SELECT * FROM tokens WHERE user_id = ? ORDER BY created_at').all(userId)
    : db.prepare('SELECT * FROM tokens ORDER BY created_at').all();
  return (rows as TokenRow[]).map(toToken);
}

/** Revokes one token by id, or all of a user's; returns how many were revoked. */
export function revokeTokens(db: Db, by: { id: string } | { userId: string }, at: number): number {
  const res =
    'id' in by
      ? db.prepare('UPDATE tokens SET revoked_at = @at WHERE id = @id AND revoked_at IS NULL').run({ id: by.id, at })
      : db.prepare('UPDATE tokens SET revoked_at = @at WHERE user_id = @userId AND revoked_at IS NULL').run({ userId: by.userId, at });
  return res.changes;
}

/** Whether the token with this id is neither revoked nor expired at `now` (listen passes ask). */
export function isTokenLive(db: Db, id: string, now: number): boolean {
  return !!db.prepare('SELECT 1 FROM tokens WHERE id = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)').get(id, now);
}
