/**
 * Board access for HTTP routes, resolved once per request. A route opts in by naming the roles
 * it allows in its config, and its handler reads what the token opened:
 *
 *   app.get('/api/boards/:boardId/things', { config: { boardAccess: ANY_ROLE } }, async (request) => {
 *     const { board, role } = request.boardAccess
 *   })
 *
 * The check runs in `onRequest`, before the body is parsed: a caller without a valid token never
 * gets a large body read. Refusals are JSON errors: 401 missing or wrong token, 404 unknown board,
 * 403 a role the route does not allow. The route's path must have a `:boardId` parameter.
 */
// @fastify/swagger's types give route schemas their `security` and `description`.
import type {} from '@fastify/swagger'
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify'
import { Role } from '../../shared/api.js'
import { assertNever } from '../../shared/assertNever.js'
import type { Access, BoardService, GrantedAccess } from '../boards/BoardService.js'
import { bearerToken, sendError } from './errors.js'

/** Every role: anyone with a link of the board. */
export const ANY_ROLE: readonly Role[] = Role.options
/** Roles that may change a board's content. */
export const EDIT_ROLES: readonly Role[] = ['facilitator', 'edit']

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Roles whose token opens this route; the route's path needs a `:boardId` parameter. */
    boardAccess?: readonly Role[]
  }
  interface FastifyRequest {
    /** The board and role the request's token opened; only on routes with `config.boardAccess`. */
    readonly boardAccess: GrantedAccess
  }
}

/** Name of the bearer scheme in the OpenAPI document. */
export const BOARD_TOKEN_SCHEME = 'boardToken'

type Refusal = Exclude<Access, { ok: true }>

const granted = new WeakMap<FastifyRequest, GrantedAccess>()

function refuse(reply: FastifyReply, refusal: Refusal): FastifyReply {
  switch (refusal.reason) {
    case 'unauthorized':
      return sendError(reply, 401, 'unauthorized', 'this token does not open the board')
    case 'revoked':
      return sendError(reply, 401, 'unauthorized', 'this link was replaced by a new one and opens the board no more')
    case 'not_found':
      return sendError(reply, 404, 'not_found', 'no such board')
    case 'forbidden':
      return sendError(reply, 403, 'forbidden', `a ${refusal.role} link cannot do this`)
    default:
      return assertNever(refusal)
  }
}

function accessHook(boards: BoardService, allowed: readonly Role[]): onRequestHookHandler {
  return async (request, reply) => {
    const token = bearerToken(request.headers.authorization)
    // Returning the reply ends the request here (Fastify's way for async hooks).
    if (!token) return sendError(reply, 401, 'unauthorized', 'send the board token as Authorization: Bearer <token>')
    const { boardId } = request.params as { boardId?: string }
    const access = await boards.authorize(boardId ?? '', token, allowed)
    if (!access.ok) return refuse(reply, access)
    granted.set(request, { board: access.board, role: access.role })
  }
}

/**
 * Gives every route registered after this call (on `app` and its child plugins) the
 * `config.boardAccess` opt-in described above, and marks such routes in the OpenAPI document
 * as needing a board token.
 */
export function installBoardAccess(app: FastifyInstance, boards: BoardService): void {
  app.decorateRequest('boardAccess', {
    getter(this: FastifyRequest): GrantedAccess {
      const access = granted.get(this)
      if (!access) throw new Error(`${this.routeOptions.url ?? this.url} has no config.boardAccess`)
      return access
    },
  })
  app.addHook('onRoute', (route) => {
    const allowed = route.config?.boardAccess
    if (!allowed) return
    if (!route.url.includes(':boardId')) throw new Error(`${route.url}: config.boardAccess needs a :boardId parameter`)
    const own = route.onRequest
    const hook = accessHook(boards, allowed)
    // Access is decided before any hook of the route's own.
    route.onRequest = own ? [hook, ...(Array.isArray(own) ? own : [own])] : [hook]
    route.schema = {
      ...route.schema,
      security: [{ [BOARD_TOKEN_SCHEME]: [] }],
      description: [route.schema?.description, `Opens with a ${allowed.join(', ')} token.`].filter(Boolean).join(' '),
    }
  })
}
