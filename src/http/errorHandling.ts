import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ApiError } from '../errors.ts';
import { pickLang, translate, type Lang } from '../i18n/messages.ts';

/** Renders an ApiError in the client's language: `{ statusCode, code, message, details? }`. */
export function sendApiError(reply: FastifyReply, err: ApiError, lang: Lang): FastifyReply {
  for (const [name, value] of Object.entries(err.headers)) reply.header(name, value);
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

/** The client's language, from the request itself (hooks may not have run when an error happens). */
const langOf = (req: FastifyRequest): Lang => pickLang(req.headers['accept-language'], req.query);

/**
 * The one error handler: ApiErrors and validation failures become 4xx with a message in the
 * client's language and each bad field named; anything unexpected is logged and hidden behind a 500.
 */
export function installErrorHandling(app: FastifyInstance, opts: { maxUploadBytes: number }): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof ApiError) return sendApiError(reply, err, langOf(req));
    if (hasZodFastifySchemaValidationErrors(err) || err.validation) {
      const details = validationDetails(err);
      const summary = details.map((d) => `${d.field}: ${d.problem}`).join('; ');
      return sendApiError(reply, new ApiError(400, 'validation-failed', { details: summary }, details), langOf(req));
    }
    if (err.code === 'FST_REQ_FILE_TOO_LARGE' || err.statusCode === 413) {
      const limitMb = Math.round(opts.maxUploadBytes / 1024 / 1024);
      return sendApiError(reply, new ApiError(413, 'upload-too-large', { limitMb }), langOf(req));
    }
    if (err.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
      return sendApiError(reply, new ApiError(406 === err.statusCode ? 406 : 400, 'upload-not-multipart'), langOf(req));
    }
    if (err.code === 'FST_CSRF_MISSING_SECRET' || err.code === 'FST_CSRF_INVALID_TOKEN') {
      return sendApiError(reply, new ApiError(403, 'csrf-failed'), langOf(req));
    }
    // @fastify/rate-limit has set Retry-After already.
    if (err.statusCode === 429) return sendApiError(reply, new ApiError(429, 'too-many-requests'), langOf(req));
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's own client errors (bad JSON, wrong content type…): pass the reason through.
      return sendApiError(reply, new ApiError(status, 'validation-failed', { details: err.message }), langOf(req));
    }
    req.log.error({ err }, 'unhandled error');
    return sendApiError(reply, new ApiError(500, 'internal-error'), langOf(req));
  });
  app.setNotFoundHandler((req: FastifyRequest, reply: FastifyReply) =>
    sendApiError(reply, new ApiError(404, 'route-not-found', { method: req.method, url: req.url.split('?')[0] ?? '' }), langOf(req)),
  );
}
