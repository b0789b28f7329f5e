import { extractText, getDocumentProxy } from 'unpdf'
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { CreateBoardResponse } from '../../shared/api.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

let server: TestServer
let board: CreateBoardResponse
const TITLE = 'Sámi – Åbo: työpaja "Lappi"'

beforeAll(async () => {
  server = await startTestServer({ env: { LOG_LEVEL: process.env.DBG ? 'error' : 'silent' } })
  board = await server.createBoard(TITLE)
  const notes = Array.from({ length: 40 }, (_, i) => ({
    category: i % 2 ? 'need' : 'strength',
    text: `Lappu ${i} čđŋšŧž`,
    author: 'Áile',
  }))
  const imported = await fetch(`${server.url}/api/boards/${board.board.id}/notes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${board.tokens.edit}`, 'content-type': 'application/json' },
    body: JSON.stringify(notes),
  })
  expect(imported.status).toBe(201)
})
afterAll(() => server.close())

const pdfUrl = (query = '') => `${server.url}/api/boards/${board.board.id}/export.pdf${query}`
const get = (url: string, token?: string) => fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {})

test('any link of the board downloads the memo as a PDF named by title and date', async () => {
  const response = await get(pdfUrl('?paper=a3&authors=1'), board.tokens.view)
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toBe('application/pdf')
  const disposition = response.headers.get('content-disposition') ?? ''
  const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date())
  expect(disposition).toMatch(
    new RegExp(`^attachment; filename="tilannekuva-sami-abo-tyopaja-lappi-${day}\\.pdf"; filename\\*=UTF-8''`),
  )
  const encoded = disposition.split("filename*=UTF-8''")[1]!
  expect(encoded).toMatch(/^[A-Za-z0-9%._~-]+$/)
  expect(decodeURIComponent(encoded)).toBe(`Sámi – Åbo työpaja Lappi ${day}.pdf`)
  const proxy = await getDocumentProxy(new Uint8Array(await response.arrayBuffer()))
  const { text } = await extractText(proxy, { mergePages: true })
  expect(text).toContain('Lappu 39 čđŋšŧž')
  expect(text).toContain('Áile')
  // A3 landscape overview: 1190 × 842 points.
  const overview = await proxy.getPage(2)
  expect(overview.view.slice(2).map(Math.round)).toEqual([1191, 842])
})

test('a missing or wrong token is 401, an unknown board 404', async () => {
  expect((await get(pdfUrl())).status).toBe(401)
  expect((await get(pdfUrl(), 'not-a-token')).status).toBe(401)
  const unknown = await get(
    `${server.url}/api/boards/${'x'.repeat(board.board.id.length)}/export.pdf`,
    board.tokens.view,
  )
  expect(unknown.status).toBe(404)
})

test('bad query values are 400 naming them', async () => {
  const response = await get(pdfUrl('?paper=letter&authors=yes'), board.tokens.view)
  expect(response.status).toBe(400)
  const body = (await response.json()) as { error: string; issues: { path: string; code: string }[] }
  expect(body.error).toBe('bad_request')
  expect(body.issues.map((issue) => issue.path).sort()).toEqual(['authors', 'paper'])
  expect(body.issues.every((issue) => issue.code === 'invalid_value')).toBe(true)
})

test('too many exports at once are refused with 429 rather than queued without bound', async () => {
  const responses = await Promise.all(Array.from({ length: 12 }, () => get(pdfUrl(), board.tokens.view)))
  const statuses = responses.map((response) => response.status)
  // Two render at once and four wait: the other six are refused at once.
  expect(statuses.filter((status) => status === 200).length).toBe(6)
  expect(statuses.filter((status) => status === 429).length).toBe(6)
  const refused = responses.find((response) => response.status === 429)!
  expect(((await refused.json()) as { error: string }).error).toBe('rate_limited')
  expect(refused.headers.get('retry-after')).toBe('10')
  await Promise.all(responses.map((response) => response.arrayBuffer().catch(() => null)))
  // Once they are done, exports are accepted again.
  expect((await get(pdfUrl(), board.tokens.view)).status).toBe(200)
})
