import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { TITLE_MAX_LENGTH } from '../../shared/api.js'
import {
  enterNameIfAsked,
  foreignRequests,
  newUserPage,
  UI_TIMEOUT_MS,
  waitForCanvas,
  useServerAndBrowser,
} from '../helpers/browser.js'
import type { TestServer } from '../helpers/server.js'

let server: TestServer
let browser: Browser

useServerAndBrowser((started) => ({ server, browser } = started))

describe('home page', () => {
  it(
    'creates a board, opens it as facilitator and shows the three links; no request leaves the server',
    async () => {
      const user = await newUserPage(browser)
      const { page } = user
      await page.goto(`${server.url}/`)
      const form = page.getByTestId('create-board-form')
      expect(await form.getByRole('heading').innerText()).toBe('Luo uusi taulu')

      // Validation in Finnish, before anything is sent.
      await form.getByRole('button', { name: 'Luo taulu' }).click()
      await form.getByText('Anna taululle nimi.').waitFor()
      await form.getByLabel('Taulun nimi').fill('x'.repeat(TITLE_MAX_LENGTH + 1))
      await form.getByRole('button', { name: 'Luo taulu' }).click()
      await form.getByText(`Nimi voi olla enintään ${TITLE_MAX_LENGTH} merkkiä pitkä.`).waitFor()

      await form.getByLabel('Taulun nimi').fill('Kainuun työpaja')
      await form.getByRole('button', { name: 'Luo taulu' }).click()
      await page.waitForURL(/\/b\/[A-Za-z0-9_-]{16}(#.*)?$/)
      await enterNameIfAsked(page, 'Fasilitaattori Fanni')
      await waitForCanvas(page)

      const boardId = new URL(page.url()).pathname.split('/')[2]!
      expect(await page.getByTestId('role-badge').innerText()).toBe('Fasilitaattori')
      expect(await page.getByTestId('connection-badge').innerText()).toBe('Yhdistetty')
      expect(await page.locator('.tk-board-title').innerText()).toBe('Kainuun työpaja')

      // Just created: the share panel is open with all three links, absolute, each a different token.
      const share = page.getByTestId('share-links')
      await share.waitFor()
      const link = (role: string) => share.getByTestId(`share-${role}`).locator('input').inputValue()
      const links = { facilitator: await link('facilitator'), edit: await link('edit'), view: await link('view') }
      // The token has left the address bar (projected screens, screenshots, scripts reading the URL).
      expect(page.url()).toBe(`${server.url}/b/${boardId}`)
      for (const value of Object.values(links)) {
        expect(value.startsWith(`${server.url}/b/${boardId}#token=`)).toBe(true)
      }
      expect(new Set(Object.values(links)).size).toBe(3)

      // After a reload the panel is closed, and reopening it still shows the links (kept on this device).
      await page.reload()
      await waitForCanvas(page)
      expect(await page.getByTestId('share-links').count()).toBe(0)
      await page.getByTestId('share-button').click()
      expect(await link('edit')).toBe(links.edit)
      expect(await link('view')).toBe(links.view)

      // The edit link really opens the board as an editor.
      const editor = await newUserPage(browser)
      await editor.page.goto(links.edit)
      await enterNameIfAsked(editor.page, 'Muokkaaja Matti')
      await waitForCanvas(editor.page)
      expect(await editor.page.getByTestId('role-badge').innerText()).toBe('Muokkaaja')
      expect(await editor.page.getByTestId('share-button').count()).toBe(0)

      expect(foreignRequests([...user.requests, ...editor.requests], server.url)).toEqual([])
      expect(user.errors).toEqual([])
      expect(editor.errors).toEqual([])
      await Promise.all([user.context.close(), editor.context.close()])
    },
    4 * UI_TIMEOUT_MS,
  )
})
