/** Request and response shapes of the REST API, shared by server (validation) and client (parsing). */
import { z } from 'zod'
import { BoardId } from './ids.js'
import { Language } from './language.js'
import { Problem } from './problems.js'
import { BoardTemplateId } from './templates.js'

export const TITLE_MAX_LENGTH = 200

export const Role = z.enum(['facilitator', 'edit', 'view'])
export type Role = z.infer<typeof Role>

export { BoardTemplateId, DEFAULT_TEMPLATE } from './templates.js'
export const REGION_MAX_LENGTH = 100

export const CreateBoardRequest = z.strictObject({
  title: z
    .string()
    .trim()
    .min(1, 'title must not be empty')
    .max(TITLE_MAX_LENGTH, `title must be at most ${TITLE_MAX_LENGTH} characters`),
  template: BoardTemplateId.optional(),
  /** Language of the template's labels and the board's default UI language. */
  language: Language.optional(),
  /** Region shown in the title area, e.g. "Keski-Suomi". */
  region: z.string().trim().max(REGION_MAX_LENGTH).optional(),
})
export type CreateBoardRequest = z.infer<typeof CreateBoardRequest>

export const Board = z.object({
  id: BoardId,
  title: z.string(),
  template: BoardTemplateId,
  language: Language,
  createdAt: z.iso.datetime(),
})
export type Board = z.infer<typeof Board>

const PerRole = <T extends z.ZodType>(value: T) => z.object({ facilitator: value, edit: value, view: value })

export const CreateBoardResponse = z.object({
  board: Board,
  /** Capability tokens; shown once, stored by the server only as hashes. */
  tokens: PerRole(z.string()),
  /** Links that open the board with each role (absolute when PUBLIC_URL is set). */
  links: PerRole(z.string()),
  /** The short readable participant link (opens the edit role) and its code XXXX-XXXX-XXXX. */
  join: z.object({ code: z.string(), link: z.string() }),
})
export type CreateBoardResponse = z.infer<typeof CreateBoardResponse>

export const GetBoardResponse = z.object({ board: Board, role: Role })
export type GetBoardResponse = z.infer<typeof GetBoardResponse>

/** Path parameters of every `/api/boards/:boardId…` route. */
export const BoardParams = z.object({ boardId: BoardId })
export type BoardParams = z.infer<typeof BoardParams>

/**
 * Notes to import: a JSON array of rows `{ category, text, author?, ...fields }` (each row is
 * checked by shared/noteImport.ts, so a bad row is named by its number), or a CSV (`text/csv`)
 * in the export's columns.
 */
export const ImportNotesRequest = z.union(
  [
    z.array(z.unknown()).meta({ description: 'rows { category, text, author?, ...fields }' }),
    z.string().meta({ description: 'CSV (text/csv) in the columns of export.csv' }),
  ],
  { error: 'send a JSON array of notes, or CSV (text/csv)' },
)
export const ImportNotesResponse = z.object({ imported: z.number().int(), ids: z.array(z.string()) })
export type ImportNotesResponse = z.infer<typeof ImportNotesResponse>

/**
 * The websocket's query string (a stock y-websocket client sends `params` here): the board token,
 * and the device's participant secret (shared/facilitation.ts), which binds the connection to a person.
 */
export const SyncQuery = z.object({ token: z.string().optional(), participant: z.string().optional() })

export const HealthResponse = z.object({ status: z.literal('ok') })

export const ErrorCode = z.enum([
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'payload_too_large',
  'unsupported_media_type',
  'internal_error',
  'unavailable',
  /** Too many requests of a costly kind at once (PDF exports); retry after a moment. */
  'rate_limited',
  /** A board holds as many of something (participant identities) as it may; retrying cannot help. */
  'limit_reached',
  /** A vote the round's rules do not allow; `reason` says which (VoteRefusal in shared/voting.ts). */
  'vote_refused',
  /** The facilitator froze the board: participants change nothing until it is unfrozen. */
  'board_frozen',
  /** A version stored under a newer tldraw schema than this server knows: restore it after upgrading. */
  'version_schema_too_new',
])
export type ErrorCode = z.infer<typeof ErrorCode>

export const ErrorBody = z.object({
  error: ErrorCode,
  message: z.string(),
  /** Per-field or per-row problems for validation errors, as codes (see shared/problems.ts). */
  issues: z.array(Problem).optional(),
  /** For refusals with several causes (votes), which one: the client words it for the person. */
  reason: z.string().optional(),
})
export type ErrorBody = z.infer<typeof ErrorBody>

/** The board link carries its token in the URL fragment, which browsers never send to a server. */
export function boardPath(boardId: string, token: string): string {
  return `/b/${boardId}#token=${encodeURIComponent(token)}`
}

/** The short participant link of a join code; the server redirects it to the board (edit role). */
export function joinPath(code: string): string {
  return `/j/${code}`
}

/** Reads the token from a board link's fragment ('#token=…'); null when there is none. */
export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash)
  const token = params.get('token')
  return token && token.length > 0 ? token : null
}
