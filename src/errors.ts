/** Expected failures as values the HTTP layer renders (4xx); thrown by services, never for server faults. */
import type { MessageCode, MessageParams } from './i18n/messages.ts';
import type { Localized } from './i18n/words.ts';

/** An expected failure with its HTTP status and catalogue code; the error handler renders it. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: MessageCode,
    readonly params: MessageParams = {},
    readonly details?: unknown,
    /** Response headers that belong with the error (e.g. Retry-After on a 429). */
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
  }
}

export const notFound = (what: Localized, id: string) => new ApiError(404, 'not-found', { what, id });
export const badRequest = (code: MessageCode, params: MessageParams = {}, details?: unknown) =>
  new ApiError(400, code, params, details);

/** A 400 listing every zod issue as `{ field, problem }`, the field path prefixed (e.g. "body."). */
export function validationError(issues: readonly { path: readonly PropertyKey[]; message: string }[], prefix = ''): ApiError {
  const details = issues.map((i) => ({ field: `${prefix}${i.path.map(String).join('.')}` || 'input', problem: i.message }));
  return new ApiError(400, 'validation-failed', { details: details.map((d) => `${d.field}: ${d.problem}`).join('; ') }, details);
}
