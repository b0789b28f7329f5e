/** Query parameters whose values never reach the log (compared after percent-decoding). */
const SECRET_PARAMETER = /token/i

/**
 * The request URL as it may be logged: every query parameter whose decoded name contains
 * "token" has its value replaced. The query is parsed, so `?%74oken=…` or `?TOKEN=…` is redacted
 * like `?token=…`; a query that cannot be decoded is dropped whole.
 */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf('?')
  if (queryStart < 0) return url
  const path = url.slice(0, queryStart)
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
