import { afterEach, expect, test } from 'vitest'
import { CloseCode, CloseReason } from '../../shared/closeCodes.js'
import { openRawSocket, type RawSocket } from '../helpers/rawSocket.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { connectClient, waitFor, waitForSync, type YClient } from '../helpers/yclient.js'

let server: TestServer
const clients: YClient[] = []
const sockets: RawSocket[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  for (const raw of sockets.splice(0)) raw.socket.terminate()
  await server?.close()
})

/** A raw socket that has been greeted by the board's room (so it holds its places). */
async function joined(url: string, headers?: Record<string, string>): Promise<RawSocket> {
  const raw = await openRawSocket(url, headers)
  sockets.push(raw)
  await waitFor(() => raw.frames.length > 0, 'server greeting')
  return raw
}

/** A raw socket the server closes at once; resolves with its close. */
async function refusedWith(url: string, headers?: Record<string, string>) {
  const raw = await openRawSocket(url, headers)
  sockets.push(raw)
  return raw.closed
}

const busy = { code: CloseCode.serverBusy, reason: CloseReason.serverBusy }

// Before: no cap on connections per board or per address.
test('a board takes MAX_CONNECTIONS_PER_BOARD sockets; one more is closed 1013, and a place frees when one leaves', async () => {
  server = await startTestServer({ env: { MAX_CONNECTIONS_PER_BOARD: '3' } })
  const { board, tokens } = await server.createBoard()
  const other = await server.createBoard('Toinen')
  const url = `${server.syncUrl}/${board.id}?token=${tokens.view}`
  const first = await joined(url)
  await joined(url)
  await joined(url)
  expect(await refusedWith(url)).toEqual(busy)
  // A wrong token never takes a place: it is refused for what it is.
  expect((await refusedWith(`${server.syncUrl}/${board.id}?token=wrong`)).code).toBe(CloseCode.unauthorized)
  // Other boards are not affected.
  await joined(`${server.syncUrl}/${other.board.id}?token=${other.tokens.view}`)

  first.socket.close()
  await first.closed
  const client = connectClient(server.syncUrl, board.id, tokens.edit)
  clients.push(client)
  await waitForSync(client)
})

test('one address may hold MAX_CONNECTIONS_PER_IP sockets over all boards; one more is closed 1013', async () => {
  server = await startTestServer({ env: { MAX_CONNECTIONS_PER_IP: '3' } })
  const boards = [await server.createBoard('A'), await server.createBoard('B')]
  const urls = boards.map(({ board, tokens }) => `${server.syncUrl}/${board.id}?token=${tokens.view}`)
  // Without TRUST_PROXY, X-Forwarded-For is anyone's to write and is ignored.
  await joined(urls[0]!, { 'x-forwarded-for': '203.0.113.1' })
  await joined(urls[1]!, { 'x-forwarded-for': '203.0.113.2' })
  const third = await joined(urls[1]!, { 'x-forwarded-for': '203.0.113.3' })
  expect(await refusedWith(urls[0]!, { 'x-forwarded-for': '203.0.113.4' })).toEqual(busy)

  third.socket.close()
  await third.closed
  const client = connectClient(server.syncUrl, boards[0]!.board.id, boards[0]!.tokens.edit)
  clients.push(client)
  await waitForSync(client)
})

test('behind a proxy (TRUST_PROXY), each client address named by X-Forwarded-For has its own allowance', async () => {
  server = await startTestServer({ env: { MAX_CONNECTIONS_PER_IP: '2', TRUST_PROXY: 'true' } })
  const { board, tokens } = await server.createBoard()
  const url = `${server.syncUrl}/${board.id}?token=${tokens.view}`
  const aino = { 'x-forwarded-for': '203.0.113.10' }
  const pekka = { 'x-forwarded-for': '198.51.100.7, 127.0.0.1' }
  await joined(url, aino)
  await joined(url, aino)
  expect(await refusedWith(url, aino)).toEqual(busy)
  await joined(url, pekka)
  await joined(url, pekka)
  expect(await refusedWith(url, pekka)).toEqual(busy)
})
