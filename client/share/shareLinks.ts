/**
 * The board's share links on the facilitator's device. The server reveals tokens only once, at
 * creation, so the edit and view links are kept in localStorage per board (the facilitator's
 * own is rebuilt from the token this device remembers, see boardTokens.ts).
 */
import type { CreateBoardResponse } from '../../shared/api.js'

export interface StoredShareLinks {
  edit: string
  view: string
}

const linksKey = (boardId: string) => `tilannekuva.shareLinks.${boardId}`
const JUST_CREATED_KEY = 'tilannekuva.justCreated'

/** Links from the server are paths unless PUBLIC_URL is set; make them absolute for sharing. */
export function absoluteLink(link: string, origin: string = window.location.origin): string {
  return new URL(link, origin).href
}

export function rememberCreatedBoard(created: CreateBoardResponse): void {
  const links: StoredShareLinks = {
    edit: absoluteLink(created.links.edit),
    view: absoluteLink(created.links.view),
  }
  try {
    localStorage.setItem(linksKey(created.board.id), JSON.stringify(links))
    sessionStorage.setItem(JUST_CREATED_KEY, created.board.id)
  } catch {
    // Without storage the links cannot be shown again; the share panel says so.
  }
}

export function loadShareLinks(boardId: string): StoredShareLinks | null {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(linksKey(boardId)) ?? 'null')
    if (typeof parsed !== 'object' || parsed === null) return null
    const { edit, view } = parsed as Partial<StoredShareLinks>
    return typeof edit === 'string' && typeof view === 'string' ? { edit, view } : null
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
