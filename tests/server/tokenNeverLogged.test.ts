import { afterEach, expect, test } from 'vitest'
import { redactUrl } from '../../server/security/redactUrl.js'
import { startChildServer, stopChildServers } from '../helpers/childServer.js'
import { openRawSocket } from '../helpers/rawSocket.js'
import { createBoardAt, makeTempDir } from '../helpers/server.js'

afterEach(stopChildServers)

test('the query is parsed before logging: every spelling of token is redacted', () => {
  expect(redactUrl('/sync/b?token=abc')).toBe('/sync/b?token=[redacted]')
  expect(redactUrl('/sync/b?%74oken=abc&x=1')).toBe('/sync/b?%74oken=[redacted]&x=1')
  expect(redactUrl('/sync/b?TOKEN=abc')).toBe('/sync/b?TOKEN=[redacted]')
  expect(redactUrl('/sync/b?a=1&to%6Ben=abc')).toBe('/sync/b?a=1&to%6Ben=[redacted]')
  expect(redactUrl('/sync/b?%E0%A4%A=abc')).toBe('/sync/b?[redacted]')
  expect(redactUrl('/api/health')).toBe('/api/health')
})

// Before: only the literal `token=` was redacted, so `?%74oken=` reached the log in clear.
test('a token spelled ?%74oken= in a websocket URL does not reach the server log', async () => {
  const server = await startChildServer({ DATA_DIR: makeTempDir() })
  let log = ''
  server.process.stdout!.on('data', (chunk: Buffer) => {
    log += chunk.toString()
  })
  const { board, tokens } = await createBoardAt(server.url, 'Loki')
  for (const spelling of ['token', '%74oken', 'TOKEN', 'tok%65n']) {
    const raw = await openRawSocket(`${server.syncUrl}/${board.id}?${spelling}=${tokens.edit}`)
    raw.socket.close()
    await raw.closed
  }
  const response = await fetch(`${server.url}/api/health?%74oken=${tokens.facilitator}`)
  expect(response.status).toBe(200)
  // The log line of the last request proves the log was read after all of them.
  await new Promise<void>((resolve) => {
    const check = () => (log.includes('/api/health?%74oken=[redacted]') ? resolve() : setTimeout(check, 20))
    check()
  })
  expect(log).toContain(`/sync/${board.id}?%74oken=[redacted]`)
  expect(log).not.toContain(tokens.edit)
  expect(log).not.toContain(tokens.facilitator)
})
