import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { HealthResponse } from '../../shared/api.js'
import { sendError } from '../http/errors.js'
import { ERROR_RESPONSES } from '../http/openapi.js'
import type { BoardStorage } from '../storage/BoardStorage.js'

/** GET /api/health: ok while storage answers, else 503. */
export const healthRoutes: FastifyPluginAsyncZod<{ storage: BoardStorage }> = async (app, { storage }) => {
  const schema = { summary: 'Whether the server and its storage answer', response: { 200: HealthResponse, ...ERROR_RESPONSES } }
  app.get('/api/health', { schema }, async (request, reply) => {
    try {
      await storage.ping()
      return { status: 'ok' as const }
    } catch (error) {
      request.log.error({ err: error }, 'storage health check failed')
      return sendError(reply, 503, 'unavailable', 'storage is not reachable')
    }
  })
}
