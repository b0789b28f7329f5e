/**
 * A device that was offline while its link was rotated learns on reconnecting that the link was
 * replaced (4410 link-revoked, as the devices connected at the rotation were told), not that its
 * token is wrong (4401): the board remembers the hashes of the tokens and join codes it retired,
 * also across a restart. A token that never opened the board still gets 4401.
 */
import { afterEach, expect, test } from 'vitest'
import { CloseCode } from '../../shared/closeCodes.js'
import { generateToken } from '../../server/auth/tokens.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { connectClient, waitFor, waitForSync, type YClient } from '../helpers/yclient.js'

let server: TestServer
const clients: YClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
})

test('a device whose link was rotated while it was offline is told 4410 on reconnect, also after a restart', async () => {
  server = await startTestServer()
  const created = await server.createBoard('Poissa')
  const connect = (token: string) => {
    const client = connectClient(server.syncUrl, created.board.id, token)
    clients.push(client)
    return client
  }
  const closeCodeFor = async (token: string) => {
    const client = connect(token)
    await waitFor(() => client.closes.length > 0, 'the socket to be closed')
    client.provider.disconnect()
    return client.closes[0]!.code
  }
  const rotate = async (role: 'edit' | 'view') => {
    const response = await fetch(`${server.url}/api/boards/${created.board.id}/links/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${created.tokens.facilitator}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role }),
    })
    expect(response.status).toBe(200)
  }

  const offline = connect(created.tokens.edit)
  await waitForSync(offline)
  offline.provider.disconnect()
  await rotate('edit')
  await rotate('view')
  offline.provider.connect()
  await waitFor(
    () => offline.closes.some((close) => close.code === CloseCode.linkRevoked),
    'the reconnect to be refused',
  )
  expect(offline.closes.at(-1)).toEqual({ code: CloseCode.linkRevoked, reason: 'link-revoked' })

  expect(await closeCodeFor(created.join.code)).toBe(CloseCode.linkRevoked)
  expect(await closeCodeFor(created.tokens.view)).toBe(CloseCode.linkRevoked)
  expect(await closeCodeFor(generateToken())).toBe(CloseCode.unauthorized)
  // REST answers every token that does not open the board alike.
  const asOld = await fetch(`${server.url}/api/boards/${created.board.id}`, {
    headers: { authorization: `Bearer ${created.tokens.edit}` },
  })
  expect(asOld.status).toBe(401)

  const dataDir = server.dataDir
  await server.close()
  server = await startTestServer({ dataDir })
  expect(await closeCodeFor(created.tokens.edit)).toBe(CloseCode.linkRevoked)
  expect(await closeCodeFor(generateToken())).toBe(CloseCode.unauthorized)
})
