import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fetchBoardLinks, readableLink, rotateBoardLink } from '../../client/share/boardLinksApi.js'
import { forgetBoardToken, rememberBoardToken, storedBoardToken } from '../../client/share/boardTokens.js'

const ORIGIN = 'https://tilannekuva.example.fi'
const BOARD = 'VVSJG4gzAmhbOTkq'
const LINKS = {
  edit: `/b/${BOARD}#token=edit-token`,
  view: `/b/${BOARD}#token=view-token`,
  join: '/j/TCMS-8M6A-N7K9',
  joinCode: 'TCMS-8M6A-N7K9',
}

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
}

beforeEach(() => {
  const stored = new Map<string, string>()
  vi.stubGlobal('window', { location: { origin: ORIGIN } })
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => stored.get(key) ?? null,
    setItem: (key: string, value: string) => stored.set(key, value),
    removeItem: (key: string) => stored.delete(key),
  })
})

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('the facilitator link routes as the share panel calls them', () => {
  it('reads the links with the token in the Authorization header only, and makes them absolute', async () => {
    const fetchMock = vi.fn(async () => answer(200, { links: LINKS }))
    vi.stubGlobal('fetch', fetchMock)
    const result = await fetchBoardLinks(BOARD, 'facilitator-token')
    expect(result).toEqual({
      ok: true,
      links: {
        edit: `${ORIGIN}/b/${BOARD}#token=edit-token`,
        view: `${ORIGIN}/b/${BOARD}#token=view-token`,
        join: `${ORIGIN}/j/TCMS-8M6A-N7K9`,
        joinCode: 'TCMS-8M6A-N7K9',
      },
    })
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe(`/api/boards/${BOARD}/links`)
    expect(url).not.toContain('token')
    expect(init.headers).toEqual({ authorization: 'Bearer facilitator-token' })
  })

  it('an old board answers null links; refusals and broken answers are told apart', async () => {
    vi.stubGlobal('fetch', async () => answer(200, { links: null }))
    expect(await fetchBoardLinks(BOARD, 't')).toEqual({ ok: true, links: null })
    vi.stubGlobal('fetch', async () => answer(403, { error: 'forbidden', message: 'no' }))
    expect(await fetchBoardLinks(BOARD, 't')).toEqual({ ok: false, reason: 'forbidden' })
    vi.stubGlobal('fetch', async () => answer(200, { links: { edit: 1 } }))
    expect(await fetchBoardLinks(BOARD, 't')).toEqual({ ok: false, reason: 'server' })
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch')
    })
    expect(await fetchBoardLinks(BOARD, 't')).toEqual({ ok: false, reason: 'network' })
  })

  it('rotation posts the role and answers with the new links', async () => {
    const fetchMock = vi.fn(async () => answer(200, { links: { ...LINKS, joinCode: 'AAAA-BBBB-CCCC' } }))
    vi.stubGlobal('fetch', fetchMock)
    const result = await rotateBoardLink(BOARD, 'facilitator-token', 'edit')
    expect(result.ok && result.links?.joinCode).toBe('AAAA-BBBB-CCCC')
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe(`/api/boards/${BOARD}/links/rotate`)
    expect(init.method).toBe('POST')
    expect(JSON.parse(String(init.body))).toEqual({ role: 'edit' })
  })

  it('the readable join link is host and path, without the scheme', () => {
    expect(readableLink(`${ORIGIN}/j/TCMS-8M6A-N7K9`)).toBe('tilannekuva.example.fi/j/TCMS-8M6A-N7K9')
    expect(readableLink('http://127.0.0.1:3000/j/TCMS-8M6A-N7K9')).toBe('127.0.0.1:3000/j/TCMS-8M6A-N7K9')
  })
})

describe('a revoked token is forgotten', () => {
  it('only when the device still remembers that very token', () => {
    rememberBoardToken(BOARD, 'NEWC-ODE2-3456')
    forgetBoardToken(BOARD, 'OLDC-ODE2-3456')
    expect(storedBoardToken(BOARD)).toBe('NEWC-ODE2-3456')
    forgetBoardToken(BOARD, 'NEWC-ODE2-3456')
    expect(storedBoardToken(BOARD)).toBeNull()
  })
})
