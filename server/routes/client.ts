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

/** Serves the built client: hashed assets for a year, the app page with runtime config injected. */
export const clientRoutes: FastifyPluginAsync<{ clientDir: string; config: ClientConfig }> = async (
  app,
  { clientDir, config },
) => {
  const indexFile = path.join(clientDir, 'index.html')
  const template = fs.readFileSync(indexFile, 'utf8')
  const meta = `<meta name="${CLIENT_CONFIG_META}" content="${escapeAttribute(JSON.stringify(config))}">`
  const indexHtml = template.replace('</head>', `${meta}\n</head>`)

  await app.register(fastifyStatic, {
    root: clientDir,
    index: false,
    wildcard: false,
    setHeaders: (res, filePath) => {
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`)
      res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
    },
  })

  const sendIndex = async (_request: unknown, reply: import('fastify').FastifyReply) =>
    reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(indexHtml)
  app.get('/', sendIndex)
  app.get('/b/:boardId', sendIndex)
}
