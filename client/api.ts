/** The REST API as the client uses it: typed results instead of exceptions for expected failures. */
import {
  type Board,
  CreateBoardResponse,
  ErrorBody,
  GetBoardResponse,
  type Role,
} from '../shared/api.js'

export type CreateBoardResult =
  | { ok: true; created: CreateBoardResponse }
  | { ok: false; reason: 'invalid' | 'network' | 'server'; message?: string }

export async function createBoard(title: string): Promise<CreateBoardResult> {
  let response: Response
  try {
    response = await fetch('/api/boards', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title }),
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
