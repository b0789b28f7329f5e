import type { FastifyReply } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { BoardParams } from '../../shared/api.js'
import { computeChanges } from '../../shared/changes.js'
import { BoardSnapshot } from '../../shared/snapshot.js'
import {
  ChangesQuery,
  ChangesResponse,
  CreateVersionRequest,
  RestoreResponse,
  VersionParams,
  VersionSummary,
  VersionsResponse,
} from '../../shared/versions.js'
import { EDIT_ROLES } from '../http/boardAccess.js'
import { sendError } from '../http/errors.js'
import { ERROR_RESPONSES } from '../http/openapi.js'
import type { SnapshotService } from '../picture/SnapshotService.js'
import type { RoomManager } from '../rooms/RoomManager.js'
import { snapshotOfVersion, summaryOf } from '../versions/versionSnapshot.js'
import { VersionNotFoundError, VersionSchemaTooNewError, type VersionService } from '../versions/VersionService.js'

/**
 * Version history: list and read (facilitator and edit links: a view link, often shown to a wide
 * audience, does not see notes that were removed on purpose), create and restore (facilitator).
 */
export const versionRoutes: FastifyPluginAsyncZod<{
  rooms: RoomManager
  snapshots: SnapshotService
  versions: VersionService
}> = async (app, { rooms, snapshots, versions }) => {
  const notFound = (reply: FastifyReply, error: unknown) => {
    if (error instanceof VersionNotFoundError) return sendError(reply, 404, 'not_found', error.message)
    if (error instanceof VersionSchemaTooNewError) {
      return sendError(reply, 409, 'version_schema_too_new', error.message)
    }
    throw error
  }

  app.get(
    '/api/boards/:boardId/versions',
    {
      config: { boardAccess: EDIT_ROLES },
      schema: {
        summary: "The board's versions, newest first",
        params: BoardParams,
        response: { 200: VersionsResponse, ...ERROR_RESPONSES },
      },
    },
    async (request) => ({ versions: await versions.list(request.boardAccess.board.id) }),
  )

  app.get(
    '/api/boards/:boardId/versions/:versionId',
    {
      config: { boardAccess: EDIT_ROLES },
      schema: {
        summary: "A version's situational picture (BoardSnapshot)",
        params: VersionParams,
        response: {
          200: { description: 'The BoardSnapshot', content: { 'application/json': { schema: BoardSnapshot } } },
          ...ERROR_RESPONSES,
        },
      },
    },
    async (request, reply) => {
      try {
        const version = await versions.load(request.boardAccess.board.id, request.params.versionId)
        return reply
          .type('application/json; charset=utf-8')
          .code(200)
          .send(JSON.stringify(snapshotOfVersion(version)))
      } catch (error) {
        return notFound(reply, error)
      }
    },
  )

  app.get(
    '/api/boards/:boardId/versions/:versionId/state',
    {
      config: { boardAccess: EDIT_ROLES },
      schema: {
        summary: "A version's Yjs state (encodeStateAsUpdate), to show it on a canvas of its own",
        params: VersionParams,
        produces: ['application/octet-stream'],
      },
    },
    async (request, reply) => {
      try {
        const version = await versions.load(request.boardAccess.board.id, request.params.versionId)
        return reply
          .type('application/octet-stream')
          .header('Cache-Control', 'no-store')
          .send(Buffer.from(version.state.buffer, version.state.byteOffset, version.state.byteLength))
      } catch (error) {
        return notFound(reply, error)
      }
    },
  )

  app.post(
    '/api/boards/:boardId/versions',
    {
      bodyLimit: 4 * 1024,
      config: { boardAccess: ['facilitator'] },
      schema: {
        summary: 'Store a named version of the board as it is now',
        params: BoardParams,
        body: CreateVersionRequest,
        response: { 201: VersionSummary, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const { board, role } = request.boardAccess
      const room = await rooms.getRoom(board.id)
      try {
        return reply.code(201).send(await versions.createNamed(room, request.body.name, role))
      } finally {
        rooms.release(room)
      }
    },
  )

  app.post(
    '/api/boards/:boardId/versions/:versionId/restore',
    {
      config: { boardAccess: ['facilitator'] },
      schema: {
        summary: "Make the live board's records those of a version",
        description:
          'First stores a before-restore version of the board as it is (restoring that one undoes this), then ' +
          'writes the difference as one change everyone connected receives. Timer, freeze, voting rounds and votes ' +
          'are not changed. History is never deleted.',
        params: VersionParams,
        response: { 200: RestoreResponse, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const { board, role } = request.boardAccess
      // Checked before the room loads: an unknown id changes nothing, not even a before-restore version.
      try {
        await versions.load(board.id, request.params.versionId)
      } catch (error) {
        return notFound(reply, error)
      }
      const room = await rooms.getRoom(board.id)
      try {
        return await versions.restore(room, request.params.versionId, role)
      } catch (error) {
        return notFound(reply, error)
      } finally {
        rooms.release(room)
      }
    },
  )

  app.get(
    '/api/boards/:boardId/changes',
    {
      config: { boardAccess: EDIT_ROLES },
      schema: {
        summary: 'What changed from one version to another, or to the live board (to=live, the default)',
        params: BoardParams,
        querystring: ChangesQuery,
        response: { 200: ChangesResponse, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const boardId = request.boardAccess.board.id
      const { from, to } = request.query
      try {
        const fromVersion = await versions.load(boardId, from)
        const toVersion = to === 'live' ? null : await versions.load(boardId, to)
        const after = toVersion
          ? snapshotOfVersion(toVersion)
          : await snapshots.current(boardId, await rooms.peekLoaded(boardId))
        return {
          from: summaryOf(fromVersion),
          to: toVersion ? summaryOf(toVersion) : null,
          changes: computeChanges(snapshotOfVersion(fromVersion), after),
        }
      } catch (error) {
        return notFound(reply, error)
      }
    },
  )
}
