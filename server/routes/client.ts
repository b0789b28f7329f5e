import { JOIN_INVALID_PATH } from '../../shared/facilitation.js'
import fs from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyPluginAsync } from 'fastify'

export interface ClientConfig {
  tldrawLicenseKey?: string
}

/** Name of the meta tag the client reads its runtime configuration from. */
export const CLIENT_CONFIG_META = 'tilannekuva-config'

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** Files with a pre-compressed copy from the build (`.br`/`.gz` beside them), as absolute paths. */
function filesWithCompressedCopies(dir: string): Set<string> {
  const copies = new Set<string>()
  for (const name of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const match = /^(.*)\.(br|gz)$/.exec(name)
    if (match?.[1]) copies.add(path.join(dir, match[1]))
  }
  return copies
}

/**
 * Serves the built client: content-hashed assets cached for a year as immutable, the app page
 * (runtime config injected) revalidated every time. Files the build pre-compressed are sent as
 * brotli or gzip by the request's Accept-Encoding, and say they vary by it.
 */
export const clientRoutes: FastifyPluginAsync<{ clientDir: string; config: ClientConfig }> = async (
  app,
  { clientDir, config },
) => {
  const indexFile = path.join(clientDir, 'index.html')
  const template = fs.readFileSync(indexFile, 'utf8')
  const meta = `<meta name="${CLIENT_CONFIG_META}" content="${escapeAttribute(JSON.stringify(config))}">`
  const indexHtml = template.replace('</head>', `${meta}\n</head>`)
  // Vite names everything under assets/ by its content hash.
  const assetsDir = path.join(clientDir, 'assets') + path.sep
  const compressed = filesWithCompressedCopies(clientDir)

  await app.register(fastifyStatic, {
    root: clientDir,
    index: false,
    wildcard: false,
    preCompressed: true,
    // Its own Cache-Control (`public, max-age=0`) would overwrite the one set below.
    cacheControl: false,
    setHeaders: (res, sentPath) => {
      // `sentPath` is the `.br`/`.gz` copy when one is sent.
      const filePath = sentPath.replace(/\.(br|gz)$/, '')
      const immutable = filePath.startsWith(assetsDir)
      res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
      if (compressed.has(filePath)) res.setHeader('Vary', 'Accept-Encoding')
    },
  })

  const sendIndex = async (_request: unknown, reply: import('fastify').FastifyReply) =>
    reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(indexHtml)
  // Pages, not API: left out of the OpenAPI document.
  app.get('/', { schema: { hide: true } }, sendIndex)
  app.get('/b/:boardId', { schema: { hide: true } }, sendIndex)
  // Where /j/ sends a browser whose join code no longer works (the page explains it).
  app.get(JOIN_INVALID_PATH, { schema: { hide: true } }, sendIndex)
}
