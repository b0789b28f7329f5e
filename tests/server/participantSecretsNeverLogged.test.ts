import { afterEach, expect, test } from 'vitest'
import { redactUrl } from '../../server/security/redactUrl.js'
import { RegisterParticipantResponse } from '../../shared/facilitation.js'
import { startChildServer, stopChildServers } from '../helpers/childServer.js'
import { openRawSocket } from '../helpers/rawSocket.js'
import { createBoardAt, makeTempDir } from '../helpers/server.js'

afterEach(stopChildServers)

test('participant secrets in the query and join codes in the path are redacted before logging', () => {
  expect(redactUrl('/sync/b?token=t&participant=s')).toBe('/sync/b?token=[redacted]&participant=[redacted]')
  expect(redactUrl('/sync/b?PARTICIPANT=s&x=1')).toBe('/sync/b?PARTICIPANT=[redacted]&x=1')
  expect(redactUrl('/sync/b?%70articipant=s')).toBe('/sync/b?%70articipant=[redacted]')
  expect(redactUrl('/j/ABCD-EFGH-JKMN')).toBe('/j/[redacted]')
  expect(redactUrl('/J/abcd-efgh-jkmn?utm=1')).toBe('/j/[redacted]?utm=1')
  expect(redactUrl('/b/boardboardboard')).toBe('/b/boardboardboard')
})

test('a participant secret, known or forged, and a join code never reach the server log', async () => {
  const server = await startChildServer({ DATA_DIR: makeTempDir() })
  let log = ''
  server.process.stdout!.on('data', (chunk: Buffer) => {
    log += chunk.toString()
  })
  const { board, tokens, join } = await createBoardAt(server.url, 'Loki')
  const registered = await fetch(`${server.url}/api/boards/${board.id}/participants`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.edit}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Aino', group: 'municipality' }),
  })
  const { secret } = RegisterParticipantResponse.parse(await registered.json())
  const forged = 'forged-participant-secret-0123456789'
  for (const participant of [secret, forged]) {
    const raw = await openRawSocket(`${server.syncUrl}/${board.id}?token=${tokens.edit}&participant=${participant}`)
    raw.socket.close()
    await raw.closed
  }
  await fetch(`${server.url}/api/boards/${board.id}/participants/me`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${tokens.edit}`, 'x-participant': forged, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Huijari' }),
  })
  expect((await fetch(`${server.url}/j/${join.code}`, { redirect: 'manual' })).status).toBe(302)
  const response = await fetch(`${server.url}/api/health`)
  expect(response.status).toBe(200)
  // The health request's line proves the log was read after everything before it.
  await new Promise<void>((resolve) => {
    const check = () => (log.includes('"url":"/api/health"') ? resolve() : setTimeout(check, 20))
    check()
  })
  expect(log).toContain('participant secret is not registered on this board')
  expect(log).toContain('/j/[redacted]')
  expect(log).toContain('participant=[redacted]')
  for (const value of [secret, forged, join.code, tokens.edit]) expect(log).not.toContain(value)
})
