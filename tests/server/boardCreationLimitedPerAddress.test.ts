import { afterEach, expect, test } from 'vitest'
import { ErrorBody } from '../../shared/api.js'
import { buildTestApp, type TestApp } from '../helpers/server.js'

let server: TestApp
afterEach(() => server?.close())

const create = (remoteAddress: string, payload: unknown = { title: 'Taulu' }, headers: Record<string, string> = {}) =>
  server.app.inject({ method: 'POST', url: '/api/boards', payload: payload as object, remoteAddress, headers })

// Before: anonymous POST /api/boards made 23 boards a second without limit (≈ 2 GB of disk an hour).
test('an address may create BOARDS_PER_HOUR_PER_IP boards an hour; then 429 with Retry-After and the error body', async () => {
  server = await buildTestApp({ env: { BOARDS_PER_HOUR_PER_IP: '3' } })
  const address = '198.51.100.20'
  // Requests that create nothing do not use the allowance.
  expect((await create(address, { title: '' })).statusCode).toBe(400)
  for (let i = 0; i < 3; i++) {
    const created = await create(address)
    expect(created.statusCode).toBe(201)
    // The answer carries the board's tokens: no cache may keep it.
    expect(created.headers['cache-control']).toBe('no-store')
  }
  const refused = await create(address)
  expect(refused.statusCode).toBe(429)
  expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3000)
  expect(ErrorBody.parse(refused.json())).toEqual({
    error: 'rate_limited',
    message: expect.stringMatching(/too many boards/),
  })
  expect((await create('198.51.100.21')).statusCode).toBe(201)
})

test('the default allows 30 boards an hour per address', async () => {
  server = await buildTestApp()
  for (let i = 0; i < 30; i++) expect((await create('192.0.2.30')).statusCode).toBe(201)
  expect((await create('192.0.2.30')).statusCode).toBe(429)
})

test('behind a proxy (TRUST_PROXY) the address is the one X-Forwarded-For names; without it the header is ignored', async () => {
  server = await buildTestApp({ env: { BOARDS_PER_HOUR_PER_IP: '1', TRUST_PROXY: '127.0.0.1' } })
  const viaProxy = (client: string) => create('127.0.0.1', { title: 'T' }, { 'x-forwarded-for': client })
  expect((await viaProxy('203.0.113.1')).statusCode).toBe(201)
  expect((await viaProxy('203.0.113.1')).statusCode).toBe(429)
  expect((await viaProxy('203.0.113.2')).statusCode).toBe(201)
  // From an address that is not the trusted proxy, the header counts for nothing.
  const direct = (client: string) => create('192.0.2.99', { title: 'T' }, { 'x-forwarded-for': client })
  expect((await direct('203.0.113.3')).statusCode).toBe(201)
  expect((await direct('203.0.113.4')).statusCode).toBe(429)
})
