import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { TimeResponse } from '../../shared/facilitation.js'
import { ERROR_RESPONSES } from '../http/openapi.js'

/** GET /api/time: the server's clock, so clients show the facilitator's timer in it. */
export const timeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/time',
    {
      schema: {
        summary: "The server's clock (epoch ms)",
        description: 'Clients measure their offset to it once and show timers in the server clock.',
        response: { 200: TimeResponse, ...ERROR_RESPONSES },
      },
    },
    // A cached answer would be a wrong clock.
    async (_request, reply) => reply.header('Cache-Control', 'no-store').send({ now: Date.now() }),
  )
}
