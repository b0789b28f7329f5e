/**
 * The board token leaves the address bar as soon as the page has read it: a projected screen, a
 * screenshot or a script reading location.href (tldraw's licence check reports the page URL on
 * HTTPS) then never shows it. It is kept on this device per board, so /b/<id> opens again from
 * the browser history between meetings.
 */
import { boardPath, tokenFromHash } from '../../shared/api.js'

const tokenKey = (boardId: string) => `tilannekuva.token.${boardId}`

export function rememberBoardToken(boardId: string, token: string): void {
  try {
    localStorage.setItem(tokenKey(boardId), token)
  } catch {
    // Private mode without storage: the token lives only as long as the page.
  }
}

export function storedBoardToken(boardId: string): string | null {
  try {
    return localStorage.getItem(tokenKey(boardId))
  } catch {
    return null
  }
}

/**
 * Forgets the token remembered for the board; with `only`, just when it is still that one (another
 * tab may meanwhile have remembered a newer link's token, which must stay).
 */
export function forgetBoardToken(boardId: string, only?: string): void {
  try {
    if (only !== undefined && localStorage.getItem(tokenKey(boardId)) !== only) return
    localStorage.removeItem(tokenKey(boardId))
  } catch {
    // Nothing stored.
  }
}

/**
 * Takes the token from the URL fragment if there is one (remembering it and removing it from the
 * address bar), else the one remembered for this board on this device. A join code from the short
 * link /j/XXXX-XXXX-XXXX arrives the same way: the server redirects it to `#token=<code>`.
 */
export function takeBoardToken(boardId: string): string | null {
  const fromLink = tokenFromHash(window.location.hash)
  if (fromLink) {
    rememberBoardToken(boardId, fromLink)
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search)
    return fromLink
  }
  return storedBoardToken(boardId)
}

/** The link that opens the board with `token` (for the share panel). */
export function boardLink(boardId: string, token: string, origin: string = window.location.origin): string {
  return new URL(boardPath(boardId, token), origin).href
}
