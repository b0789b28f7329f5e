import type { Browser } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  foreignRequests,
  newUserPage,
  openBoard,
  UI_TIMEOUT_MS,
  type UserPage,
  useServerAndBrowser,
} from '../helpers/browser.js'
import type { TestServer } from '../helpers/server.js'

let server: TestServer
let browser: Browser
let user: UserPage

useServerAndBrowser((started) => ({ server, browser } = started))

beforeAll(async () => {
  user = await newUserPage(browser)
})

async function errorShownFor(path: string): Promise<{ title: string; body: string }> {
  await user.page.goto(`${server.url}${path}`)
  const error = user.page.getByTestId('error-page')
  await error.waitFor()
  return { title: await error.getByRole('heading').innerText(), body: await error.locator('p').innerText() }
}

describe(
  'bad links',
  () => {
    it('a wrong token says the link is not valid', async () => {
      const created = await server.createBoard()
      const shown = await errorShownFor(`/b/${created.board.id}#token=vaara-tunniste`)
      expect(shown.title).toBe('Linkki ei ole kelvollinen')
      expect(shown.body).toContain('pyydä fasilitaattorilta uusi')
    })

    it('a link without a token says the link is not valid', async () => {
      const created = await server.createBoard()
      expect((await errorShownFor(`/b/${created.board.id}`)).title).toBe('Linkki ei ole kelvollinen')
    })

    it('an unknown board says it is not found', async () => {
      expect((await errorShownFor('/b/AAAAAAAAAAAAAAAA#token=jotain')).title).toBe('Taulua ei löydy')
      expect((await errorShownFor('/b/ei-taulu#token=jotain')).title).toBe('Taulua ei löydy')
    })

    it('the error page follows the language switch', async () => {
      await errorShownFor('/b/AAAAAAAAAAAAAAAA#token=jotain')
      await user.page.getByLabel('Kieli').selectOption('sv')
      await user.page.getByRole('heading', { name: 'Tavlan hittades inte' }).waitFor()
      await user.page.reload()
      await user.page.getByRole('heading', { name: 'Tavlan hittades inte' }).waitFor()
      await user.page.getByLabel('Språk').selectOption('fi')
      await user.page.getByRole('heading', { name: 'Taulua ei löydy' }).waitFor()
      // Tokens stay in the fragment: no request carried one in its URL.
      expect(user.requests.filter((url) => url.includes('token='))).toEqual([])
      expect(foreignRequests(user.requests, server.url)).toEqual([])
    })

    it('a link that stops working during the session: the client stops reconnecting and says why', async () => {
      const created = await server.createBoard()
      const person = await newUserPage(browser)
      await openBoard(person, `${server.url}${created.links.edit}`, 'Eila')
      // The server now refuses this token (as if the facilitator had revoked the link).
      const boards = server.app.boards
      const authorize = boards.authorize.bind(boards)
      boards.authorize = async () => ({ ok: false, reason: 'unauthorized' })
      try {
        const sockets = () => person.requests.filter((url) => url.startsWith('ws://')).length
        const before = sockets()
        // Drop the connection; the client reconnects once and is refused with 4401.
        await person.page.evaluate(() => window.__tilannekuva!.connection.provider.ws?.close())
        await person.page.locator('[data-testid="connection-badge"][data-phase="closed"]').waitFor()
        await person.page
          .getByRole('alert')
          .filter({ hasText: 'Linkki ei enää avaa tätä taulua. Pyydä fasilitaattorilta uusi linkki.' })
          .waitFor()
        expect(await person.page.getByTestId('connection-badge').innerText()).toBe('Ei yhteyttä')
        expect(await person.page.evaluate(() => window.__tilannekuva!.editor.getIsReadonly())).toBe(true)
        const afterRefusal = sockets()
        expect(afterRefusal).toBe(before + 1)
        // y-websocket would have retried within a few hundred ms (its back-off); it must not.
        await person.page.waitForTimeout(1_500)
        expect(sockets()).toBe(afterRefusal)
      } finally {
        boards.authorize = authorize
        await person.context.close()
      }
    })
  },
  UI_TIMEOUT_MS * 2,
)
