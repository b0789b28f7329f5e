/**
 * The service worker (built to /sw.js by appShellPlugin.ts, never bundled into the app): keeps
 * the app itself on the device, so that a board page opens, also after a reload or a browser
 * restart, with no connection. Its content-hashed assets are cached when it installs (the list
 * is written in at build time), and the app page each time it is loaded from the server; with no
 * server the cached page is used. API calls and the websocket never pass through it.
 */

// Written in at build time.
declare const PRECACHE_URLS: string[]
declare const CACHE_VERSION: string

// The service worker's own types (TypeScript's webworker library clashes with the DOM one).
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void
}
interface FetchEvent extends ExtendableEvent {
  request: Request
  respondWith(response: Promise<Response>): void
}
interface ServiceWorkerScope {
  location: Location
  clients: { claim(): Promise<void> }
  skipWaiting(): Promise<void>
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void
}

const worker = self as unknown as ServiceWorkerScope
const CACHE_PREFIX = 'tilannekuva-app-'
const CACHE_NAME = `${CACHE_PREFIX}${CACHE_VERSION}`
/** Every page of the app is the same document: it is cached once, under this key. */
const APP_PAGE = '/'
/** How long a page load waits for the server before taking the cached page (a train's bad connection). */
const PAGE_TIMEOUT_MS = 4_000

function isAppPage(pathname: string): boolean {
  return (
    pathname === '/' || pathname === '/index.html' || pathname === '/join-invalid' || /^\/b\/[^/]+\/?$/.test(pathname)
  )
}

worker.addEventListener('install', (event) => {
  // A new build's worker takes over as soon as it holds the new app: the old one would keep the
  // new page in its cache beside the old assets, which a device offline from then on could not open.
  event.waitUntil(
    caches
      .open(CACHE_NAME)
      .then((cache) => cache.addAll([APP_PAGE, ...PRECACHE_URLS]))
      .then(() => worker.skipWaiting()),
  )
})

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME) await caches.delete(name)
      }
      // The page that registered it gets its later assets (lazy chunks, fonts) through it too.
      await worker.clients.claim()
    })(),
  )
})

/** The server's page, kept for later; the cached one when the server is away or slow. */
async function appPage(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE_NAME)
  const fromServer = fetch(request).then(async (response) => {
    if (response.ok) await cache.put(APP_PAGE, response.clone())
    return response
  })
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), PAGE_TIMEOUT_MS))
  try {
    const first = await Promise.race([fromServer, timeout])
    if (first) return first
  } catch {
    // No connection: the cached page below.
  }
  const cached = await cache.match(APP_PAGE)
  if (cached) return cached
  return fromServer
}

/** Content-hashed, so never stale: the cached copy, else the server's (then kept). */
async function asset(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE_NAME)
  const cached = await cache.match(request)
  if (cached) return cached
  const response = await fetch(request)
  if (response.ok) await cache.put(request, response.clone())
  return response
}

worker.addEventListener('fetch', (event) => {
  const { request } = event
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== worker.location.origin) return
  if (request.mode === 'navigate' && isAppPage(url.pathname)) event.respondWith(appPage(request))
  else if (url.pathname.startsWith('/assets/')) event.respondWith(asset(request))
})
