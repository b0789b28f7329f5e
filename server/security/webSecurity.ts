import fastifyHelmet from '@fastify/helmet'
import type { FastifyInstance } from 'fastify'

export interface WebSecurityOptions {
  /** PUBLIC_URL: its websocket origin is named in connect-src; https turns HSTS on. */
  publicUrl: string | undefined
}

/** How long browsers remember to use HTTPS only, once they saw it over HTTPS (180 days). */
const HSTS_MAX_AGE_S = 180 * 24 * 60 * 60

/**
 * The Content-Security-Policy: nothing but this server's own origin. What tldraw needs, as the
 * browser tests check: inline style attributes and <style> elements (tldraw sets styles in
 * markup, and injects <style> elements), data: and blob: images and fonts (pasted images, exports,
 * the favicon), fetched too when an export embeds them, blob: workers and media. No eval: the
 * client runs zod jitless. 'self' in connect-src covers ws:/wss: to the same host in current browsers; with
 * PUBLIC_URL its ws(s) origin is listed as well for older ones.
 */
export function contentSecurityPolicy(publicUrl: string | undefined): Record<string, string[] | null> {
  // data: and blob: are read with fetch() when tldraw embeds images and fonts in an export.
  const connect = ["'self'", 'data:', 'blob:']
  if (publicUrl) connect.push(new URL(publicUrl).origin.replace(/^http/, 'ws'))
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': connect,
    'worker-src': ["'self'", 'blob:'],
    'media-src': ["'self'", 'data:', 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'frame-src': ["'none'"],
    'script-src-attr': ["'none'"],
    // Plain HTTP stays possible on a LAN: no upgrade-insecure-requests.
    'upgrade-insecure-requests': null,
  }
}

/**
 * Security headers on every answer (helmet): the CSP above, X-Frame-Options DENY (for browsers
 * without frame-ancestors), no referrer, no MIME sniffing, same-origin opener and resources.
 * HSTS is sent only when PUBLIC_URL is https: on a plain-HTTP install it would be ignored, and
 * behind a TLS proxy that sets its own, it is harmless.
 */
export async function registerWebSecurity(app: FastifyInstance, { publicUrl }: WebSecurityOptions): Promise<void> {
  const https = publicUrl?.startsWith('https://') ?? false
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(publicUrl) },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: https ? { maxAge: HSTS_MAX_AGE_S, includeSubDomains: false } : false,
    crossOriginEmbedderPolicy: false,
  })
}
