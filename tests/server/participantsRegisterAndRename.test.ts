import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { hashToken } from '../../server/auth/tokens.js'
import { type CreateBoardResponse, ErrorBody, type Role } from '../../shared/api.js'
import {
  PARTICIPANT_NAME_MAX_LENGTH,
  ParticipantId,
  RegisterParticipantResponse,
  STAKEHOLDER_GROUPS,
  UpdateParticipantResponse,
} from '../../shared/facilitation.js'
import { buildTestApp, type TestApp } from '../helpers/server.js'

let server: TestApp
let created: CreateBoardResponse
let other: CreateBoardResponse
beforeAll(async () => {
  server = await buildTestApp()
  created = await server.createBoard('Työpaja')
  other = await server.createBoard('Toinen työpaja')
})
afterAll(() => server.close())

const register = (body: unknown, role: Role = 'edit', board = created) =>
  server.app.inject({
    method: 'POST',
    url: `/api/boards/${board.board.id}/participants`,
    headers: { authorization: `Bearer ${board.tokens[role]}` },
    payload: body as object,
  })

const rename = (secret: string | null, body: unknown, board = created) =>
  server.app.inject({
    method: 'PATCH',
    url: `/api/boards/${board.board.id}/participants/me`,
    headers: { authorization: `Bearer ${board.tokens.edit}`, ...(secret === null ? {} : { 'x-participant': secret }) },
    payload: body as object,
  })

test('any link registers a person: 201 with an id, their name and group, and a secret kept only as a hash', async () => {
  const secrets = new Set<string>()
  for (const role of ['facilitator', 'edit', 'view'] as const) {
    const response = await register({ name: '  Aino Äijälä  ', group: 'municipality' }, role)
    expect(response.statusCode).toBe(201)
    expect(response.headers['cache-control']).toBe('no-store')
    const { participant, secret } = RegisterParticipantResponse.parse(response.json())
    expect(ParticipantId.safeParse(participant.id).success).toBe(true)
    expect(participant).toMatchObject({ name: 'Aino Äijälä', group: 'municipality' })
    expect(secret).toMatchObject(/^[A-Za-z0-9_-]{43}$/)
    secrets.add(secret)
    expect(await server.app.storage.findParticipant(created.board.id, hashToken(secret))).toEqual(participant)
  }
  expect(secrets.size).toBe(3)
  // The database holds the hash, never the secret (WAL included: nothing is checkpointed yet).
  const files = fs.readdirSync(server.dataDir).filter((name) => name.startsWith('tilannekuva.sqlite'))
  const bytes = Buffer.concat(files.map((name) => fs.readFileSync(path.join(server.dataDir, name))))
  for (const secret of secrets) {
    expect(bytes.includes(Buffer.from(hashToken(secret)))).toBe(true)
    expect(bytes.includes(Buffer.from(secret))).toBe(false)
  }
})

test('every stakeholder group can be chosen', async () => {
  for (const group of STAKEHOLDER_GROUPS) {
    expect((await register({ name: 'Henkilö', group })).statusCode, group).toBe(201)
  }
})

test.each([
  ['an unknown group', { name: 'Aino', group: 'aliens' }, { path: 'group', code: 'invalid_value' }],
  ['no group', { name: 'Aino' }, { path: 'group', code: 'invalid_value' }],
  ['an empty name', { name: '   ', group: 'business' }, { path: 'name', code: 'required' }],
  [
    'a too long name',
    { name: 'x'.repeat(PARTICIPANT_NAME_MAX_LENGTH + 1), group: 'business' },
    { path: 'name', code: 'too_long' },
  ],
  ['an unknown field', { name: 'Aino', group: 'business', admin: true }, { path: '', code: 'unknown_field' }],
])('registering with %s gets the uniform 400 naming the field', async (_what, body, problem) => {
  const response = await register(body)
  expect(response.statusCode).toBe(400)
  const error = ErrorBody.parse(response.json())
  expect(error).toMatchObject({ error: 'bad_request', message: 'invalid request body' })
  expect(error.issues).toContainEqual(expect.objectContaining(problem))
})

test('registering needs a token of the board', async () => {
  const response = await server.app.inject({
    method: 'POST',
    url: `/api/boards/${created.board.id}/participants`,
    payload: { name: 'Aino', group: 'business' },
  })
  expect(response.statusCode).toBe(401)
})

test('PATCH …/participants/me changes the name or the group of the secret’s person, keeping the rest', async () => {
  const { participant, secret } = RegisterParticipantResponse.parse(
    (await register({ name: 'Pekka', group: 'business' })).json(),
  )
  const renamed = await rename(secret, { name: 'Pekka P.' })
  expect(renamed.statusCode).toBe(200)
  expect(UpdateParticipantResponse.parse(renamed.json()).participant).toEqual({ ...participant, name: 'Pekka P.' })
  const regrouped = await rename(secret, { group: 'state_authority' })
  expect(UpdateParticipantResponse.parse(regrouped.json()).participant).toEqual({
    id: participant.id,
    name: 'Pekka P.',
    group: 'state_authority',
  })
  expect(await server.app.storage.findParticipant(created.board.id, hashToken(secret))).toEqual({
    id: participant.id,
    name: 'Pekka P.',
    group: 'state_authority',
  })
  const bad = await rename(secret, { group: 'aliens' })
  expect(bad.statusCode).toBe(400)
  expect(ErrorBody.parse(bad.json()).issues).toContainEqual(expect.objectContaining({ path: 'group' }))
})

test('PATCH with an unknown, missing or other board’s secret is 401 and changes nobody', async () => {
  const { participant, secret } = RegisterParticipantResponse.parse(
    (await register({ name: 'Liisa', group: 'association' })).json(),
  )
  const unknown = await rename('not-a-registered-secret', { name: 'Huijari' })
  expect(unknown.statusCode).toBe(401)
  expect(ErrorBody.parse(unknown.json())).toEqual({
    error: 'unauthorized',
    message: 'this participant secret is not registered on the board; register again',
  })
  const missing = await rename(null, { name: 'Huijari' })
  expect(missing.statusCode).toBe(401)
  expect(ErrorBody.parse(missing.json()).message).toBe('send the participant secret as X-Participant')
  // A participant belongs to one board: its secret opens nothing on another.
  const elsewhere = await rename(secret, { name: 'Huijari' }, other)
  expect(elsewhere.statusCode).toBe(401)
  expect(await server.app.storage.findParticipant(created.board.id, hashToken(secret))).toEqual(participant)
})
