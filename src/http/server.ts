import { redactUrlSecrets } from '../audit/redact.ts';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import rateLimit from '@fastify/rate-limit';
import { createListenPasses } from '../access/listenPasses.ts';
import { createLoginLimiter } from '../access/loginLimiter.ts';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { pickLang, type Lang } from '../i18n/messages.ts';
import { installErrorHandling } from './errorHandling.ts';
import type { Session } from '../access/accounts.ts';
import type { ServerDeps } from './deps.ts';
import { registerAuth } from './auth.ts';
import { registerRoutes } from './routes/index.ts';
import { adminPageCsp, registerAdminPage } from './admin/adminRoutes.ts';
import helmet from '@fastify/helmet';

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null;
    lang: Lang;
  }
}

/** What a request line in the log says: Fastify's own fields, with secrets in the URL hidden. */
function logRequest(req: { method: string; url: string; host?: string; ip?: string; socket?: { remotePort?: number } }) {
  return { method: req.method, url: redactUrlSecrets(req.url), host: req.host, remoteAddress: req.ip, remotePort: req.socket?.remotePort };
}

/** Builds the HTTP app (no listen), so tests drive it with `inject()`. */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    // Request lines never carry a key, listen pass or token into the log (devices can only be given URLs).
    loggerInstance: deps.log.child({ module: 'http' }, { serializers: { req: logRequest } }) as FastifyBaseLogger,
    bodyLimit: 1024 * 1024,
    trustProxy: true,
    // Stream listeners and SSE clients never go idle: close them too, or shutdown would wait forever.
    forceCloseConnections: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('session', null);
  app.decorateRequest('lang', 'vi');
  app.addHook('onRequest', async (req) => {
    req.lang = pickLang(req.headers['accept-language'], req.query);
  });

  await app.register(multipart, {
    limits: { fileSize: deps.config.maxUploadBytes, files: 1, fields: 30, fieldSize: 64 * 1024 },
    throwFileSizeLimit: true,
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Loa API', version: '0.1.0', description: 'Loa: hệ thống lập lịch phát thanh cho loa truyền thanh cơ sở.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // Security headers on every answer; the policy lets the page load only what the daemon serves.
  await app.register(helmet, { contentSecurityPolicy: { directives: adminPageCsp() }, strictTransportSecurity: false });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  // sendFile() for audio previews: ranges, ETag and conditional requests come from @fastify/static.
  await app.register(fastifyStatic, { root: deps.config.audioDir, serve: false });

  await app.register(cookie);
  await app.register(csrf, { cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true } });
  // Only routes that ask (login) are limited per address; streams and the API are not.
  await app.register(rateLimit, { global: false });

  installErrorHandling(app, { maxUploadBytes: deps.config.maxUploadBytes });

  registerAuth(app, deps.accounts);
  await registerRoutes(app, { ...deps, loginLimiter: createLoginLimiter(), listenPasses: createListenPasses() });
  await registerAdminPage(app, { name: deps.config.stationName, tz: deps.config.tz });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
