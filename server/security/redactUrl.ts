/**
 * Query parameters whose values never reach the log (compared after percent-decoding): board
 * tokens, and participant secrets (the websocket's `participant`).
 */
const SECRET_PARAMETER = /token|participant/i
/** A join code is a credential in the path: /j/<code>. */
const JOIN_PATH = /^\/j\/[^?#]*/i

/**
 * The request URL as it may be logged: every query parameter whose decoded name contains
 * "token" or "participant" has its value replaced, and so has the code of a /j/<code> link. The
 * query is parsed, so `?%74oken=…` or `?TOKEN=…` is redacted like `?token=…`; a query that
 * cannot be decoded is dropped whole.
 */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf('?')
  const rawPath = queryStart < 0 ? url : url.slice(0, queryStart)
  const path = JOIN_PATH.test(rawPath) ? '/j/[redacted]' : rawPath
  if (queryStart < 0) return path
  const parts = url.slice(queryStart + 1).split('&')
  const shown: string[] = []
  for (const part of parts) {
    const equals = part.indexOf('=')
    const rawName = equals < 0 ? part : part.slice(0, equals)
    let name: string
    try {
      name = decodeURIComponent(rawName.replace(/\+/g, ' '))
    } catch {
      return `${path}?[redacted]`
    }
    shown.push(SECRET_PARAMETER.test(name) ? `${rawName}=[redacted]` : part)
  }
  return `${path}?${shown.join('&')}`
}
