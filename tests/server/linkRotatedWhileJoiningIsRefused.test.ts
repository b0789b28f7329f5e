import { afterEach, expect, test } from 'vitest'
import { MemoryStorage } from '../../server/storage/MemoryStorage.js'
import { CloseCode } from '../../shared/closeCodes.js'
import type { Participant } from '../../shared/facilitation.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { connectClient, waitFor, type YClient } from '../helpers/yclient.js'

/** In-memory storage whose participant lookups wait until released: a socket joins slowly. */
class HeldLookups extends MemoryStorage {
  private release: (() => void) | null = null
  private held = new Promise<void>((resolve) => {
    this.release = resolve
  })
  lookups = 0

  override async findParticipant(boardId: string, secretHash: string): Promise<Participant | null> {
    this.lookups++
    await this.held
    return super.findParticipant(boardId, secretHash)
  }

  letThrough(): void {
    this.release?.()
  }
}

let server: TestServer
const clients: YClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server.close()
})

// The rotation closes the room's connections; a socket authorised before it but not yet in the
// room is not among them, and would otherwise stay connected with the old link.
test('a socket authorised with the edit link just before it was rotated is refused once it reaches the room', async () => {
  const storage = new HeldLookups()
  server = await startTestServer({ storage })
  const { board, tokens } = await server.createBoard('Kilpa')
  const late = connectClient(server.syncUrl, board.id, tokens.edit, undefined, { participant: 'any-secret' })
  clients.push(late)
  await waitFor(() => storage.lookups > 0, 'the socket to be authorised and looking up its participant')

  const rotated = await fetch(`${server.url}/api/boards/${board.id}/links/rotate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.facilitator}`, 'content-type': 'application/json' },
    body: JSON.stringify({ role: 'edit' }),
  })
  expect(rotated.status).toBe(200)
  storage.letThrough()

  await waitFor(() => late.closes.length > 0, 'the late socket to be closed')
  expect(late.closes[0]!.code).toBe(CloseCode.linkRevoked)
  const room = await server.app.rooms.peekLoaded(board.id)
  expect(room?.connectionCount ?? 0).toBe(0)
})
