import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { afterEach, expect, test } from 'vitest'
import { PARTICIPANT_AWARENESS_FIELD, type RegisterParticipantResponse } from '../../shared/facilitation.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { waitFor } from '../helpers/yclient.js'

let server: TestServer
const providers: WebsocketProvider[] = []
afterEach(async () => {
  for (const provider of providers.splice(0)) provider.destroy()
  await server?.close()
})

function connect(boardId: string, params: Record<string, string>): WebsocketProvider {
  const provider = new WebsocketProvider(server.syncUrl, boardId, new Y.Doc(), {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params,
    disableBc: true,
  })
  providers.push(provider)
  return provider
}

test("a cursor may carry only its own connection's identity and group", async () => {
  server = await startTestServer()
  const { board, tokens } = await server.createBoard()
  const register = async (name: string, group: string) => {
    const response = await fetch(`${server.url}/api/boards/${board.id}/participants`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.edit}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name, group }),
    })
    expect(response.status).toBe(201)
    return (await response.json()) as RegisterParticipantResponse
  }
  const liisa = await register('Liisa', 'business')
  const pekka = await register('Pekka', 'municipality')
  const watcher = connect(board.id, { token: tokens.view })
  const honest = connect(board.id, { token: tokens.edit, participant: liisa.secret })
  const forger = connect(board.id, { token: tokens.edit, participant: pekka.secret })
  await waitFor(() => watcher.synced && honest.synced && forger.synced, 'all synced')

  honest.awareness.setLocalState({ name: 'Liisa', [PARTICIPANT_AWARENESS_FIELD]: liisa.participant })
  // Pekka claims Liisa's identity, then a group that is not his.
  forger.awareness.setLocalState({ name: 'Liisa?', [PARTICIPANT_AWARENESS_FIELD]: liisa.participant })
  await waitFor(() => watcher.awareness.getStates().has(honest.awareness.clientID), 'honest cursor arrives')
  forger.awareness.setLocalState({
    name: 'Pekka',
    [PARTICIPANT_AWARENESS_FIELD]: { ...pekka.participant, group: 'state_authority' },
  })
  // His true identity goes through; it also shows the forged states were handled before it.
  forger.awareness.setLocalState({ name: 'Pekka', [PARTICIPANT_AWARENESS_FIELD]: pekka.participant })
  await waitFor(() => watcher.awareness.getStates().has(forger.awareness.clientID), 'true cursor arrives')
  const seen = [...watcher.awareness.getStates().values()].map((state) => state[PARTICIPANT_AWARENESS_FIELD])
  expect(seen).toContainEqual(liisa.participant)
  expect(seen).toContainEqual(pekka.participant)
  expect(seen.filter((claimed) => claimed?.id === liisa.participant.id)).toHaveLength(1)
  expect(seen.some((claimed) => claimed?.group === 'state_authority')).toBe(false)

  // After a change of group through the API, the new group is the true one.
  const renamed = await fetch(`${server.url}/api/boards/${board.id}/participants/me`, {
    method: 'PATCH',
    headers: {
      authorization: `Bearer ${tokens.edit}`,
      'x-participant': pekka.secret,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ group: 'association' }),
  })
  expect(renamed.status).toBe(200)
  forger.awareness.setLocalState({
    name: 'Pekka',
    [PARTICIPANT_AWARENESS_FIELD]: { ...pekka.participant, group: 'association' },
  })
  await waitFor(
    () =>
      watcher.awareness.getStates().get(forger.awareness.clientID)?.[PARTICIPANT_AWARENESS_FIELD]?.group ===
      'association',
    'the changed group is accepted',
  )
})
