import { afterAll, beforeAll, expect, test } from 'vitest'
import { buildTestApp, type TestApp } from '../helpers/server.js'

let server: TestApp
beforeAll(async () => {
  server = await buildTestApp()
  await server.app.ready()
})
afterAll(() => server.close())

interface Operation {
  parameters?: { in: string; name: string; required?: boolean }[]
  requestBody?: { content: Record<string, unknown> }
  responses: Record<string, unknown>
  security?: Record<string, unknown>[]
}
interface OpenApiDocument {
  openapi: string
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> }
}

/** Every route of the app as `METHOD /path`, read from Fastify's own route tree. */
function registeredRoutes(): { method: string; url: string }[] {
  const routes: { method: string; url: string }[] = []
  const stack: string[] = []
  for (const line of server.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line)
    if (!match) continue
    const depth = match[1]!.length / 4
    stack.length = depth
    stack.push(match[2]!)
    for (const method of match[3]?.split(', ') ?? []) routes.push({ method, url: stack.join('') })
  }
  return routes
}

const openApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}')

test('the OpenAPI document is JSON of version 3.x', async () => {
  const response = await server.app.inject('/api/openapi.json')
  expect(response.statusCode).toBe(200)
  expect(response.headers['content-type']).toMatch(/^application\/json/)
  const document = JSON.parse(response.body) as OpenApiDocument
  expect(document.openapi).toMatch(/^3\.\d+\.\d+$/)
  expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['BoardSnapshot', 'ErrorBody']))
})

test('every API route is in the document with its path parameters', async () => {
  const document = (await server.app.inject('/api/openapi.json')).json<OpenApiDocument>()
  const routes = registeredRoutes().filter(
    ({ method, url }) => method !== 'HEAD' && url !== '/api/openapi.json' && /^\/(api|sync)\//.test(url),
  )
  // The API's known routes are among them, so a broken route-tree reading cannot pass silently.
  expect(routes).toEqual(
    expect.arrayContaining([
      { method: 'POST', url: '/api/boards' },
      { method: 'GET', url: '/sync/:boardId' },
    ]),
  )
  for (const { method, url } of routes) {
    const operation = document.paths[openApiPath(url)]?.[method.toLowerCase()]
    expect(operation, `${method} ${url}`).toBeDefined()
    const documented = (operation!.parameters ?? [])
      .filter((parameter) => parameter.in === 'path')
      .map((parameter) => parameter.name)
    const inPath = [...url.matchAll(/:(\w+)/g)].map((found) => found[1])
    expect(documented.sort(), `${method} ${url}`).toEqual(inPath.sort())
  }
})

test('board routes need a bearer token; bodies and query strings are described', async () => {
  const { paths, components } = (await server.app.inject('/api/openapi.json')).json<OpenApiDocument>()
  expect(Object.keys(components.securitySchemes)).toEqual(['boardToken'])
  expect(paths['/api/boards/{boardId}']!.get!.security).toEqual([{ boardToken: [] }])
  expect(paths['/api/boards']!.post!.security).toBeUndefined()
  expect(Object.keys(paths['/api/boards']!.post!.requestBody!.content)).toEqual(['application/json'])
  expect(Object.keys(paths['/api/boards/{boardId}/notes']!.post!.requestBody!.content).sort()).toEqual([
    'application/json',
    'text/csv',
  ])
  expect(paths['/sync/{boardId}']!.get!.parameters).toContainEqual(
    expect.objectContaining({ in: 'query', name: 'token' }),
  )
  expect(Object.keys(paths['/api/boards']!.post!.responses)).toEqual(expect.arrayContaining(['201', '4XX']))
})
