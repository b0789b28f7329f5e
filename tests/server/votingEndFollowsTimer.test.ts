/**
 * A round's end as the server keeps it: one that ends with the workshop timer follows the timer
 * as it is changed (added time, pause, reset), and a round past its end is closed everywhere —
 * its closure written into the document, so that neither a reset timer nor a stale snapshot
 * opens it again.
 */
import { afterEach, beforeEach, expect, test } from 'vitest'
import type { BoardSnapshot } from '../../shared/snapshot.js'
import { readVoting, type Round, type RoundsResponse } from '../../shared/voting.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { type VotingBoard, votingBoard } from '../helpers/votingBoard.js'
import { waitFor, type YClient } from '../helpers/yclient.js'

let server: TestServer
let board: VotingBoard
const clients: YClient[] = []
beforeEach(async () => {
  server = await startTestServer()
  board = votingBoard(() => server, await server.createBoard('Ajastin'), clients)
})
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
})

const timer = async (command: Record<string, unknown>) => {
  const { status, body } = await board.api('POST', '/facilitation', { role: 'facilitator', body: command })
  expect(status, JSON.stringify(body)).toBe(200)
  return (body.state as { timer: { status: string; endsAt?: number } }).timer
}
const until = (at: number) => waitFor(() => Date.now() >= at, `time ${at}`)
const roundsAsFacilitator = async () =>
  ((await board.api('GET', '/rounds', { role: 'facilitator' })).body as unknown as RoundsResponse).rounds

test('a round ending with the timer follows added time, does not end while paused or reset, and stays ended', async () => {
  await board.withNotes()
  const aino = await board.register('Aino', 'business')
  const started = await timer({ type: 'timerStart', durationMs: 1000 })
  const round = await board.openRound({ endWithTimer: true, hiddenUntilReveal: false })
  expect(round).toMatchObject({ endsWithTimer: true, endsAt: null })

  // Time added after the opening: the round's end moves with the timer's.
  const added = await timer({ type: 'timerAdd', ms: 1500 })
  await until(started.endsAt! + 100)
  expect((await board.vote(round.id, aino.secret, 'shape:n1')).status).toBe(200)

  // Paused: the round does not end while the timer stands still.
  await timer({ type: 'timerPause' })
  await until(added.endsAt! + 100)
  expect((await board.vote(round.id, aino.secret, 'shape:n2')).status).toBe(200)
  // Reset: no end at all.
  await timer({ type: 'timerReset' })
  expect((await roundsAsFacilitator())[0]).toMatchObject({ status: 'open' })

  // Started again and run out: the closure is written, at the timer's end.
  const again = await timer({ type: 'timerStart', durationMs: 1000 })
  const room = await server.app.rooms.getRoom(board.created.board.id)
  const stored = () => readVoting({ get: (key) => room.readServerValue(key) }).rounds[0]!
  await waitFor(() => stored().status === 'closed', 'the closure in the document')
  expect(stored().closedAt).toBe(again.endsAt)
  expect((await board.vote(round.id, aino.secret, 'shape:n3')).body).toMatchObject({ reason: 'round_closed' })

  // A reset after the end opens nothing again.
  await timer({ type: 'timerReset' })
  expect((await board.vote(round.id, aino.secret, 'shape:n3')).body).toMatchObject({ reason: 'round_closed' })
  expect((await roundsAsFacilitator())[0]).toMatchObject({ status: 'closed', closedAt: again.endsAt })
  const snapshot = (await board.api('GET', '/snapshot', { role: 'view' })).body as unknown as BoardSnapshot
  expect(snapshot.rounds[0]).toMatchObject({ status: 'closed', closedAt: again.endsAt })
  expect(snapshot.rounds[0]!.results?.votesCast).toBe(2)
})

test('a round past its end time is closed in the snapshot and the rounds, not only for votes', async () => {
  await board.withNotes()
  const aino = await board.register('Aino', 'business')
  const endsAt = Date.now() + 800
  const round = await board.openRound({ endsAt, hiddenUntilReveal: false })
  expect((await board.vote(round.id, aino.secret, 'shape:n1')).status).toBe(200)
  const snapshotRound = async () =>
    ((await board.api('GET', '/snapshot', { role: 'view' })).body as unknown as BoardSnapshot).rounds[0]!
  expect(await snapshotRound()).toMatchObject({ status: 'open' })
  await until(endsAt + 50)
  const expected: Partial<Round> = { status: 'closed', closedAt: endsAt }
  expect(await snapshotRound()).toMatchObject(expected)
  const asParticipant = (await board.api('GET', `/rounds/${round.id}`)).body
  expect(asParticipant).toMatchObject(expected)
})
