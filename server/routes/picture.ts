import type { FastifyPluginAsync } from 'fastify'
import { checkImportRows, type NumberedRow } from '../../shared/noteImport.js'
import type { BoardService } from '../boards/BoardService.js'
import { ANY_ROLE, EDIT_ROLES } from '../http/boardAccess.js'
import { sendError } from '../http/errors.js'
import { toCsv } from '../picture/csv.js'
import { importNotes } from '../picture/importNotes.js'
import { importRowsFromCsv, notesTable } from '../picture/noteTable.js'
import type { SnapshotService } from '../picture/SnapshotService.js'
import type { RoomManager } from '../rooms/RoomManager.js'

const IMPORT_AUTHOR = { fi: 'Tuonti', sv: 'Import', en: 'Import' } as const

/** The situational picture of a board: snapshot, CSV export, and importing notes. */
export const pictureRoutes: FastifyPluginAsync<{
  boards: BoardService
  rooms: RoomManager
  snapshots: SnapshotService
}> = async (app, { rooms, snapshots }) => {
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_request, body, done) => done(null, body))

  const currentSnapshot = (boardId: string) => rooms.peekLoaded(boardId).then((room) => snapshots.current(boardId, room))

  app.get('/api/boards/:boardId/snapshot', { config: { boardAccess: ANY_ROLE } }, async (request) =>
    currentSnapshot(request.boardAccess.board.id),
  )

  app.get('/api/boards/:boardId/export.csv', { config: { boardAccess: ANY_ROLE } }, async (request, reply) => {
    const granted = request.boardAccess
    const snapshot = await currentSnapshot(granted.board.id)
    const filename = `tilannekuva-${granted.board.id}.csv`
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${filename}"`)
      .send(toCsv(notesTable(snapshot)))
  })

  app.post(
    '/api/boards/:boardId/notes',
    { bodyLimit: 2 * 1024 * 1024, config: { boardAccess: EDIT_ROLES } },
    async (request, reply) => {
      const granted = request.boardAccess
      let rows: NumberedRow[]
      if (typeof request.body === 'string') {
        const csv = importRowsFromCsv(request.body)
        if (!csv.ok) return sendError(reply, 400, 'bad_request', csv.message, csv.problems)
        rows = csv.rows
      } else if (Array.isArray(request.body)) {
        // A JSON array's rows are numbered from 1 as people count them.
        rows = request.body.map((values: unknown, i) => ({ row: i + 1, values }))
      } else {
        return sendError(reply, 400, 'bad_request', 'send a JSON array of notes, or CSV (text/csv)')
      }
      const checked = checkImportRows(rows)
      if (!checked.ok) return sendError(reply, 400, 'bad_request', checked.message, checked.problems)
      const notes = checked.notes

      const room = await rooms.getRoom(granted.board.id)
      try {
        const ids = importNotes(room, notes, IMPORT_AUTHOR[granted.board.language])
        await room.whenStored()
        return reply.code(201).send({ imported: ids.length, ids })
      } finally {
        rooms.release(room)
      }
    },
  )
}
