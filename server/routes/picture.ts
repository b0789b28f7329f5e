import type { FastifyPluginAsync } from 'fastify'
import { MAX_IMPORT_ROWS, type ImportedNote, normalizeImportRow } from '../../shared/noteImport.js'
import type { BoardService } from '../boards/BoardService.js'
import { ANY_ROLE, EDIT_ROLES } from '../http/boardAccess.js'
import { sendError } from '../http/errors.js'
import { CsvError, parseCsv, toCsv } from '../picture/csv.js'
import { importNotes } from '../picture/importNotes.js'
import { notesTable, rowsFromTable } from '../picture/noteTable.js'
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
      let rows: unknown[]
      if (typeof request.body === 'string') {
        let table: string[][]
        try {
          table = parseCsv(request.body)
        } catch (error) {
          if (error instanceof CsvError) return sendError(reply, 400, 'bad_request', `CSV: ${error.message}`)
          throw error
        }
        const parsed = rowsFromTable(table)
        if (parsed.unknownHeaders.length > 0) {
          return sendError(reply, 400, 'bad_request', 'unknown CSV columns', parsed.unknownHeaders.map((name) => ({ path: 'header', message: `unknown column "${name}"` })))
        }
        rows = parsed.rows
      } else if (Array.isArray(request.body)) {
        rows = request.body
      } else {
        return sendError(reply, 400, 'bad_request', 'send a JSON array of notes, or CSV (text/csv)')
      }
      if (rows.length === 0) return sendError(reply, 400, 'bad_request', 'no notes to import')
      if (rows.length > MAX_IMPORT_ROWS) {
        return sendError(reply, 400, 'bad_request', `at most ${MAX_IMPORT_ROWS} notes in one import`)
      }
      const notes: ImportedNote[] = []
      const issues: { path: string; message: string }[] = []
      rows.forEach((row, i) => {
        const result = normalizeImportRow(row)
        // Rows are numbered from 1 as people count them (CSV: the first row after the header).
        if (result.ok) notes.push(result.note)
        else for (const message of result.errors) issues.push({ path: `row ${i + 1}`, message })
      })
      if (issues.length > 0) return sendError(reply, 400, 'bad_request', 'some rows are invalid; nothing was imported', issues)

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
