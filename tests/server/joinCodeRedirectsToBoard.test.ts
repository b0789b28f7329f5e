import { afterAll, beforeAll, expect, test } from 'vitest'
import { generateJoinCode } from '../../server/auth/joinCode.js'
import { type CreateBoardResponse, ErrorBody, GetBoardResponse } from '../../shared/api.js'
import { JOIN_CODE_PATTERN, JOIN_INVALID_PATH } from '../../shared/facilitation.js'
import { buildTestApp, type TestApp } from '../helpers/server.js'

let server: TestApp
let withPublicUrl: TestApp
let created: CreateBoardResponse
beforeAll(async () => {
  server = await buildTestApp()
  withPublicUrl = await buildTestApp({ env: { PUBLIC_URL: 'https://tilannekuva.example.fi' } })
  created = await server.createBoard('Liity')
})
afterAll(async () => {
  await server.close()
  await withPublicUrl.close()
})

test('/j/<code> redirects to the board page with the code as its token, uncached', async () => {
  const response = await server.app.inject(`/j/${created.join.code}`)
  expect(response.statusCode).toBe(302)
  expect(response.headers.location).toBe(`/b/${created.board.id}#token=${created.join.code}`)
  expect(response.headers['cache-control']).toBe('no-store')
})

test('a code typed in lower case, with spaces or without dashes goes to the same place', async () => {
  const letters = created.join.code.replaceAll('-', '')
  for (const typed of [created.join.code.toLowerCase(), letters, `${letters.slice(0, 6)}%20${letters.slice(6)}`]) {
    const response = await server.app.inject(`/j/${typed}`)
    expect(response.statusCode, typed).toBe(302)
    expect(response.headers.location).toBe(`/b/${created.board.id}#token=${created.join.code}`)
  }
})

test('the join code opens the board with the edit role', async () => {
  const response = await server.app.inject({
    url: `/api/boards/${created.board.id}`,
    headers: { authorization: `Bearer ${created.join.code}` },
  })
  expect(response.statusCode).toBe(200)
  expect(GetBoardResponse.parse(response.json()).role).toBe('edit')
})

test('with PUBLIC_URL the redirect is absolute', async () => {
  const board = await withPublicUrl.createBoard('Julkinen')
  const response = await withPublicUrl.app.inject(`/j/${board.join.code}`)
  expect(response.headers.location).toBe(`https://tilannekuva.example.fi/b/${board.board.id}#token=${board.join.code}`)
})

test('an unknown or malformed code is a JSON 404, and a browser gets a page that explains', async () => {
  let unknown = generateJoinCode()
  while (unknown === created.join.code) unknown = generateJoinCode()
  expect(unknown).toMatch(JOIN_CODE_PATTERN)
  for (const code of [unknown, 'ABCD-EFGH-IJKL', 'short', 'X'.repeat(60), '%E2%82%AC']) {
    const response = await server.app.inject(`/j/${code}`)
    expect(response.statusCode, code).toBe(404)
    expect(ErrorBody.parse(response.json())).toEqual({ error: 'not_found', message: 'no board has this join code' })
  }
  // A browser (a scanned QR code) is sent to a page that explains, not shown JSON.
  const browser = await server.app.inject({ url: `/j/${unknown}`, headers: { accept: 'text/html,*/*' } })
  expect(browser.statusCode).toBe(302)
  expect(browser.headers.location).toBe(JOIN_INVALID_PATH)
})

test('join codes are drawn evenly from their 32 letters', () => {
  const seen = new Map<string, number>()
  for (let i = 0; i < 2000; i++) {
    const code = generateJoinCode()
    expect(code).toMatch(JOIN_CODE_PATTERN)
    for (const letter of code.replaceAll('-', '')) seen.set(letter, (seen.get(letter) ?? 0) + 1)
  }
  expect(seen.size).toBe(32)
  // 24,000 letters: 750 expected each; a skewed draw (e.g. modulo over 36) would fall outside.
  for (const count of seen.values()) expect(count).toBeGreaterThan(600)
  for (const count of seen.values()) expect(count).toBeLessThan(900)
})
