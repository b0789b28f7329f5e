/** The REST API as the client uses it: typed results instead of exceptions for expected failures. */
import { z } from 'zod'
import {
  type Board,
  type CreateBoardRequest,
  CreateBoardResponse,
  ErrorBody,
  GetBoardResponse,
  type Role,
} from '../shared/api.js'
import {
  type FacilitationCommand,
  FacilitationResponse,
  PARTICIPANT_HEADER,
  PeopleResponse,
  type RegisterParticipantRequest,
  RegisterParticipantResponse,
  TimeResponse,
  type UpdateParticipantRequest,
} from '../shared/facilitation.js'
import type { Problem } from '../shared/problems.js'

export type CreateBoardResult =
  | { ok: true; created: CreateBoardResponse }
  | { ok: false; reason: 'invalid' | 'network' | 'server'; message?: string }

export async function createBoard(request: CreateBoardRequest): Promise<CreateBoardResult> {
  let response: Response
  try {
    response = await fetch('/api/boards', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    })
  } catch {
    return { ok: false, reason: 'network' }
  }
  const body: unknown = await response.json().catch(() => null)
  if (response.status === 201) {
    const parsed = CreateBoardResponse.safeParse(body)
    return parsed.success ? { ok: true, created: parsed.data } : { ok: false, reason: 'server' }
  }
  const error = ErrorBody.safeParse(body)
  return {
    ok: false,
    reason: response.status === 400 ? 'invalid' : 'server',
    ...(error.success ? { message: error.data.message } : {}),
  }
}

export type ImportBoardResult =
  | { ok: true; created: CreateBoardResponse }
  | { ok: false; reason: 'notBoard' | 'tooLarge' | 'rateLimited' | 'network' | 'server' }

/** Makes a new board of a board file (GET /api/boards/:id/file on another server); sends the text as it is. */
export async function importBoardFile(fileText: string): Promise<ImportBoardResult> {
  let response: Response
  try {
    response = await fetch('/api/boards/import', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: fileText,
    })
  } catch {
    return { ok: false, reason: 'network' }
  }
  if (response.status === 201) {
    const parsed = CreateBoardResponse.safeParse(await response.json().catch(() => null))
    return parsed.success ? { ok: true, created: parsed.data } : { ok: false, reason: 'server' }
  }
  const reasons: Record<number, 'notBoard' | 'tooLarge' | 'rateLimited'> = {
    400: 'notBoard',
    413: 'tooLarge',
    429: 'rateLimited',
  }
  return { ok: false, reason: reasons[response.status] ?? 'server' }
}

export type GetBoardResult =
  | { ok: true; board: Board; role: Role }
  | { ok: false; reason: 'unauthorized' | 'not_found' | 'network' | 'server' }

/** Opens a board with a token; the token travels only in the Authorization header. */
export async function getBoard(boardId: string, token: string): Promise<GetBoardResult> {
  let response: Response
  try {
    response = await fetch(`/api/boards/${encodeURIComponent(boardId)}`, {
      headers: { authorization: `Bearer ${token}` },
      cache: 'no-store',
    })
  } catch {
    return { ok: false, reason: 'network' }
  }
  if (response.status === 401) return { ok: false, reason: 'unauthorized' }
  if (response.status === 404) return { ok: false, reason: 'not_found' }
  if (!response.ok) return { ok: false, reason: 'server' }
  const parsed = GetBoardResponse.safeParse(await response.json().catch(() => null))
  return parsed.success ? { ok: true, ...parsed.data } : { ok: false, reason: 'server' }
}

/** csv and json are the picture; board is the whole board as a file, to move it (facilitators). */
export type ExportFormat = 'csv' | 'json' | 'board'

export type ExportResult = { ok: true; blob: Blob } | { ok: false; reason: 'network' | 'server' }

const EXPORT_PATHS: Record<ExportFormat, string> = { csv: 'export.csv', json: 'snapshot', board: 'file' }

/** The file name extension of each download. */
export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = { csv: 'csv', json: 'json', board: 'tilannekuva.json' }

