/**
 * `npm run kill-rounds -- [--rounds=50] [--notes=300]` (not in CI): many kill -9 trials of the
 * bundled server on one board (tests/helpers/killRound.ts), each while a client writes notes
 * every 5 ms; after each, the database gets `PRAGMA quick_check` and the restarted server must
 * hold every note a reader had received. Prints one line per round and a summary; exits 1 on
 * any loss or damage.
 */
import { startChildServer, stopChildServers } from '../tests/helpers/childServer.js'
import { killRound } from '../tests/helpers/killRound.js'
import { createBoardAt, makeTempDir } from '../tests/helpers/server.js'

function option(name: string, fallback: number): number {
  const arg = process.argv.find((value) => value.startsWith(`--${name}=`))
  if (!arg) return fallback
  const value = Number(arg.slice(name.length + 3))
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive whole number`)
  return value
}

const rounds = option('rounds', 50)
const notesBeforeKill = option('notes', 300)

const dataDir = makeTempDir('tilannekuva-kill-')
const first = await startChildServer({ DATA_DIR: dataDir })
const { board, tokens } = await createBoardAt(first.url, 'Kaatumiskierrokset')
first.process.kill('SIGTERM')
await first.exited

let received = 0
let lost = 0
let damaged = 0
const started = Date.now()
try {
  for (let round = 0; round < rounds; round++) {
    const result = await killRound({ dataDir, boardId: board.id, editToken: tokens.edit, round, notesBeforeKill })
    received += result.received
    lost += result.missing.length
    if (result.integrity !== 'ok') damaged++
    console.log(
      `round ${round + 1}/${rounds}: received ${result.received}, missing ${result.missing.length}, quick_check ${result.integrity}`,
    )
  }
} finally {
  await stopChildServers()
}
console.log(
  `${rounds} kill -9 rounds in ${Math.round((Date.now() - started) / 1000)} s: ${lost} of ${received} received notes lost, ` +
    `${damaged} damaged databases (data in ${dataDir})`,
)
process.exit(lost > 0 || damaged > 0 ? 1 : 0)
