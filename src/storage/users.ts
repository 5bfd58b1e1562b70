import type { Db } from './db.ts';
import type { Role } from '../domain/user.ts';

export interface UserRecord {
  id: string;
  username: string;
  passwordHash: string;
  role: Role;
  unit: string | null;
  disabled: boolean;
  createdAt: number;
}

interface UserRow {
  id: string;
  username: string;
  password_hash: string;
  role: Role;
  unit: string | null;
  disabled: number;
  created_at: number;
}

const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  username: r.username,
  passwordHash: r.password_hash,
  role: r.role,
  unit: r.unit,
  disabled: r.disabled === 1,
  createdAt: r.created_at,
});

/** Inserts a user; throws on a duplicate username (UNIQUE, case-insensitive). */
export function insertUser(db: Db, u: UserRecord): void {
  db.prepare(
    `INSERT INTO users (id, username, password_hash, role, unit, disabled, created_at)
     VALUES (@id, @username, @passwordHash, @role, @unit, @disabled, @createdAt)`,
  ).run({ ...u, disabled: u.disabled ? 1 : 0 });
}

export function findUserByName(db: Db, username: string): UserRecord | undefined {
  const row = db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
  return row && toUser(row);
}

export function findUserById(db: Db, id: string): UserRecord | undefined {
  const row = db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  return row && toUser(row);
}

export function listUsers(db: Db): UserRecord[] {
  return (db.prepare('SELECT * FROM users ORDER BY username').all() as UserRow[]).map(toUser);
}

export function countUsers(db: Db): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
}

export function updatePassword(db: Db, id: string, passwordHash: string): void {
  db.prepare('UPDATE users SET password_hash = @passwordHash WHERE id = @id').run({ id, passwordHash });
}
