import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { BoardParams } from '../../shared/api.js'
import { ANY_ROLE } from '../http/boardAccess.js'
import { sendError } from '../http/errors.js'
import { memoContentDisposition } from '../pdf/fileName.js'
import { PdfQueueFullError, PdfRenderQueue, type PdfRenderQueueOptions } from '../pdf/PdfRenderQueue.js'
import { memoVoting } from '../pdf/memoContent.js'
import type { SnapshotService } from '../picture/SnapshotService.js'
import type { RoomManager } from '../rooms/RoomManager.js'

const PdfQuery = z.object({
  paper: z.enum(['a4', 'a3'], { error: 'paper must be a4 or a3' }).default('a4'),
  authors: z.enum(['0', '1'], { error: 'authors must be 0 or 1' }).default('0'),
})

const DEFAULT_LIMITS: PdfRenderQueueOptions = { concurrency: 2, maxQueued: 4, timeoutMs: 300_000 }

/** The workshop memo of a board as PDF, rendered in worker threads a few at a time. */
export const pdfRoutes: FastifyPluginAsyncZod<{
  rooms: RoomManager
  snapshots: SnapshotService
  limits?: Partial<PdfRenderQueueOptions>
}> = async (app, { rooms, snapshots, limits }) => {
  const queue = new PdfRenderQueue({ ...DEFAULT_LIMITS, ...limits })

  app.get(
    '/api/boards/:boardId/export.pdf',
    {
      config: { boardAccess: ANY_ROLE },
      schema: {
        summary: 'The workshop memo as PDF',
        description: 'Title page, the board drawn as vectors, and the report by category.',
        params: BoardParams,
        querystring: PdfQuery,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const { paper, authors } = request.query
      const { board } = request.boardAccess
      const snapshot = await rooms.peekLoaded(board.id).then((room) => snapshots.current(board.id, room))
      const exportedAt = new Date()
      let pdf: Buffer
      try {
        pdf = await queue.render({
          snapshot,
          paper,
          includeAuthors: authors === '1',
          exportedAt: exportedAt.toISOString(),
          ...memoVoting(snapshot),
        })
      } catch (error) {
        if (error instanceof PdfQueueFullError) {
          return sendError(
            reply.header('Retry-After', '10'),
            429,
            'rate_limited',
            'too many PDF exports at once; try again shortly',
          )
        }
        throw error
      }
      return reply
        .type('application/pdf')
        .header('Content-Disposition', memoContentDisposition(board.title, exportedAt))
        .header('Cache-Control', 'no-store')
        .send(pdf)
    },
  )
}
