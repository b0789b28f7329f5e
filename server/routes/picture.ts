import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { Role } from '../../shared/api.js'
import { MAX_IMPORT_ROWS, type ImportedNote, normalizeImportRow } from '../../shared/noteImport.js'
import type { BoardService } from '../boards/BoardService.js'
import { bearerToken, sendError } from '../http/errors.js'
import { CsvError, parseCsv, toCsv } from '../picture/csv.js'
import { importNotes } from '../picture/importNotes.js'
import { notesTable, rowsFromTable } from '../picture/noteTable.js'
import type { SnapshotService } from '../picture/SnapshotService.js'
import type { RoomManager } from '../rooms/RoomManager.js'

type BoardRequest = FastifyRequest<{ Params: { boardId: string } }>

const IMPORT_AUTHOR = { fi: 'Tuonti', sv: 'Import', en: 'Import' } as const

/** The situational picture of a board: snapshot, CSV export, and importing notes. */
export const pictureRoutes: FastifyPluginAsync<{
  boards: BoardService
  rooms: RoomManager
  snapshots: SnapshotService
}> = async (app, { boards, rooms, snapshots }) => {
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_request, body, done) => done(null, body))

  /** Resolves the caller's access, or replies with 401/403/404 and returns null. */
  async function access(request: BoardRequest, reply: FastifyReply, allowed: readonly Role[]) {
    const token = bearerToken(request.headers.authorization)
    if (!token) {
      sendError(reply, 401, 'unauthorized', 'send the board token as Authorization: Bearer <token>')
      return null
    }
    const result = await boards.authorize(request.params.boardId, token)
    if (!result.ok) {
      if (result.reason === 'not_found') sendError(reply, 404, 'not_found', 'no such board')
      else sendError(reply, 401, 'unauthorized', 'this token does not open the board')
      return null
    }
    if (!allowed.includes(result.role)) {
      sendError(reply, 403, 'forbidden', `a ${result.role} link cannot do this`)
      return null
    }
    return result
  }

  const currentSnapshot = (boardId: string) => rooms.peekLoaded(boardId).then((room) => snapshots.current(boardId, room))

  app.get<{ Params: { boardId: string } }>('/api/boards/:boardId/snapshot', async (request, reply) => {
    if (!(await access(request, reply, ['facilitator', 'edit', 'view']))) return reply
    return currentSnapshot(request.params.boardId)
  })

  app.get<{ Params: { boardId: string } }>('/api/boards/:boardId/export.csv', async (request, reply) => {
    const granted = await access(request, reply, ['facilitator', 'edit', 'view'])
    if (!granted) return reply
    const snapshot = await currentSnapshot(request.params.boardId)
    const filename = `tilannekuva-${granted.board.id}.csv`
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${filename}"`)
      .send(toCsv(notesTable(snapshot)))
  })

  app.post<{ Params: { boardId: string } }>(
    '/api/boards/:boardId/notes',
    { bodyLimit: 2 * 1024 * 1024 },
    async (request, reply) => {
      const granted = await access(request, reply, ['facilitator', 'edit'])
      if (!granted) return reply
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
