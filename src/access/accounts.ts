import { createHash, randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Role } from '../domain/user.ts';
import type { Permission } from './roles.ts';
import { newId } from '../ids.ts';
import type { Db } from '../storage/db.ts';
import { countUsers, findUserById, findUserByName, insertUser, updatePassword, type UserRecord } from '../storage/users.ts';
import { findLiveToken, insertToken, isTokenLive, revokeTokens, touchToken, type TokenKind } from '../storage/tokens.ts';
import { hashPassword, randomPassword, verifyPassword } from './passwords.ts';

/** Tokens are 256-bit random; a fast hash is enough to store them (unlike passwords). */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface Session {
  user: UserRecord;
  tokenId: string;
  /** 'session' when the request came with the admin page's cookie (then CSRF applies). */
  kind: TokenKind;
  /** The permissions the token is narrowed to; null = all of the role's. */
  scopes: readonly Permission[] | null;
}

/** How a login's token is issued: an API token by default, or an expiring browser session. */
export interface LoginOptions {
  label?: string | null;
  kind?: TokenKind;
  ttlMs?: number;
}

/** Users, passwords and bearer tokens. */
export function createAccounts(db: Db, clock: Clock) {
  return {
    /** Creates a user; throws Error('username-taken') when the name exists. */
    async addUser(username: string, role: Role, password: string, unit: string | null = null): Promise<UserRecord> {
      if (findUserByName(db, username)) throw new Error('username-taken');
      const user: UserRecord = {
        id: newId('usr'),
        username,
        passwordHash: await hashPassword(password),
        role,
        unit,
        disabled: false,
        createdAt: clock.now(),
      };
      insertUser(db, user);
      return user;
    },

    /** Checks a password and issues a token; null when the name or password is wrong. */
    async login(username: string, password: string, opts: LoginOptions = {}): Promise<{ token: string; user: UserRecord; expiresAt: number | null } | null> {
      const user = findUserByName(db, username);
      // Verify against a dummy hash for unknown names so timing does not reveal which names exist.
      const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
      if (!user || !ok || user.disabled) return null;
      const token = randomBytes(32).toString('base64url');
      const now = clock.now();
      const expiresAt = opts.ttlMs ? now + opts.ttlMs : null;
      const kind = opts.kind ?? 'api';
      insertToken(db, { id: newId('tok'), userId: user.id, tokenHash: hashToken(token), label: opts.label ?? null, createdAt: now, kind, expiresAt });
      return { token, user, expiresAt };
    },

    /** The session of a bearer token, or null when it is unknown, revoked or its user disabled. */
    authenticate(token: string): Session | null {
      const now = clock.now();
      const record = findLiveToken(db, hashToken(token), now);
      if (!record) return null;
      const user = findUserById(db, record.userId);
      if (!user || user.disabled) return null;
      // Record use at most once a minute: a write per request would be wasteful.
      if (record.lastUsedAt === null || now - record.lastUsedAt > 60_000) touchToken(db, record.id, now);
      return { user, tokenId: record.id, kind: record.kind, scopes: record.scopes as Permission[] | null };
    },

    /** Sets a new password and ends every token and session the user had. */
    async resetPassword(userId: string, password: string): Promise<number> {
      updatePassword(db, userId, await hashPassword(password));
      return revokeTokens(db, { userId }, clock.now());
    },

    /**
     * An API token for a script or device, issued by a signed-in user: narrowed to `scopes` (each one
     * a permission the user's role has) and ending after `ttlMs` when given.
     */
    issueToken(user: UserRecord, opts: { label: string | null; scopes: Permission[] | null; ttlMs: number | null }): { id: string; token: string; expiresAt: number | null } {
      const token = randomBytes(32).toString('base64url');
      const now = clock.now();
      const id = newId('tok');
      const expiresAt = opts.ttlMs ? now + opts.ttlMs : null;
      insertToken(db, { id, userId: user.id, tokenHash: hashToken(token), label: opts.label, createdAt: now, kind: 'api', expiresAt, scopes: opts.scopes });
      return { id, token, expiresAt };
    },

    /** Whether a token (or browser session) is still live, by its id. */
    tokenLive(tokenId: string): boolean {
      return isTokenLive(db, tokenId, clock.now());
    },

    /** Ends every token and browser session of a user; returns how many were live. */
    revokeAll(userId: string): number {
      return revokeTokens(db, { userId }, clock.now());
    },

    /**
     * First start with no users: creates `admin` with LOA_ADMIN_PASSWORD, or a random password that
     * is logged once and returned, so the start-up line can show it. Undefined when nothing was made
     * or the password came from the setting.
     */
    async bootstrapAdmin(adminPassword: string | undefined, log: Logger): Promise<string | undefined> {
      if (countUsers(db) > 0) return undefined;
      const password = adminPassword ?? randomPassword();
      await this.addUser('admin', 'admin', password);
      if (adminPassword) {
        log.info('created user "admin" with the password from LOA_ADMIN_PASSWORD');
        return undefined;
      }
      log.warn({ username: 'admin', password }, 'created user "admin" with a random password (shown only this once; change it with `loa users passwd admin`)');
      return password;
    },
  };
}

export type Accounts = ReturnType<typeof createAccounts>;

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
