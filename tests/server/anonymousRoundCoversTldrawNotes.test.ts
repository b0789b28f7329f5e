/**
 * An anonymous round strips every person's trace the document could carry: besides our note's
 * author, tldraw's own sticky note names the user who last edited its text (textLastEditedBy).
 */
import { afterEach, beforeEach, expect, test } from 'vitest'
import * as Y from 'yjs'
import type { CreateBoardResponse } from '../../shared/api.js'
import { openBoardRecords, type StoredRecord } from '../../shared/boardDocument.js'
import type { FacilitationCommand } from '../../shared/facilitation.js'
import { noteRecord } from '../helpers/records.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { connectClient, waitFor, waitForSync, type YClient } from '../helpers/yclient.js'

let server: TestServer
let created: CreateBoardResponse
const clients: YClient[] = []
beforeEach(async () => {
  server = await startTestServer()
  created = await server.createBoard('Nimettömät')
})
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
})

async function join(role: 'facilitator' | 'edit' | 'view'): Promise<YClient> {
  const client = connectClient(server.syncUrl, created.board.id, created.tokens[role])
  clients.push(client)
  await waitForSync(client)
  return client
}

async function command(body: FacilitationCommand) {
  const response = await fetch(`${server.url}/api/boards/${created.board.id}/facilitation`, {
    method: 'POST',
    headers: { authorization: `Bearer ${created.tokens.facilitator}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(response.status).toBe(200)
}

const LIISA = 'user:liisa-salainen'

function editedBy(record: StoredRecord, userId: string | null, text: string): StoredRecord {
  const props = record.props as Record<string, unknown>
  return {
    ...record,
    props: {
      ...props,
      textLastEditedBy: userId,
      richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
    },
  }
}

const textOf = (record: StoredRecord | undefined) =>
  JSON.stringify((record?.props as { richText?: unknown } | undefined)?.richText ?? null)

async function storedBytes(): Promise<string> {
  const room = await server.app.rooms.getRoom(created.board.id)
  await room.whenStored()
  server.app.rooms.release(room)
  const { updates } = await server.app.storage.loadUpdates(created.board.id)
  return Buffer.concat(updates).toString('latin1')
}

test("tldraw's own notes made during an anonymous round name nobody, also when edited after it", async () => {
  const participant = await join('edit')
  const observer = await join('view')
  const named = editedBy(noteRecord('named', 'nimellä'), 'user:matti', 'nimellä')
  openBoardRecords(participant.doc).set(named.id, named)
  await waitFor(() => openBoardRecords(observer.doc).has(named.id), 'the named note lands')

  await command({ type: 'anonymous', on: true })
  const anonymous = editedBy(noteRecord('anon', 'nimetön'), LIISA, 'nimetön')
  openBoardRecords(participant.doc).set(anonymous.id, anonymous)
  await waitFor(() => openBoardRecords(observer.doc).has(anonymous.id), 'the anonymous note lands')
  await waitFor(
    () =>
      (openBoardRecords(participant.doc).get(anonymous.id)?.props as { textLastEditedBy?: unknown })
        ?.textLastEditedBy === null,
    "the sender's copy loses the user id too",
  )
  expect(openBoardRecords(observer.doc).get(anonymous.id)).toMatchObject({
    props: { textLastEditedBy: null },
    meta: { anonymous: true },
  })

  await command({ type: 'anonymous', on: false })
  // A client that stamps its user id on the text it edits, after the round.
  openBoardRecords(participant.doc).set(
    anonymous.id,
    editedBy(openBoardRecords(participant.doc).get(anonymous.id)!, LIISA, 'muokattu'),
  )
  await waitFor(() => textOf(openBoardRecords(observer.doc).get(anonymous.id)).includes('muokattu'), 'the edit lands')
  expect(openBoardRecords(observer.doc).get(anonymous.id)).toMatchObject({ props: { textLastEditedBy: null } })
  // A note from before the round keeps who edited it.
  expect(openBoardRecords(observer.doc).get(named.id)).toMatchObject({ props: { textLastEditedBy: 'user:matti' } })

  for (const doc of [observer.doc, participant.doc]) {
    await waitFor(() => !Buffer.from(Y.encodeStateAsUpdate(doc)).toString('latin1').includes(LIISA), 'gone')
  }
  expect(await storedBytes()).not.toContain(LIISA)
})
