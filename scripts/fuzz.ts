/**
 * The websocket fuzzer's long mode (not in CI): `npm run fuzz -- --seconds=600 [--seed=N] [--frames=300]`.
 * Runs seed after seed of tests/helpers/frameFuzzer.ts against the bundled server in its own
 * process (so a crash shows as an exit), while an editor keeps working on the board. After each
 * seed the server must be alive and healthy; at the end it is stopped, started again on the same
 * data, and the board must reload as the editor last saw it. Prints every finding with its seed
 * and frame index (pin it in tests/server/frameFuzz.test.ts) and exits 1 if there was one.
 */
import type * as Y from 'yjs'
import { getMetaMap, getRecordsArray, openBoardRecords } from '../shared/boardDocument.js'
import { startChildServer, stopChildServers } from '../tests/helpers/childServer.js'
import { type FuzzFinding, runFuzzSeed } from '../tests/helpers/fuzzSession.js'
import { noteRecord } from '../tests/helpers/records.js'
import { createBoardAt, makeTempDir } from '../tests/helpers/server.js'
import { connectClient, waitFor, waitForSync } from '../tests/helpers/yclient.js'

function option(name: string, fallback: number): number {
  const arg = process.argv.find((value) => value.startsWith(`--${name}=`))
  if (!arg) return fallback
  const value = Number(arg.slice(name.length + 3))
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number`)
  return value
}

const seconds = option('seconds', 60)
const firstSeed = option('seed', Math.floor(Date.now() / 1000) % 1_000_000_000)
const frames = option('frames', 300)

/** The board's records and meta as JSON, in a stable order. */
function boardContent(doc: Y.Doc): string {
  const records = getRecordsArray(doc)
    .toArray()
    .sort((a, b) => a.key.localeCompare(b.key))
  return JSON.stringify([records, getMetaMap(doc).toJSON()])
}

async function main(): Promise<void> {
  const dataDir = makeTempDir('tilannekuva-fuzz-')
  let server = await startChildServer({ DATA_DIR: dataDir, LOG_LEVEL: 'info' })
  const { board, tokens } = await createBoardAt(server.url, 'Sumea')
  const editor = connectClient(server.syncUrl, board.id, tokens.edit)
  await waitForSync(editor)
  const records = openBoardRecords(editor.doc)
  let edits = 0
  const editing = setInterval(() => {
    const id = `keep${edits % 50}`
    records.set(`shape:${id}`, noteRecord(id, `Säilyy ${edits}`, edits % 1000, 0))
    edits++
  }, 50)

  const findings: FuzzFinding[] = []
  const closes: Record<number, number> = {}
  let sent = 0
  let seed = firstSeed
  const started = Date.now()
  console.log(`fuzzing for ${seconds} s from seed ${firstSeed}, ${frames} frames a seed, data in ${dataDir}`)
  while (Date.now() - started < seconds * 1000) {
    const outcome = await runFuzzSeed({ syncUrl: server.syncUrl, boardId: board.id, tokens, seed, count: frames })
    sent += outcome.sent
    for (const [code, count] of Object.entries(outcome.closes))
      closes[Number(code)] = (closes[Number(code)] ?? 0) + count
    findings.push(...outcome.findings)
    for (const finding of outcome.findings) console.log(`FINDING seed ${finding.seed} frame ${finding.index}:`, finding)
    const exited = await Promise.race([server.exited, new Promise((resolve) => setTimeout(resolve, 0, null))])
    if (exited !== null) {
      console.log(`FINDING seed ${seed}: the server exited (${exited})`)
      findings.push({ seed, index: -1, kind: 'valid', bytes: 0, outcome: 'no answer', frameHex: '' })
      break
    }
    const health = await fetch(`${server.url}/api/health`).then((response) => response.status)
    if (health !== 200) {
      console.log(`FINDING seed ${seed}: /api/health answered ${health}`)
      findings.push({ seed, index: -1, kind: 'valid', bytes: 0, outcome: 'no answer', frameHex: '' })
    }
    seed++
    if ((seed - firstSeed) % 10 === 0) {
      console.log(
        `${((Date.now() - started) / 1000).toFixed(0)} s: ${seed - firstSeed} seeds, ${sent} frames, closes ${JSON.stringify(closes)}`,
      )
    }
  }
  clearInterval(editing)

  // The editor's view is the server's once it has caught up; the board must reload as that.
  const before = connectClient(server.syncUrl, board.id, tokens.view)
  await waitForSync(before)
  await waitFor(() => boardContent(before.doc) === boardContent(editor.doc), 'a viewer matches the editor', 20_000)
  const expected = boardContent(editor.doc)
  editor.destroy()
  before.destroy()
  server.process.kill('SIGTERM')
  console.log(`server stopped: ${await server.exited}`)
  await stopChildServers()
  server = await startChildServer({ DATA_DIR: dataDir, LOG_LEVEL: 'info' })
  const after = connectClient(server.syncUrl, board.id, tokens.view)
  await waitForSync(after)
  const reloaded = boardContent(after.doc) === expected
  after.destroy()
  await stopChildServers()
  if (!reloaded) {
    console.log('FINDING: after a restart the board is not what the editor last saw')
    findings.push({ seed: -1, index: -1, kind: 'valid', bytes: 0, outcome: 'no answer', frameHex: '' })
  }
  console.log(
    `done: ${seed - firstSeed} seeds (${firstSeed}–${seed - 1}), ${sent} frames, ${edits} edits by the editor, ` +
      `closes ${JSON.stringify(closes)}, board reloaded ${reloaded ? 'intact' : 'DIFFERENT'}, ${findings.length} findings`,
  )
  process.exit(findings.length > 0 ? 1 : 0)
}

main().catch(async (error) => {
  console.error(error)
  await stopChildServers()
  process.exit(1)
})
