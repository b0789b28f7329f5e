import { afterEach, beforeEach, expect, test } from 'vitest'
import { type CreateBoardResponse, ErrorBody, type Role } from '../../shared/api.js'
import {
  FACILITATION_MAP_NAME,
  PeopleResponse,
  RegisterParticipantResponse,
  STAKEHOLDER_GROUPS,
} from '../../shared/facilitation.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { connectClient, waitForSync, waitForValue, type YClient } from '../helpers/yclient.js'

let server: TestServer
let created: CreateBoardResponse
const clients: YClient[] = []
beforeEach(async () => {
  server = await startTestServer()
  created = await server.createBoard('Paikalla')
})
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server.close()
})

async function register(name: string, group: string, role: Role = 'edit') {
  const response = await fetch(`${server.url}/api/boards/${created.board.id}/participants`, {
    method: 'POST',
    headers: { authorization: `Bearer ${created.tokens[role]}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name, group }),
  })
  return RegisterParticipantResponse.parse(await response.json())
}

async function connect(role: Role, participant?: string) {
  const client = connectClient(server.syncUrl, created.board.id, created.tokens[role], undefined, { participant })
  clients.push(client)
  await waitForSync(client)
  return client
}

const people = (role: Role) =>
  fetch(`${server.url}/api/boards/${created.board.id}/people`, {
    headers: { authorization: `Bearer ${created.tokens[role]}` },
  })

const peopleOf = async (role: Role) => PeopleResponse.parse(await (await people(role)).json())

test('one person however many tabs share their secret; a forged secret joins without identity; every group is counted', async () => {
  const aino = await register('Aino', 'municipality')
  await connect('edit', aino.secret)
  await connect('edit', aino.secret)
  await connect('edit', 'forged-secret-of-nobody')
  await connect('facilitator')

  const before = Date.now()
  const answer = await waitForValue(
    () => peopleOf('facilitator'),
    (value) => value.people.length === 3,
    'three people',
  )
  expect(answer.serverNow).toBeGreaterThanOrEqual(before)
  const ainoHere = answer.people.filter((person) => person.participantId === aino.participant.id)
  expect(ainoHere).toEqual([
    {
      participantId: aino.participant.id,
      name: 'Aino',
      group: 'municipality',
      role: 'edit',
      status: 'active',
      connections: 2,
    },
  ])
  const anonymous = answer.people.filter((person) => person.participantId === null)
  expect(anonymous.map((person) => person.role).sort()).toEqual(['edit', 'facilitator'])
  expect(anonymous.every((person) => person.name === '' && person.connections === 1)).toBe(true)
  expect(Object.keys(answer.counts).sort()).toEqual([...STAKEHOLDER_GROUPS].sort())
  expect(answer.counts).toMatchObject({ municipality: 1, undisclosed: 2, business: 0 })
})

test("another board's participant secret binds nothing here", async () => {
  const elsewhere = await server.createBoard('Muualla')
  const response = await fetch(`${server.url}/api/boards/${elsewhere.board.id}/participants`, {
    method: 'POST',
    headers: { authorization: `Bearer ${elsewhere.tokens.edit}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Vieras', group: 'business' }),
  })
  const { secret } = RegisterParticipantResponse.parse(await response.json())
  await connect('edit', secret)
  const answer = await waitForValue(
    () => peopleOf('facilitator'),
    (value) => value.people.length === 1,
    'one person',
  )
  expect(answer.people[0]).toMatchObject({ participantId: null, name: '', group: 'undisclosed' })
})

test('edit and view links see people only while the facilitator shows them', async () => {
  const pekka = await register('Pekka', 'business')
  await connect('edit', pekka.secret)
  for (const role of ['edit', 'view'] as const) {
    const hidden = await people(role)
    expect(hidden.status).toBe(403)
    expect(ErrorBody.parse(await hidden.json())).toEqual({
      error: 'forbidden',
      message: 'the facilitator has not made the people list visible',
    })
  }
  const room = await server.app.rooms.peekLoaded(created.board.id)
  room!.doc.getMap(FACILITATION_MAP_NAME).set('peopleVisible', true)
  for (const role of ['edit', 'view'] as const) {
    const shown = await people(role)
    expect(shown.status).toBe(200)
    expect(PeopleResponse.parse(await shown.json()).people).toContainEqual(
      expect.objectContaining({ participantId: pekka.participant.id, name: 'Pekka', group: 'business' }),
    )
  }
})

test('on a board nobody has open, the facilitator sees nobody and the others are refused', async () => {
  const facilitator = await people('facilitator')
  expect(facilitator.status).toBe(200)
  const answer = PeopleResponse.parse(await facilitator.json())
  expect(answer.people).toEqual([])
  expect(Object.values(answer.counts).every((count) => count === 0)).toBe(true)
  expect((await people('edit')).status).toBe(403)
  // Asking did not load the board.
  expect(await server.app.rooms.peekLoaded(created.board.id)).toBeUndefined()
})
