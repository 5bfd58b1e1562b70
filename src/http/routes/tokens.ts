import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PERMISSIONS, can, type Permission } from '../../access/roles.ts';
import { createAuditLog } from '../../audit/auditLog.ts';
import { formatInstant } from '../../domain/time.ts';
import { ApiError } from '../../errors.ts';
import { THINGS } from '../../i18n/words.ts';
import { listTokens, revokeTokens } from '../../storage/tokens.ts';
import { sessionOf } from '../auth.ts';
import type { RouteDeps } from '../deps.ts';

const PermissionName = z.enum(Object.keys(PERMISSIONS) as [Permission, ...Permission[]]);
const NewToken = z.object({
  label: z.string().trim().min(1).max(200),
  /** Narrow the token to these permissions (each one the user's role has); absent = all of the role's. */
  scopes: z.array(PermissionName).min(1).max(20).optional(),
  /** End the token after this many days; absent = until revoked. */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
const TokenParams = z.object({ id: z.string().min(1).max(64) });

/**
 * API tokens for scripts and devices, made by a signed-in user for themselves: narrowed to some of
 * their permissions and given an end, listed (never the token itself after it was shown once), revoked.
 */
export function registerTokenRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const signedIn = { access: 'signed-in' } as const;
  const audit = createAuditLog({ db: deps.db, clock: deps.clock });
  const iso = (ms: number | null) => (ms === null ? null : formatInstant(ms, deps.config.tz));

  r.post('/api/tokens', { schema: { tags: ['auth'], summary: 'Tạo mã truy cập API (giới hạn quyền, có hạn dùng)', body: NewToken }, config: signedIn }, async (req, reply) => {
    const { user } = sessionOf(req);
    const scopes = req.body.scopes ?? null;
    const beyond = scopes?.find((p) => !can(user.role, p));
    if (beyond) throw new ApiError(400, 'scope-beyond-role', { permission: beyond }, [{ field: 'body.scopes', problem: beyond }]);
    const ttlMs = req.body.expiresInDays ? req.body.expiresInDays * 86_400_000 : null;
    const issued = deps.accounts.issueToken(user, { label: req.body.label, scopes, ttlMs });
    audit.record(user, 'token.issue', { type: 'token', id: issued.id }, null, { label: req.body.label, scopes, expiresAt: iso(issued.expiresAt) });
    return reply.status(201).send({ id: issued.id, token: issued.token, label: req.body.label, scopes, expiresAt: iso(issued.expiresAt) });
  });

  r.get('/api/tokens', { schema: { tags: ['auth'], summary: 'Các mã truy cập và phiên của tôi' }, config: signedIn }, async (req) => ({
    tokens: listTokens(deps.db, sessionOf(req).user.id).map((t) => ({
      id: t.id, kind: t.kind, label: t.label, scopes: t.scopes, createdAt: iso(t.createdAt), lastUsedAt: iso(t.lastUsedAt),
      expiresAt: iso(t.expiresAt), revokedAt: iso(t.revokedAt),
    })),
  }));

  r.delete('/api/tokens/:id', { schema: { tags: ['auth'], summary: 'Thu hồi một mã truy cập của tôi', params: TokenParams }, config: signedIn }, async (req, reply) => {
    const { user } = sessionOf(req);
    // Another user's token is "not found": a user learns nothing of others' tokens.
    if (!listTokens(deps.db, user.id).some((t) => t.id === req.params.id)) throw new ApiError(404, 'not-found', { what: THINGS.token, id: req.params.id });
    revokeTokens(deps.db, { id: req.params.id }, deps.clock.now());
    audit.record(user, 'token.revoke', { type: 'token', id: req.params.id }, null, null);
    return reply.status(204).send();
  });
}
