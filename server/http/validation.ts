/**
 * Route schemas are zod schemas (from shared/), typed in handlers through fastify-type-provider-zod.
 * Requests are validated here rather than by the package's validatorCompiler, which keeps only
 * zod's messages: the error handler needs the ZodError itself and the input to turn a failure
 * into coded problems (shared/problems.ts).
 */
import type { FastifySchemaCompiler } from 'fastify'
import type { z } from 'zod'

/** What failed validation: one of Fastify's request parts. */
export type RequestPart = 'body' | 'params' | 'querystring' | 'headers'

/** A request that does not match its route's schema; the error handler answers it with a 400. */
export class RequestValidationError extends Error {
  readonly statusCode = 400
  readonly code = 'FST_ERR_VALIDATION'
  /** Set by Fastify to the part of the request that failed. */
  validationContext: RequestPart | undefined

  constructor(
    readonly zodError: z.ZodError,
    readonly input: unknown,
  ) {
    super('request does not match the schema')
  }
}

/** Validates a request part with its zod schema; a failure keeps the ZodError and the input. */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data)
    return result.success ? { value: result.data } : { error: new RequestValidationError(result.error, data) }
  }
