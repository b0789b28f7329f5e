/** The facilitator's link routes (shared/facilitation.ts): read the board's links, rotate one. */
import { BoardLinksResponse, type RotateLinkRequest } from '../../shared/facilitation.js'
import { absoluteLink } from './shareLinks.js'

/** The links as the share panel shows them: absolute, ready to copy. */
export interface BoardLinks {
  edit: string
  view: string
  join: string
  joinCode: string
}

export type BoardLinksResult =
  | { ok: true; links: BoardLinks | null }
  | { ok: false; reason: 'forbidden' | 'network' | 'server' }

const linksPath = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}/links`

function toResult(body: unknown): BoardLinksResult {
  const parsed = BoardLinksResponse.safeParse(body)
  if (!parsed.success) return { ok: false, reason: 'server' }
  const links = parsed.data.links
  return {
    ok: true,
    links: links && {
      edit: absoluteLink(links.edit),
      view: absoluteLink(links.view),
      join: absoluteLink(links.join),
      joinCode: links.joinCode,
    },
  }
}

async function send(request: () => Promise<Response>): Promise<BoardLinksResult> {
  let response: Response
  try {
    response = await request()
  } catch {
    return { ok: false, reason: 'network' }
  }
  if (response.status === 401 || response.status === 403) return { ok: false, reason: 'forbidden' }
  if (!response.ok) return { ok: false, reason: 'server' }
  return toResult(await response.json().catch(() => null))
}

/** GET …/links with the facilitator token; `links` is null for a board made before links were kept. */
export function fetchBoardLinks(boardId: string, token: string): Promise<BoardLinksResult> {
  return send(() => fetch(linksPath(boardId), { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' }))
}

/**
 * POST …/links/rotate: a new token for `role`; everyone connected with the old one is closed out.
 * Answers with the links after the rotation (read again if the answer does not carry them).
 */
export async function rotateBoardLink(
  boardId: string,
  token: string,
  role: RotateLinkRequest['role'],
): Promise<BoardLinksResult> {
  const body: RotateLinkRequest = { role }
  let response: Response
  try {
    response = await fetch(`${linksPath(boardId)}/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  } catch {
    return { ok: false, reason: 'network' }
  }
  if (response.status === 401 || response.status === 403) return { ok: false, reason: 'forbidden' }
  if (!response.ok) return { ok: false, reason: 'server' }
  const answered = toResult(await response.json().catch(() => null))
  return answered.ok ? answered : fetchBoardLinks(boardId, token)
}

/** The join link as people type it: host and path, without the scheme. */
export function readableLink(link: string): string {
  const url = new URL(link)
  return `${url.host}${url.pathname}`
}
