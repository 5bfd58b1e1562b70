import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { pickLang, type Lang } from '../i18n/messages.ts';
import { installErrorHandling } from './errorHandling.ts';
import type { Session } from '../access/accounts.ts';
import type { ServerDeps } from './deps.ts';
import { registerAuth } from './auth.ts';
import { registerRoutes } from './routes/index.ts';

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null;
    lang: Lang;
  }
}

/** Builds the HTTP app (no listen), so tests drive it with `inject()`. */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log.child({ module: 'http' }) as FastifyBaseLogger,
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
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  // sendFile() for audio previews: ranges, ETag and conditional requests come from @fastify/static.
  await app.register(fastifyStatic, { root: deps.config.audioDir, serve: false });

  installErrorHandling(app, { maxUploadBytes: deps.config.maxUploadBytes });

  registerAuth(app, deps.accounts);
  await registerRoutes(app, deps);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
