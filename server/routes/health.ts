import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { HealthResponse } from '../../shared/api.js'
import { sendError } from '../http/errors.js'
import { ERROR_RESPONSES } from '../http/openapi.js'
import type { WriteWatchedStorage } from '../storage/WriteWatchedStorage.js'

/** GET /api/health: ok while storage answers and its writes succeed, else 503. */
export const healthRoutes: FastifyPluginAsyncZod<{ storage: WriteWatchedStorage }> = async (app, { storage }) => {
  const schema = {
    summary: 'Whether the server and its storage answer',
    response: { 200: HealthResponse, ...ERROR_RESPONSES },
  }
  app.get('/api/health', { schema }, async (request, reply) => {
    // Reads may still work on a full disk; what matters is whether edits are being saved.
    if (storage.writesFailing) {
      request.log.error({ err: storage.writeError }, 'health: storage writes are failing')
      return sendError(reply, 503, 'unavailable', 'storage writes are failing: boards are not being saved')
    }
    try {
      await storage.ping()
      return { status: 'ok' as const }
    } catch (error) {
      request.log.error({ err: error }, 'storage health check failed')
      return sendError(reply, 503, 'unavailable', 'storage is not reachable')
    }
  })
}