/** The board's notes as CSV, its whole snapshot as JSON, or the board file, as the server makes them. */
export async function fetchExport(boardId: string, token: string, format: ExportFormat): Promise<ExportResult> {
  try {
    const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/${EXPORT_PATHS[format]}`, {
      headers: { authorization: `Bearer ${token}` },
      cache: 'no-store',
    })
    if (!response.ok) return { ok: false, reason: 'server' }
    return { ok: true, blob: await response.blob() }
  } catch {
    return { ok: false, reason: 'network' }
  }
}

const ImportResponse = z.object({ imported: z.number().int().nonnegative(), ids: z.array(z.string()) })

export type ImportResult =
  | { ok: true; imported: number }
  | { ok: false; reason: 'invalid'; message: string; issues: Problem[] }
  | { ok: false; reason: 'forbidden' | 'network' | 'server' }

/** Sends a CSV of notes to the board; the server places them in their zones or refuses them all. */
export async function importNotesCsv(boardId: string, token: string, csv: string): Promise<ImportResult> {
  let response: Response
  try {
    response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/notes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv; charset=utf-8' },
      body: csv,
    })
  } catch {
    return { ok: false, reason: 'network' }
  }
  const body: unknown = await response.json().catch(() => null)
  if (response.status === 201) {
    const parsed = ImportResponse.safeParse(body)
    return parsed.success ? { ok: true, imported: parsed.data.imported } : { ok: false, reason: 'server' }
  }
  if (response.status === 401 || response.status === 403) return { ok: false, reason: 'forbidden' }
  const error = ErrorBody.safeParse(body)
  if (response.status === 400 && error.success) {
    return { ok: false, reason: 'invalid', message: error.data.message, issues: error.data.issues ?? [] }
  }
  return { ok: false, reason: 'server' }
}

// ---------- facilitation: participants, people, commands, server time

export type ApiFailure = 'invalid' | 'unauthorized' | 'forbidden' | 'not_found' | 'network' | 'server'
/** A failure carries the answer's JSON body, for routes whose refusals say why (e.g. votes). */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; reason: ApiFailure; body?: unknown }

function failureFor(status: number): ApiFailure {
  switch (status) {
    case 400:
      return 'invalid'
    case 401:
      return 'unauthorized'
    case 403:
      return 'forbidden'
    case 404:
      return 'not_found'
    default:
      return 'server'
  }
}

/** A JSON request to a board route; the answer is checked against `schema`. */
export async function boardRequest<T>(
  boardId: string,
  path: string,
  init: { method?: string; token: string; participant?: string | null; body?: unknown },
  schema: z.ZodType<T>,
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { authorization: `Bearer ${init.token}` }
  if (init.participant) headers[PARTICIPANT_HEADER] = init.participant
  if (init.body !== undefined) headers['content-type'] = 'application/json'
  let response: Response
  try {
    response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/${path}`, {
      method: init.method ?? 'GET',
      headers,
      cache: 'no-store',
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    })
  } catch {
    return { ok: false, reason: 'network' }
  }
  if (!response.ok) {
    return { ok: false, reason: failureFor(response.status), body: await response.json().catch(() => null) }
  }
  const parsed = schema.safeParse(await response.json().catch(() => null))
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, reason: 'server' }
}

/** Registers this device as a person on the board; the secret it returns identifies them from now on. */
export function registerParticipant(
  boardId: string,
  token: string,
  request: RegisterParticipantRequest,
): Promise<ApiResult<RegisterParticipantResponse>> {
  return boardRequest(boardId, 'participants', { method: 'POST', token, body: request }, RegisterParticipantResponse)
}

/** A new name or group for the person this device registered (its secret). */
export function updateParticipant(
  boardId: string,
  token: string,
  secret: string,
  patch: UpdateParticipantRequest,
): Promise<ApiResult<unknown>> {
  return boardRequest(
    boardId,
    'participants/me',
    { method: 'PATCH', token, participant: secret, body: patch },
    z.unknown(),
  )
}

/** Who is on the board now; `forbidden` while the facilitator keeps the list to themselves. */
export function fetchPeople(
  boardId: string,
  token: string,
  participant: string | null,
): Promise<ApiResult<PeopleResponse>> {
  return boardRequest(boardId, 'people', { token, participant }, PeopleResponse)
}

/** A facilitator's command (freeze, timer, follow …); the server writes the new state into the board. */
export function sendFacilitationCommand(
  boardId: string,
  token: string,
  command: FacilitationCommand,
): Promise<ApiResult<FacilitationResponse>> {
  return boardRequest(boardId, 'facilitation', { method: 'POST', token, body: command }, FacilitationResponse)
}

/** The server's clock, and when (in ours) it was read: the midpoint of the round trip. */
export async function fetchServerTime(): Promise<{ serverNow: number; localAt: number } | null> {
  const sentAt = Date.now()
  try {
    const response = await fetch('/api/time', { cache: 'no-store' })
    const receivedAt = Date.now()
    const parsed = TimeResponse.safeParse(await response.json())
    if (!response.ok || !parsed.success) return null
    return { serverNow: parsed.data.now, localAt: (sentAt + receivedAt) / 2 }
  } catch {
    return null
  }
}
