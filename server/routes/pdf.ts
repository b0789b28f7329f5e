import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { BoardParams } from '../../shared/api.js'
import { computeChanges } from '../../shared/changes.js'
import { VersionId } from '../../shared/versions.js'
import { ANY_ROLE, EDIT_ROLES } from '../http/boardAccess.js'
import { sendError } from '../http/errors.js'
import { attachmentDisposition } from '../http/downloadFileName.js'
import { PdfQueueFullError, PdfRenderQueue, type PdfRenderQueueOptions } from '../pdf/PdfRenderQueue.js'
import type { MemoChanges } from '../pdf/changesSection.js'
import { memoVoting } from '../pdf/memoContent.js'
import type { SnapshotService } from '../picture/SnapshotService.js'
import type { RoomManager } from '../rooms/RoomManager.js'
import { snapshotOfVersion } from '../versions/versionSnapshot.js'
import type { VersionService } from '../versions/VersionService.js'

const PdfQuery = z.object({
  paper: z.enum(['a4', 'a3'], { error: 'paper must be a4 or a3' }).default('a4'),
  authors: z.enum(['0', '1'], { error: 'authors must be 0 or 1' }).default('0'),
  /** Adds a "changes since" section: what changed since this version (facilitator and edit links). */
  changesSince: VersionId.optional(),
})

const DEFAULT_LIMITS: PdfRenderQueueOptions = { concurrency: 2, maxQueued: 4, timeoutMs: 300_000 }

/** The workshop memo of a board as PDF, rendered in worker threads a few at a time. */
export const pdfRoutes: FastifyPluginAsyncZod<{
  rooms: RoomManager
  snapshots: SnapshotService
  versions?: VersionService
  limits?: Partial<PdfRenderQueueOptions>
}> = async (app, { rooms, snapshots, versions, limits }) => {
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
      const { paper, authors, changesSince } = request.query
      const { board, role } = request.boardAccess
      const snapshot = await rooms.peekLoaded(board.id).then((room) => snapshots.current(board.id, room))
      let changes: MemoChanges | undefined
      if (changesSince) {
        // The history is for facilitator and edit links (server/routes/versions.ts).
        if (!EDIT_ROLES.includes(role)) return sendError(reply, 403, 'forbidden', `a ${role} link cannot read versions`)
        const version = await versions?.find(board.id, changesSince)
        if (!version) return sendError(reply, 404, 'not_found', `no version ${changesSince} on this board`)
        changes = {
          since: { name: version.name, createdAt: version.createdAt },
          changes: computeChanges(snapshotOfVersion(version), snapshot),
        }
      }
      const exportedAt = new Date()
      let pdf: Buffer
      try {
        pdf = await queue.render({
          snapshot,
          paper,
          includeAuthors: authors === '1',
          exportedAt: exportedAt.toISOString(),
          ...memoVoting(snapshot),
          ...(changes ? { changes } : {}),
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
        .header('Content-Disposition', attachmentDisposition(board.title, exportedAt, 'pdf'))
        .header('Cache-Control', 'no-store')
        .send(pdf)
    },
  )
}
