import { JOIN_INVALID_PATH } from '../shared/facilitation.js'

export type Route =
  | { kind: 'home' }
  | { kind: 'board'; boardId: string }
  | { kind: 'joinInvalid' }
  | { kind: 'notFound' }

/** The app has two pages; a router library would be more code than this. */
export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '/index.html') return { kind: 'home' }
  if (pathname === JOIN_INVALID_PATH) return { kind: 'joinInvalid' }
  const match = /^\/b\/([^/]+)\/?$/.exec(pathname)
  if (match?.[1]) {
    try {
      return { kind: 'board', boardId: decodeURIComponent(match[1]) }
    } catch {
      return { kind: 'notFound' }
    }
  }
  return { kind: 'notFound' }
}
