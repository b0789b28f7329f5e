/**
 * A copy of the board's edit and view links on a facilitator's device. The server is the source
 * (GET …/links, any facilitator device); this copy shows them at once on the device that just
 * created the board, and is the only one for a board made before the server kept its links.
 */
import type { CreateBoardResponse } from '../../shared/api.js'

/** Null for a link this device knows to be replaced (rotated on a board the server kept no links of). */
export interface StoredShareLinks {
  edit: string | null
  view: string | null
}

const linksKey = (boardId: string) => `tilannekuva.shareLinks.${boardId}`
const JUST_CREATED_KEY = 'tilannekuva.justCreated'

/** Links from the server are paths unless PUBLIC_URL is set; make them absolute for sharing. */
export function absoluteLink(link: string, origin: string = window.location.origin): string {
  return new URL(link, origin).href
}

export function rememberCreatedBoard(created: CreateBoardResponse): void {
  storeShareLinks(created.board.id, {
    edit: absoluteLink(created.links.edit),
    view: absoluteLink(created.links.view),
  })
  try {
    sessionStorage.setItem(JUST_CREATED_KEY, created.board.id)
  } catch {
    // Without storage the share panel just does not open by itself.
  }
}

/** Keeps this device's copy current (after the server answered, or a link was rotated). */
export function storeShareLinks(boardId: string, links: StoredShareLinks): void {
  try {
    localStorage.setItem(linksKey(boardId), JSON.stringify({ edit: links.edit, view: links.view }))
  } catch {
    // Without storage the panel reads the links from the server each time.
  }
}

export function forgetShareLinks(boardId: string): void {
  try {
    localStorage.removeItem(linksKey(boardId))
  } catch {
    // Nothing stored.
  }
}

export function loadShareLinks(boardId: string): StoredShareLinks | null {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(linksKey(boardId)) ?? 'null')
    if (typeof parsed !== 'object' || parsed === null) return null
    const { edit, view } = parsed as Partial<Record<keyof StoredShareLinks, unknown>>
    const links = { edit: typeof edit === 'string' ? edit : null, view: typeof view === 'string' ? view : null }
    return links.edit || links.view ? links : null
  } catch {
    return null
  }
}

/** True on the first open of a board this tab has just created (to open the share panel). */
export function wasJustCreated(boardId: string): boolean {
  try {
    return sessionStorage.getItem(JUST_CREATED_KEY) === boardId
  } catch {
    return false
  }
}

/** Called once the share panel was shown, so a reload does not open it again. */
export function forgetJustCreated(): void {
  try {
    sessionStorage.removeItem(JUST_CREATED_KEY)
  } catch {
    // nothing to forget
  }
}
