import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { BoardParams, ImportNotesRequest, ImportNotesResponse } from '../../shared/api.js'
import { BoardSnapshot } from '../../shared/snapshot.js'
import { RoundId } from '../../shared/voting.js'
import { checkImportRows, type NumberedRow } from '../../shared/noteImport.js'
import type { BoardService } from '../boards/BoardService.js'
import { ANY_ROLE, EDIT_ROLES } from '../http/boardAccess.js'
import { sendError } from '../http/errors.js'
import { ERROR_RESPONSES } from '../http/openapi.js'
import { toCsv } from '../picture/csv.js'
import { importNotes } from '../picture/importNotes.js'
import { importRowsFromCsv, notesTable, roundForTable } from '../picture/noteTable.js'
import type { SnapshotService } from '../picture/SnapshotService.js'
import type { RoomManager } from '../rooms/RoomManager.js'
import { isReadOnlyFor } from '../rooms/updateRules.js'

const IMPORT_AUTHOR = { fi: 'Tuonti', sv: 'Import', en: 'Import' } as const

/** The situational picture of a board: snapshot, CSV export, and importing notes. */
export const pictureRoutes: FastifyPluginAsyncZod<{
  boards: BoardService
  rooms: RoomManager
  snapshots: SnapshotService
}> = async (app, { rooms, snapshots }) => {
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  )

  const currentSnapshot = (boardId: string) =>
    rooms.peekLoaded(boardId).then((room) => snapshots.current(boardId, room))

  app.get(
    '/api/boards/:boardId/snapshot',
    {
      config: { boardAccess: ANY_ROLE },
      schema: {
        summary: "The board's situational picture (BoardSnapshot)",
        params: BoardParams,
        // Documents the answer; the handler sends a JSON string, which Fastify never serialises.
        response: {
          200: { description: 'The BoardSnapshot', content: { 'application/json': { schema: BoardSnapshot } } },
          ...ERROR_RESPONSES,
        },
      },
    },
    // The snapshot's JSON is sent as it was built or stored, not parsed and serialised again.
    async (request, reply) => {
      const boardId = request.boardAccess.board.id
      const json = await snapshots.currentJson(boardId, await rooms.peekLoaded(boardId))
      return reply.type('application/json; charset=utf-8').code(200).send(json)
    },
  )

  app.get(
    '/api/boards/:boardId/export.csv',
    {
      config: { boardAccess: ANY_ROLE },
      schema: {
        summary: 'The notes as CSV for Excel (UTF-8 with BOM, ";" between cells)',
        description:
          'With a voting round whose results may be seen, a votes column and one per stakeholder group follow: ' +
          'the latest such round, or `round`.',
        params: BoardParams,
        querystring: z.object({ round: RoundId.optional() }),
        produces: ['text/csv'],
        response: {
          200: { description: "The board's notes", content: { 'text/csv': { schema: z.string() } } },
          ...ERROR_RESPONSES,
        },
      },
    },
    async (request, reply) => {
      const granted = request.boardAccess
      const snapshot = await currentSnapshot(granted.board.id)
      const round = roundForTable(snapshot, request.query.round)
      if (request.query.round && !round) {
        return sendError(reply, 404, 'not_found', 'no round with visible results by that id on this board')
      }
      const filename = `tilannekuva-${granted.board.id}.csv`
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${filename}"`)
        .send(toCsv(notesTable(snapshot, round)))
    },
  )

  app.post(
    '/api/boards/:boardId/notes',
    {
      bodyLimit: 2 * 1024 * 1024,
      config: { boardAccess: EDIT_ROLES },
      schema: {
        summary: 'Import notes from a JSON array or a CSV; nothing is applied if any row is bad',
        description:
          "The board rules apply as to the caller's own edits: while the board is frozen an edit link gets 409 " +
          "`board_frozen`; during an anonymous round the notes carry no author; only a facilitator's import grows " +
          "or moves the template's zones (an edit link's notes that do not fit go to a column right of the board).",
        consumes: ['application/json', 'text/csv'],
        params: BoardParams,
        body: ImportNotesRequest,
        response: { 201: ImportNotesResponse, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const granted = request.boardAccess
      let rows: NumberedRow[]
      if (typeof request.body === 'string') {
        const csv = importRowsFromCsv(request.body)
        if (!csv.ok) return sendError(reply, 400, 'bad_request', csv.message, csv.problems)
        rows = csv.rows
      } else {
        // A JSON array's rows are numbered from 1 as people count them.
        rows = request.body.map((values: unknown, i) => ({ row: i + 1, values }))
      }
      const checked = checkImportRows(rows)
      if (!checked.ok) return sendError(reply, 400, 'bad_request', checked.message, checked.problems)
      const notes = checked.notes

      const room = await rooms.getRoom(granted.board.id)
      try {
        // The rules would undo every note of it; say so instead of answering 201 for nothing.
        if (isReadOnlyFor(granted.role, room.facilitationState)) {
          return sendError(
            reply,
            409,
            'board_frozen',
            'the board is frozen: only a facilitator can add notes until it is unfrozen',
          )
        }
        const ids = importNotes(room, notes, IMPORT_AUTHOR[granted.board.language], granted.role)
        await room.whenStored()
        return reply.code(201).send({ imported: ids.length, ids })
      } finally {
        rooms.release(room)
      }
    },
  )
}
