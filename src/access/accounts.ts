import { createHash, randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Role } from '../domain/user.ts';
import { newId } from '../ids.ts';
import type { Db } from '../storage/db.ts';
import { countUsers, findUserById, findUserByName, insertUser, type UserRecord } from '../storage/users.ts';
import { findLiveToken, insertToken, touchToken } from '../storage/tokens.ts';
import { hashPassword, randomPassword, verifyPassword } from './passwords.ts';

/** Tokens are 256-bit random; a fast hash is enough to store them (unlike passwords). */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface Session {
  user: UserRecord;
  tokenId: string;
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
    async login(username: string, password: string, label: string | null = null): Promise<{ token: string; user: UserRecord } | null> {
      const user = findUserByName(db, username);
      // Verify against a dummy hash for unknown names so timing does not reveal which names exist.
      const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
      if (!user || !ok || user.disabled) return null;
      const token = randomBytes(32).toString('base64url');
      insertToken(db, { id: newId('tok'), userId: user.id, tokenHash: hashToken(token), label, createdAt: clock.now() });
      return { token, user };
    },

    /** The session of a bearer token, or null when it is unknown, revoked or its user disabled. */
    authenticate(token: string): Session | null {
      const record = findLiveToken(db, hashToken(token));
      if (!record) return null;
      const user = findUserById(db, record.userId);
      if (!user || user.disabled) return null;
      // Record use at most once a minute: a write per request would be wasteful.
      const now = clock.now();
      if (record.lastUsedAt === null || now - record.lastUsedAt > 60_000) touchToken(db, record.id, now);
      return { user, tokenId: record.id };
    },

    /**
     * First start with no users: creates `admin` with LOA_ADMIN_PASSWORD, or a random password that
     * the caller prints once. Returns what was done.
     */
    async bootstrapAdmin(adminPassword: string | undefined, log: Logger): Promise<void> {
      if (countUsers(db) > 0) return;
      const password = adminPassword ?? randomPassword();
      await this.addUser('admin', 'admin', password);
      if (adminPassword) log.info('created user "admin" with the password from LOA_ADMIN_PASSWORD');
      else log.warn({ username: 'admin', password }, 'created user "admin" with a random password (shown only this once; change it with `loa users passwd admin`)');
    },
  };
}

export type Accounts = ReturnType<typeof createAccounts>;

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
