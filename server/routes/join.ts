import fastifyRateLimit from '@fastify/rate-limit'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { JOIN_INVALID_PATH } from '../../shared/facilitation.js'
import type { BoardService } from '../boards/BoardService.js'
import { sendError } from '../http/errors.js'
import { ERROR_RESPONSES } from '../http/openapi.js'

export interface JoinRouteOptions {
  boards: BoardService
  /** Wrong codes one address may try per window before /j/ refuses it (default 30 a minute). */
  maxWrongCodes?: number
  wrongCodeWindowMs?: number
}

/**
 * GET /j/:code — the short participant link under the presenter view's QR code: redirects to the
 * board page with the code as its (edit) token.
 *
 * Only wrong codes count against an address: a whole workshop behind one venue NAT scanning the
 * QR code at once must never be refused. Once an address has used up its wrong codes, every code
 * is refused until its window ends, right ones too, so a guesser cannot tell a hit from the answer.
 */
export const joinRoutes: FastifyPluginAsyncZod<JoinRouteOptions> = async (app, options) => {
  const { boards } = options
  // Registered inside this plugin with global: false: it limits nothing else.
  await app.register(fastifyRateLimit, { global: false })
  const wrongCodes = app.createRateLimit({
    max: options.maxWrongCodes ?? 30,
    timeWindow: options.wrongCodeWindowMs ?? 60_000,
  })

  app.get(
    '/j/:code',
    {
      schema: {
        summary: 'The short participant link: redirects to the board with the edit role',
        description:
          '302 to /b/<boardId>#token=<code>; 404 for an unknown or malformed code (a browser is sent to /join-invalid instead); 429 after too many wrong codes from one address.',
        // Any string: a malformed code is answered like an unknown one.
        params: z.object({ code: z.string() }),
        response: {
          302: z.null().meta({ description: 'To the board page (Location); the code travels in its fragment' }),
          ...ERROR_RESPONSES,
        },
      },
    },
    async (request, reply) => {
      reply.header('Cache-Control', 'no-store')
      const used = await wrongCodes(request, { increment: false })
      if (!used.isAllowed && used.remaining === 0) {
        return sendError(
          reply.header('Retry-After', String(used.ttlInSeconds)),
          429,
          'rate_limited',
          'too many wrong join codes from this address; try again in a minute',
        )
      }
      const found = await boards.boardForJoinCode(request.params.code)
      if (!found) {
        await wrongCodes(request)
        // A person who scanned an old QR code gets a page that says so, not a JSON error.
        if (request.headers.accept?.includes('text/html')) return reply.redirect(JOIN_INVALID_PATH, 302)
        return sendError(reply, 404, 'not_found', 'no board has this join code')
      }
      return reply.redirect(boards.joinTarget(found.board.id, found.code), 302)
    },
  )
}
