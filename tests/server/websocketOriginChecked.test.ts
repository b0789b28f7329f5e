import { afterEach, expect, test } from 'vitest'
import { WebSocket } from 'ws'
import { CloseCode } from '../../shared/closeCodes.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

const servers: TestServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

/** Opens a sync socket with the given Origin (none when undefined); resolves 'synced' on the first frame, else the close code. */
function trySync(url: string, origin: string | undefined): Promise<'synced' | number> {
  const socket = new WebSocket(url, origin === undefined ? {} : { origin })
  return new Promise((resolve) => {
    socket.once('message', () => {
      resolve('synced')
      socket.close()
    })
    socket.once('close', (code) => resolve(code))
  })
}

// Before: any Origin was accepted, so another site's page could sync with a token it had seen.
test('without PUBLIC_URL only same-origin pages and clients without Origin may sync', async () => {
  const server = await startTestServer()
  servers.push(server)
  const { board, tokens } = await server.createBoard()
  const url = `${server.syncUrl}/${board.id}?token=${tokens.edit}`
  const host = new URL(server.url).host
  expect(await trySync(url, `http://${host}`)).toBe('synced')
  expect(await trySync(url, undefined)).toBe('synced')
  expect(await trySync(url, 'https://evil.example')).toBe(CloseCode.originRefused)
  expect(await trySync(url, `http://${host}.evil.example`)).toBe(CloseCode.originRefused)
  expect(await trySync(url, 'null')).toBe(CloseCode.originRefused)
})

test('with PUBLIC_URL only that origin may sync, even when the Host matches', async () => {
  const server = await startTestServer({ env: { PUBLIC_URL: 'https://tilannekuva.example.fi/' } })
  servers.push(server)
  const { board, tokens } = await server.createBoard()
  const url = `${server.syncUrl}/${board.id}?token=${tokens.view}`
  expect(await trySync(url, 'https://tilannekuva.example.fi')).toBe('synced')
  expect(await trySync(url, server.url)).toBe(CloseCode.originRefused)
  expect(await trySync(url, 'http://tilannekuva.example.fi')).toBe(CloseCode.originRefused)
})
