/**
 * The room watches protected records (template zones, anonymous notes) on every update that
 * touches them; once such a record is deleted it is watched no more, so what the room keeps is
 * bounded by the board's live records, not by everything it ever held.
 */
import { afterEach, expect, test } from 'vitest'
import { openBoardRecords } from '../../shared/boardDocument.js'
import { makeShapeRecord, NOTE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import { DEFAULT_TEMPLATE, getTemplate, zoneShapeId } from '../../shared/templates.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { connectClient, waitFor, waitForSync, type YClient } from '../helpers/yclient.js'

let server: TestServer
const clients: YClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
})

const note = (key: string) =>
  makeShapeRecord({
    id: `shape:${key}`,
    type: NOTE_SHAPE_TYPE,
    x: 100,
    y: 100,
    index: 'a5',
    props: {
      category: 'need',
      text: key,
      fields: {},
      author: 'Maija',
      createdAt: 1,
      updatedAt: 1,
      w: 240,
      h: 160,
      categoryChosen: false,
    },
  })

test('deleted anonymous notes and zones are no longer watched by the room', async () => {
  server = await startTestServer()
  const { board, tokens } = await server.createBoard('Suojatut')
  const join = async (token: string) => {
    const client = connectClient(server.syncUrl, board.id, token)
    clients.push(client)
    await waitForSync(client)
    return client
  }
  const participant = await join(tokens.edit)
  const facilitator = await join(tokens.facilitator)
  const room = (await server.app.rooms.peekLoaded(board.id))!
  const zones = getTemplate(DEFAULT_TEMPLATE).zones.length
  expect(room.protectedRecordCount).toBe(zones)

  const response = await fetch(`${server.url}/api/boards/${board.id}/facilitation`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.facilitator}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'anonymous', on: true }),
  })
  expect(response.status).toBe(200)
  await waitFor(() => room.facilitationState.anonymous, 'the round starts')
  const records = openBoardRecords(participant.doc)
  for (let i = 0; i < 30; i++) records.set(`shape:anon${i}`, note(`anon${i}`))
  await waitFor(() => room.protectedRecordCount === zones + 30, 'the anonymous notes to be watched')
  // The server's anonymised versions replace the sent ones: delete those.
  await waitFor(
    () =>
      Array.from({ length: 30 }, (_, i) => records.get(`shape:anon${i}`)).every(
        (n) => (n?.meta as { anonymous?: boolean } | undefined)?.anonymous === true,
      ),
    'the anonymised notes to come back to the participant',
  )

  for (let i = 0; i < 30; i++) records.delete(`shape:anon${i}`)
  await waitFor(() => room.protectedRecordCount === zones, 'the deleted notes to be watched no more')

  const zoneId = zoneShapeId(getTemplate(DEFAULT_TEMPLATE).zones[1]!.key)
  openBoardRecords(facilitator.doc).delete(zoneId)
  await waitFor(() => room.protectedRecordCount === zones - 1, "the facilitator's deleted zone is watched no more")
  await waitFor(() => !openBoardRecords(participant.doc).has(zoneId), 'the deletion reaches the participant')
})
