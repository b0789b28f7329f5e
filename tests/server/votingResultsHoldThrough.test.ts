/**
 * A round's results hold through what happens on the board meanwhile: a person changing group
 * mid-round counts in one group only, a voted note deleted afterwards keeps its last words and
 * category, and live results waiting for their batch are written before the room closes.
 */
import { afterEach, beforeEach, expect, test } from 'vitest'
import { openBoardRecords } from '../../shared/boardDocument.js'
import type { Round } from '../../shared/voting.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { noteRecord, type VotingBoard, votingBoard, votingIn } from '../helpers/votingBoard.js'
import { waitFor, waitForValue, type YClient } from '../helpers/yclient.js'

let server: TestServer
let board: VotingBoard
const clients: YClient[] = []
beforeEach(async () => {
  server = await startTestServer()
  board = votingBoard(() => server, await server.createBoard('Tulokset'), clients)
})
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
})

const room = () => server.app.rooms.getRoom(board.created.board.id)

test('a person who changes group mid-round counts in the group of their first vote, once', async () => {
  await board.withNotes()
  const round = await board.openRound({ votesPerParticipant: 3, maxVotesPerNote: 3 })
  const aino = await board.register('Aino', 'business')
  expect((await board.vote(round.id, aino.secret, 'shape:n1')).status).toBe(200)
  const changed = await board.api('PATCH', '/participants/me', { secret: aino.secret, body: { group: 'education' } })
  expect(changed.status).toBe(200)
  expect((await board.vote(round.id, aino.secret, 'shape:n2')).status).toBe(200)
  // Taking every vote back and voting again still votes as the first group.
  expect((await board.vote(round.id, aino.secret, 'shape:n1', -1)).status).toBe(200)
  expect((await board.vote(round.id, aino.secret, 'shape:n2', -1)).status).toBe(200)
  expect((await board.vote(round.id, aino.secret, 'shape:n3')).status).toBe(200)
  expect((await board.vote(round.id, aino.secret, 'shape:n1')).status).toBe(200)

  const revealed = (await board.api('POST', `/rounds/${round.id}/reveal`, { role: 'facilitator' }))
    .body as unknown as Round
  expect(revealed.results).toMatchObject({ voters: 1, votesCast: 2 })
  expect(revealed.results?.votersByGroup).toMatchObject({ business: 1, education: 0 })
  for (const note of revealed.results!.notes) expect(note.byGroup).toEqual({ business: 1 })

  // A new round takes the group the person has now.
  const next = await board.openRound({ hiddenUntilReveal: false })
  expect((await board.vote(next.id, aino.secret, 'shape:n1')).status).toBe(200)
  const rounds = (await board.api('GET', '/rounds', { role: 'facilitator' })).body.rounds as Round[]
  expect(rounds[1]!.results?.votersByGroup).toMatchObject({ business: 0, education: 1 })
})

test('a voted note deleted afterwards keeps its last words and category in the results, shown as deleted', async () => {
  const facilitator = await board.withNotes()
  const hidden = await board.openRound({ hiddenUntilReveal: true, votesPerParticipant: 2 })
  const pekka = await board.register('Pekka', 'municipality')
  expect((await board.vote(hidden.id, pekka.secret, 'shape:n1')).status).toBe(200)
  expect((await board.vote(hidden.id, pekka.secret, 'shape:n1')).status).toBe(200)

  // Edited after the votes, then deleted: the results keep the edited words.
  const records = openBoardRecords(facilitator.doc)
  records.set('shape:n1', noteRecord('n1', 'need', 'Osaajapula pahenee'))
  const serverRoom = await room()
  await waitFor(
    () =>
      serverRoom
        .readRecords()
        .some((record) => (record.props as { text?: string } | undefined)?.text === 'Osaajapula pahenee'),
    'the edit reaches the server',
  )
  records.delete('shape:n1')
  await waitFor(() => !serverRoom.readRecords().some((record) => record.id === 'shape:n1'), 'the note is deleted')

  await board.api('POST', `/rounds/${hidden.id}/close`, { role: 'facilitator' })
  const revealed = (await board.api('POST', `/rounds/${hidden.id}/reveal`, { role: 'facilitator' }))
    .body as unknown as Round
  expect(revealed.results?.notes).toEqual([
    {
      noteId: 'shape:n1',
      total: 2,
      byGroup: { municipality: 2 },
      deleted: true,
      text: 'Osaajapula pahenee',
      category: 'need',
    },
  ])

  // An open round's live results say so by themselves once the note goes.
  const live = await board.openRound({ hiddenUntilReveal: false })
  expect((await board.vote(live.id, pekka.secret, 'shape:n2')).status).toBe(200)
  await waitFor(() => votingIn(facilitator.doc).rounds[1]?.results?.votesCast === 1, 'live results')
  records.delete('shape:n2')
  await waitFor(() => votingIn(facilitator.doc).rounds[1]?.results?.notes[0]?.deleted === true, 'shown as deleted')
  expect(votingIn(facilitator.doc).rounds[1]!.results!.notes[0]).toMatchObject({ text: 'n2', category: 'need' })
})

test('live results waiting for their batch are written before the room closes', async () => {
  const facilitator = await board.withNotes()
  const round = await board.openRound({ hiddenUntilReveal: false, votesPerParticipant: 3 })
  const aino = await board.register('Aino', 'business')
  facilitator.destroy()
  const loaded = await room()
  await waitFor(() => loaded.connectionCount === 0, 'the facilitator has left')
  for (const noteId of ['shape:n1', 'shape:n2', 'shape:n3']) {
    expect((await board.vote(round.id, aino.secret, noteId)).status).toBe(200)
  }
  // Evicted at once, well inside the batch's quarter second.
  await server.app.rooms.evictIdle()
  expect(await server.app.rooms.peekLoaded(board.created.board.id)).toBeUndefined()

  const reloaded = await room()
  const stored = readResults(reloaded)
  expect(stored?.votesCast).toBe(3)
  expect(stored?.votersByGroup).toMatchObject({ business: 1 })
  const snapshot = await waitForValue(
    async () => (await board.api('GET', '/snapshot', { role: 'view' })).body as { rounds: Round[] },
    (value) => value.rounds.length === 1,
    'the snapshot',
  )
  expect(snapshot.rounds[0]!.results?.votesCast).toBe(3)
})

function readResults(loaded: Awaited<ReturnType<typeof room>>) {
  const state = loaded.readServerValue('voting') as { rounds: Round[] } | undefined
  return state?.rounds[0]?.results ?? null
}
