import { afterAll, beforeAll, expect, test } from 'vitest'
import { TimeResponse } from '../../shared/facilitation.js'
import { buildTestApp, type TestApp } from '../helpers/server.js'

let server: TestApp
beforeAll(async () => {
  server = await buildTestApp()
})
afterAll(() => server.close())

test("GET /api/time answers the server's clock without a token, never to be cached", async () => {
  const before = Date.now()
  const response = await server.app.inject('/api/time')
  const after = Date.now()
  expect(response.statusCode).toBe(200)
  expect(response.headers['cache-control']).toBe('no-store')
  const { now } = TimeResponse.parse(response.json())
  expect(now).toBeGreaterThanOrEqual(before)
  expect(now).toBeLessThanOrEqual(after)
})
