import { afterEach, expect, test } from 'vitest'
import { openBoardRecords } from '../../shared/boardDocument.js'
import { BoardSnapshot } from '../../shared/snapshot.js'
import { VersionsResponse } from '../../shared/versions.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { boardApi, looseNote } from '../helpers/versions.js'
import { connectClient, waitForSync, waitForValue } from '../helpers/yclient.js'

let server: TestServer
afterEach(async () => {
  await server?.close()
})

// Review finding: an edit link coming and going with one edit each time stored a whole board
// every ROOM_IDLE_MS, and retention keeps every automatic version of the last 24 hours.
test('an edit link that comes, edits and leaves again and again leaves one automatic version holding every visit', async () => {
  server = await startTestServer({ env: { ROOM_IDLE_MS: '50' } })
  const { board, tokens } = await server.createBoard('Tulva')
  const checks = server.app.versions.automaticChecks
  for (let visit = 0; visit < 5; visit++) {
    const visitor = connectClient(server.syncUrl, board.id, tokens.edit)
    await waitForSync(visitor)
    openBoardRecords(visitor.doc).set(`shape:v${visit}`, looseNote(`v${visit}`, { text: `Käynti ${visit}` }))
    const seqBefore = (await server.app.storage.loadUpdates(board.id)).lastSeq
    await waitForValue(
      async () => (await server.app.storage.loadUpdates(board.id)).lastSeq,
      (seq) => seq > seqBefore,
      'the edit stored',
    )
    const checked = checks.stored
    visitor.destroy()
    // The room closes after its last visitor and makes its automatic check.
    await waitForValue(
      async () => checks.stored,
      (count) => count > checked,
      'the closing check ran',
    )
  }
  const listed = await boardApi(server.url, 'GET', `/api/boards/${board.id}/versions`, tokens.facilitator)
  const versions = VersionsResponse.parse(listed.body).versions
  expect(versions.map((version) => version.kind)).toEqual(['automatic'])
  expect(checks.superseded).toBe(4)
  // The one kept is the latest: nothing any visit wrote is missing from the history.
  const kept = await boardApi(
    server.url,
    'GET',
    `/api/boards/${board.id}/versions/${versions[0]!.id}`,
    tokens.facilitator,
  )
  expect(
    BoardSnapshot.parse(kept.body)
      .notes.map((note) => note.text)
      .sort(),
  ).toEqual([0, 1, 2, 3, 4].map((visit) => `Käynti ${visit}`))
})
