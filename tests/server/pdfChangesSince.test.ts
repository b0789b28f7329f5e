import { extractText, getDocumentProxy } from 'unpdf'
import { afterEach, expect, test } from 'vitest'
import type * as Y from 'yjs'
import { openBoardRecords, readBoardRecords } from '../../shared/boardDocument.js'
import { VersionSummary } from '../../shared/versions.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { boardApi, looseNote } from '../helpers/versions.js'
import { connectClient, waitForSync, waitForValue, type YClient } from '../helpers/yclient.js'

let server: TestServer
const clients: YClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
})

const recordsJson = (doc: Y.Doc) => JSON.stringify(readBoardRecords(doc).sort((a, b) => a.id.localeCompare(b.id)))

async function pdfText(response: Response): Promise<string> {
  const proxy = await getDocumentProxy(new Uint8Array(await response.arrayBuffer()))
  const { text } = await extractText(proxy, { mergePages: true })
  return text.replace(/\s+/g, ' ')
}

test('the memo has a "changes since" section for ?changesSince, by category, and only when asked', async () => {
  server = await startTestServer({ config: { versionIntervalMs: 0 } })
  const { board, tokens } = await server.createBoard('Muistio muutoksin')
  const client = connectClient(server.syncUrl, board.id, tokens.edit)
  clients.push(client)
  await waitForSync(client)
  const records = openBoardRecords(client.doc)
  records.set('shape:edit', looseNote('edit', { text: 'Vanha muotoilu' }))
  records.set('shape:gone', looseNote('gone', { text: 'Poistettava lappu', category: 'strength' }, 2900))
  const synced = async () => {
    const room = await waitForValue(
      () => server.app.rooms.peekLoaded(board.id),
      (loaded) => loaded !== undefined && recordsJson(loaded.doc) === recordsJson(client.doc),
      'the server has the edits',
    )
    await room!.whenStored()
  }
  await synced()
  const version = VersionSummary.parse(
    (await boardApi(server.url, 'POST', `/api/boards/${board.id}/versions`, tokens.facilitator, { name: 'Työpaja 1' }))
      .body,
  )
  records.set('shape:edit', looseNote('edit', { text: 'Uusi muotoilu' }))
  records.delete('shape:gone')
  records.set('shape:new', looseNote('new', { text: 'Lisätty toimenpide', category: 'action' }, 3200))
  await synced()

  const url = `${server.url}/api/boards/${board.id}/export.pdf`
  const withChanges = await fetch(`${url}?changesSince=${version.id}`, {
    headers: { authorization: `Bearer ${tokens.edit}` },
  })
  expect(withChanges.status).toBe(200)
  const text = await pdfText(withChanges)
  expect(text).toContain('Muutokset “Työpaja 1”')
  expect(text).toMatch(/Tarpeet.*Muokattu \(1\).*Vanha muotoilu → Uusi muotoilu/)
  expect(text).toMatch(/Toimenpiteet.*Lisätty \(1\).*Lisätty toimenpide/)
  expect(text).toMatch(/Vahvuudet.*Poistettu \(1\).*Poistettava lappu/)

  const plain = await fetch(url, { headers: { authorization: `Bearer ${tokens.edit}` } })
  expect(await pdfText(plain)).not.toContain('Muutokset')

  // A view link cannot read history through the memo; an unknown version is named as such.
  const view = await fetch(`${url}?changesSince=${version.id}`, { headers: { authorization: `Bearer ${tokens.view}` } })
  expect(view.status).toBe(403)
  const unknown = await fetch(`${url}?changesSince=v_AAAAAAAAAAAAAAAA`, {
    headers: { authorization: `Bearer ${tokens.facilitator}` },
  })
  expect(unknown.status).toBe(404)
  const malformed = await fetch(`${url}?changesSince=nope`, {
    headers: { authorization: `Bearer ${tokens.facilitator}` },
  })
  expect(malformed.status).toBe(400)
})
