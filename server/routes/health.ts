import type { FastifyPluginAsync } from 'fastify'
import { sendError } from '../http/errors.js'
import type { BoardStorage } from '../storage/BoardStorage.js'

export const healthRoutes: FastifyPluginAsync<{ storage: BoardStorage }> = async (app, { storage }) => {
  app.get('/api/health', async (request, reply) => {
    try {
      await storage.ping()
      return { status: 'ok' }
    } catch (error) {
      request.log.error({ err: error }, 'storage health check failed')
      return sendError(reply, 503, 'unavailable', 'storage is not reachable')
    }
  })
}
