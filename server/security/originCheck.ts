/**
 * Whether a websocket opened from a page at `origin` may sync. Browsers always send Origin on
 * a websocket; it must be PUBLIC_URL's origin when that is set, else the origin of the address the
 * request was sent to (its Host), i.e. same-origin. A request without Origin comes from a
 * non-browser client (a script, a stock y-websocket provider in Node), which no web page can
 * impersonate, and is allowed: its token is what authorises it.
 */
export function isAllowedOrigin(
  origin: string | undefined,
  host: string | undefined,
  publicUrl: string | undefined,
): boolean {
  if (origin === undefined) return true
  let parsed: URL
  try {
    parsed = new URL(origin)
  } catch {
    return false
  }
  if (publicUrl !== undefined) return parsed.origin === new URL(publicUrl).origin
  return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && host !== undefined && parsed.host === host
}
