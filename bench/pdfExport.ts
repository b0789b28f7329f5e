import { startTestServer } from '../tests/helpers/server.js'
import { connectClient, waitForSync } from '../tests/helpers/yclient.js'
import { percentile } from './stats.js'

const server = await startTestServer()
const categories = ['strength', 'need', 'actor', 'action'] as const

async function boardWith(count: number) {
  const created = await server.createBoard(`Mittaus ${count} lappua`)
  for (let start = 0; start < count; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, count - start) }, (_, i) => ({
      category: categories[(start + i) % 4],
      text: `Lappu ${start + i}: alueen osaaminen, yhteistyö ja kasvu – čđŋšŧž åäö`,
      author: 'Mittari',
    }))
    const response = await fetch(`${server.url}/api/boards/${created.board.id}/notes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${created.tokens.edit}`, 'content-type': 'application/json' },
      body: JSON.stringify(rows),
    })
    if (response.status !== 201) throw new Error(`import failed: ${response.status} ${await response.text()}`)
  }
  return created
}

async function exportPdf(boardId: string, token: string) {
  const started = performance.now()
  const response = await fetch(`${server.url}/api/boards/${boardId}/export.pdf?paper=a4`, {
    headers: { authorization: `Bearer ${token}` },
  })
  const bytes = (await response.arrayBuffer()).byteLength
  if (response.status !== 200) throw new Error(`export failed: ${response.status}`)
  return { ms: performance.now() - started, bytes }
}

/** Latencies of updates sent every 20 ms from one client to another on their own board, until `until` settles. */
async function syncLatencies(until: Promise<unknown>): Promise<number[]> {
  const other = await server.createBoard('Toinen taulu')
  const sender = connectClient(server.syncUrl, other.board.id, other.tokens.edit)
  const receiver = connectClient(server.syncUrl, other.board.id, other.tokens.edit)
  await Promise.all([waitForSync(sender), waitForSync(receiver)])
  const latencies: number[] = []
  receiver.doc.getMap<number>('bench').observe((event) => {
    const sent = event.target.get('sentAt')
    if (typeof sent === 'number') latencies.push(performance.now() - sent)
  })
  let done = false
  void until.finally(() => (done = true))
  while (!done) {
    sender.doc.getMap<number>('bench').set('sentAt', performance.now())
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  await new Promise((resolve) => setTimeout(resolve, 200))
  sender.destroy()
  receiver.destroy()
  return latencies
}

const results: string[] = []
for (const count of [50, 500, 5000]) {
  const board = await boardWith(count)
  await exportPdf(board.board.id, board.tokens.view) // warm-up: first worker bundle and fonts
  const { ms, bytes } = await exportPdf(board.board.id, board.tokens.view)
  results.push(`${count} notes: ${(ms / 1000).toFixed(1)} s, ${(bytes / 1024).toFixed(0)} KiB`)
  console.log(results.at(-1))
  if (count === 5000) {
    const idle = await syncLatencies(new Promise((resolve) => setTimeout(resolve, 5000)))
    console.log(
      `other board idle: p50 ${percentile(
        [...idle].sort((a, b) => a - b),
        50,
      ).toFixed(1)} ms, p99 ${percentile(
        [...idle].sort((a, b) => a - b),
        99,
      ).toFixed(1)} ms (${idle.length} updates)`,
    )
    const during = await syncLatencies(exportPdf(board.board.id, board.tokens.view))
    console.log(
      `other board during the 5,000-note export: p50 ${percentile(
        [...during].sort((a, b) => a - b),
        50,
      ).toFixed(1)} ms, p99 ${percentile(
        [...during].sort((a, b) => a - b),
        99,
      ).toFixed(1)} ms (${during.length} updates)`,
    )
  }
}
await server.close()
