import { afterEach, expect, test } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/server.js'

const servers: TestServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

function directives(header: string | null): Map<string, string> {
  return new Map(
    (header ?? '').split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/)
      return [name, values.join(' ')] as const
    }),
  )
}

// Before: no CSP and no frame protection, so any site could frame a board.
test('pages and API answers carry a strict same-origin CSP and refuse to be framed', async () => {
  const server = await startTestServer({ serveClient: true })
  servers.push(server)
  for (const path of ['/', '/api/health']) {
    const response = await fetch(`${server.url}${path}`)
    const csp = directives(response.headers.get('content-security-policy'))
    expect(csp.get('default-src')).toBe("'self'")
    expect(csp.get('script-src')).toBe("'self'")
    expect(csp.get('connect-src')).toBe("'self' data: blob:")
    expect(csp.get('frame-ancestors')).toBe("'none'")
    expect(csp.get('object-src')).toBe("'none'")
    expect(csp.has('upgrade-insecure-requests')).toBe(false)
    expect(response.headers.get('x-frame-options')).toBe('DENY')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('referrer-policy')).toBe('no-referrer')
    // Plain HTTP: HSTS would be meaningless and is not sent.
    expect(response.headers.get('strict-transport-security')).toBeNull()
  }
})

test('with an https PUBLIC_URL the server sends HSTS and names its wss origin for the websocket', async () => {
  const server = await startTestServer({ env: { PUBLIC_URL: 'https://tilannekuva.example.fi' } })
  servers.push(server)
  const response = await fetch(`${server.url}/api/health`)
  expect(response.headers.get('strict-transport-security')).toBe('max-age=15552000')
  expect(directives(response.headers.get('content-security-policy')).get('connect-src')).toBe(
    "'self' data: blob: wss://tilannekuva.example.fi",
  )
})
