import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify'
import type { z } from 'zod'
import type { ErrorBody, ErrorCode } from '../../shared/api.js'
import { problemsFromZodError } from '../../shared/problems.js'
import { type RequestPart, RequestValidationError } from './validation.js'

/** Answers with the API's JSON error body. */
export function sendError(
  reply: FastifyReply,
  status: number,
  error: ErrorCode,
  message: string,
  issues?: ErrorBody['issues'],
): FastifyReply {
  const body: ErrorBody = issues ? { error, message, issues } : { error, message }
  return reply.code(status).type('application/json').send(body)
}

/** A failed zod parse of `input` as the error body's coded issues. */
export function zodIssues(error: z.ZodError, input: unknown): NonNullable<ErrorBody['issues']> {
  return problemsFromZodError(error, input)
}

/** Reads 'Authorization: Bearer <token>'; null when absent or of another scheme. */
export function bearerToken(header: string | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i)
  return match?.[1] ?? null
}

const PART_NAMES: Record<RequestPart, string> = {
  body: 'request body',
  params: 'path',
  querystring: 'query string',
  headers: 'headers',
}

/**
 * Every error leaves the API as JSON with a named code; nothing leaks a stack trace. A request
 * that fails its route's schema gets 400 `bad_request` with one coded problem per zod issue.
 */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | RequestValidationError, request, reply) => {
    if (error instanceof RequestValidationError) {
      const what = PART_NAMES[error.validationContext ?? 'body']
      return sendError(reply, 400, 'bad_request', `invalid ${what}`, zodIssues(error.zodError, error.input))
    }
    const status = error.statusCode ?? 500
    if (status === 413) {
      // A change the board's size limit refused (BoardTooLargeError) says so; any other 413 is the body.
      const boardFull = (error as { code?: string }).code === 'TK_BOARD_TOO_LARGE'
      return sendError(reply, 413, 'payload_too_large', boardFull ? error.message : 'request body is too large')
    }
    if (status === 415) return sendError(reply, 415, 'unsupported_media_type', 'send application/json')
    if (status >= 400 && status < 500) {
      const message =
        error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError
          ? 'request body is not valid JSON'
          : error.message
      return sendError(reply, status, 'bad_request', message)
    }
    request.log.error({ err: error }, 'request failed')
    return sendError(reply, 500, 'internal_error', 'internal server error')
  })
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 404, 'not_found', `no route ${request.method} ${request.url.split('?')[0]}`),
  )
}
