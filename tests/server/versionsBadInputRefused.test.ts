import { afterEach, expect, test } from 'vitest'
import { readBoardRecords } from '../../shared/boardDocument.js'
import { ErrorBody } from '../../shared/api.js'
import { VersionSummary, VersionsResponse } from '../../shared/versions.js'
import { buildTestApp, type TestApp } from '../helpers/server.js'

let testApp: TestApp
afterEach(async () => {
  await testApp?.close()
})

test('unknown or foreign version ids, wrong roles and bad bodies get clear 4xx answers and change nothing', async () => {
  testApp = await buildTestApp({ config: { versionIntervalMs: 0 } })
  const { app } = testApp
  const one = await testApp.createBoard('Yksi')
  const other = await testApp.createBoard('Toinen')
  const call = async (method: 'GET' | 'POST', url: string, token: string, payload?: unknown) => {
    const response = await app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    })
    return { status: response.statusCode, body: response.json() as unknown }
  }
  const base = `/api/boards/${one.board.id}`
  const named = await call('POST', `${base}/versions`, one.tokens.facilitator, { name: 'Oma' })
  expect(named.status).toBe(201)
  const version = VersionSummary.parse(named.body)
  const foreign = VersionSummary.parse(
    (await call('POST', `/api/boards/${other.board.id}/versions`, other.tokens.facilitator, { name: 'Vieras' })).body,
  )
  const room = await app.rooms.getRoom(one.board.id)
  const recordsBefore = JSON.stringify(readBoardRecords(room.doc))
  app.rooms.release(room)

  const unknownId = 'v_AAAAAAAAAAAAAAAA'
  const refusals: [string, Awaited<ReturnType<typeof call>>, number, string][] = [
    ['unknown version', await call('GET', `${base}/versions/${unknownId}`, one.tokens.edit), 404, 'not_found'],
    ['unknown state', await call('GET', `${base}/versions/${unknownId}/state`, one.tokens.edit), 404, 'not_found'],
    [
      'another board’s version',
      await call('GET', `${base}/versions/${foreign.id}`, one.tokens.facilitator),
      404,
      'not_found',
    ],
    [
      'restore unknown',
      await call('POST', `${base}/versions/${unknownId}/restore`, one.tokens.facilitator),
      404,
      'not_found',
    ],
    [
      'restore foreign',
      await call('POST', `${base}/versions/${foreign.id}/restore`, one.tokens.facilitator),
      404,
      'not_found',
    ],
    [
      'restore with edit',
      await call('POST', `${base}/versions/${version.id}/restore`, one.tokens.edit),
      403,
      'forbidden',
    ],
    [
      'restore with view',
      await call('POST', `${base}/versions/${version.id}/restore`, one.tokens.view),
      403,
      'forbidden',
    ],
    [
      'restore with another board’s token',
      await call('POST', `${base}/versions/${version.id}/restore`, other.tokens.facilitator),
      401,
      'unauthorized',
    ],
    ['name with edit', await call('POST', `${base}/versions`, one.tokens.edit, { name: 'x' }), 403, 'forbidden'],
    ['list with view', await call('GET', `${base}/versions`, one.tokens.view), 403, 'forbidden'],
    ['changes with view', await call('GET', `${base}/changes?from=${version.id}`, one.tokens.view), 403, 'forbidden'],
    ['changes from unknown', await call('GET', `${base}/changes?from=${unknownId}`, one.tokens.edit), 404, 'not_found'],
    [
      'changes to foreign',
      await call('GET', `${base}/changes?from=${version.id}&to=${foreign.id}`, one.tokens.edit),
      404,
      'not_found',
    ],
    ['changes without from', await call('GET', `${base}/changes`, one.tokens.edit), 400, 'bad_request'],
    ['malformed version id', await call('GET', `${base}/versions/not-a-version`, one.tokens.edit), 400, 'bad_request'],
    ['empty name', await call('POST', `${base}/versions`, one.tokens.facilitator, { name: '   ' }), 400, 'bad_request'],
    [
      'long name',
      await call('POST', `${base}/versions`, one.tokens.facilitator, { name: 'x'.repeat(101) }),
      400,
      'bad_request',
    ],
    [
      'unknown field',
      await call('POST', `${base}/versions`, one.tokens.facilitator, { name: 'a', kind: 'automatic' }),
      400,
      'bad_request',
    ],
  ]
  for (const [what, answer, status, code] of refusals) {
    expect({ what, status: answer.status }).toEqual({ what, status })
    expect(ErrorBody.parse(answer.body).error).toBe(code)
  }

  // Nothing changed: the same versions on both boards, the same records.
  const list = VersionsResponse.parse((await call('GET', `${base}/versions`, one.tokens.facilitator)).body).versions
  expect(list).toEqual([version])
  const otherList = await call('GET', `/api/boards/${other.board.id}/versions`, other.tokens.edit)
  expect(VersionsResponse.parse(otherList.body).versions).toEqual([foreign])
  const after = await app.rooms.getRoom(one.board.id)
  expect(JSON.stringify(readBoardRecords(after.doc))).toBe(recordsBefore)
  app.rooms.release(after)

  const openApi = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: object }>()
  expect(Object.keys(openApi.paths)).toEqual(
    expect.arrayContaining([
      '/api/boards/{boardId}/versions',
      '/api/boards/{boardId}/versions/{versionId}',
      '/api/boards/{boardId}/versions/{versionId}/state',
      '/api/boards/{boardId}/versions/{versionId}/restore',
      '/api/boards/{boardId}/changes',
    ]),
  )
})
