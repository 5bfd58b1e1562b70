import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { ApiError } from '../errors.ts';
import { pickLang, translate, type Lang } from '../i18n/messages.ts';
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

/** Renders an ApiError in the client's language: `{ statusCode, code, message, details? }`. */
export function sendApiError(reply: FastifyReply, err: ApiError, lang: Lang): FastifyReply {
  return reply.status(err.statusCode).send({
    statusCode: err.statusCode,
    code: err.code,
    message: translate(err.code, lang, err.params),
    ...(err.details !== undefined && { details: err.details }),
  });
}

function validationDetails(err: FastifyError): { field: string; problem: string }[] {
  const context = (err as FastifyError & { validationContext?: string }).validationContext ?? 'body';
  return (err.validation ?? []).map((v) => {
    const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
    return { field: path ? `${context}.${path}` : context, problem: v.message ?? 'invalid' };
  });
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

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof ApiError) return sendApiError(reply, err, req.lang);
    if (hasZodFastifySchemaValidationErrors(err) || err.validation) {
      const details = validationDetails(err);
      const summary = details.map((d) => `${d.field}: ${d.problem}`).join('; ');
      return sendApiError(reply, new ApiError(400, 'validation-failed', { details: summary }, details), req.lang);
    }
    if (err.code === 'FST_REQ_FILE_TOO_LARGE' || err.statusCode === 413) {
      const limitMb = Math.round(deps.config.maxUploadBytes / 1024 / 1024);
      return sendApiError(reply, new ApiError(413, 'upload-too-large', { limitMb }), req.lang);
    }
    if (err.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
      return sendApiError(reply, new ApiError(406 === err.statusCode ? 406 : 400, 'upload-not-multipart'), req.lang);
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's own client errors (bad JSON, wrong content type…): pass the reason through.
      return sendApiError(reply, new ApiError(status, 'validation-failed', { details: err.message }), req.lang);
    }
    req.log.error({ err }, 'unhandled error');
    return sendApiError(reply, new ApiError(500, 'internal-error'), req.lang);
  });
  app.setNotFoundHandler((req: FastifyRequest, reply: FastifyReply) =>
    sendApiError(reply, new ApiError(404, 'route-not-found', { method: req.method, url: req.url.split('?')[0] ?? '' }), req.lang),
  );

  registerAuth(app, deps.accounts);
  await registerRoutes(app, deps);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
