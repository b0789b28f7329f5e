export type Route = { kind: 'home' } | { kind: 'board'; boardId: string } | { kind: 'notFound' }

/** The app has two pages; a router library would be more code than this. */
export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '/index.html') return { kind: 'home' }
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
