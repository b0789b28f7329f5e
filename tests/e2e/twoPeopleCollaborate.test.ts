import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  createNoteThroughUi,
  foreignRequests,
  newUserPage,
  notes,
  openBoard,
  UI_TIMEOUT_MS,
  waitForCanvas,
  useServerAndBrowser,
} from '../helpers/browser.js'
import type { TestServer } from '../helpers/server.js'

let server: TestServer
let browser: Browser

useServerAndBrowser((started) => ({ server, browser } = started))

/** The note whose text is `text`, as rendered on `page`. */
const noteWithText = (page: Page, text: string) => notes(page).filter({ hasText: text })

describe('two people on one board', () => {
  it(
    'see each other’s notes and cursors live; notes survive a reload; offline edits arrive later',
    async () => {
      const created = await server.createBoard('Yhteinen taulu')
      const aino = await newUserPage(browser)
      const bertta = await newUserPage(browser)
      await Promise.all([
        openBoard(aino, `${server.url}${created.links.facilitator}`, 'Aino'),
        openBoard(bertta, `${server.url}${created.links.edit}`, 'Bertta'),
      ])

      // Aino makes a sticky note through the UI; Bertta sees it with its text.
      await createNoteThroughUi(aino.page, 'Vahvuus: vahva yhteistyö', { x: 520, y: 320 })
      await noteWithText(bertta.page, 'Vahvuus: vahva yhteistyö').waitFor()
      // Bertta sees who wrote it (resolved from Aino's presence, not from the document).
      await noteWithText(bertta.page, 'Vahvuus: vahva yhteistyö').filter({ hasText: 'Aino' }).waitFor()

      // Bertta's cursor, with her name, shows on Aino's canvas.
      await bertta.page.mouse.move(760, 520)
      await bertta.page.mouse.move(780, 540, { steps: 3 })
      const cursor = aino.page.locator('.tl-collaborator__cursor').filter({ hasText: 'Bertta' })
      await cursor.waitFor()
      // And Aino's cursor on Bertta's canvas, the other way round.
      await aino.page.mouse.move(300, 600, { steps: 3 })
      await bertta.page.locator('.tl-collaborator__cursor').filter({ hasText: 'Aino' }).waitFor()
      await aino.page.screenshot({ path: '/tmp/tilannekuva-two-users.png' })

      // Presence stays out of the document: the doc holds only document-scope records.
      const typesInDoc = await aino.page.evaluate(() => {
        const connection = window.__tilannekuva!.connection
        return [...new Set([...connection.records.map.values()].map((entry) => entry.val.typeName))].sort()
      })
      expect(typesInDoc).not.toContain('instance_presence')

      // A reload keeps the note (it comes back from the server).
      await aino.page.reload()
      await waitForCanvas(aino.page)
      await noteWithText(aino.page, 'Vahvuus: vahva yhteistyö').waitFor()

      // Bertta loses her connection, keeps working, and her note arrives once she is back.
      await bertta.page.evaluate(() => window.__tilannekuva!.connection.provider.disconnect())
      await bertta.page.locator('[data-testid="connection-badge"]:not([data-phase="connected"])').waitFor()
      expect(await bertta.page.getByTestId('connection-badge').innerText()).toMatch(
        /Yhdistetään uudelleen…|Ei yhteyttä/,
      )
      await createNoteThroughUi(bertta.page, 'Tarve: lisää rahoitusta', { x: 820, y: 320 })
      await noteWithText(bertta.page, 'Tarve: lisää rahoitusta').waitFor()
      expect(await noteWithText(aino.page, 'Tarve: lisää rahoitusta').count()).toBe(0)
      await bertta.page.evaluate(() => window.__tilannekuva!.connection.provider.connect())
      await bertta.page.locator('[data-testid="connection-badge"][data-phase="connected"]').waitFor()
      await noteWithText(aino.page, 'Tarve: lisää rahoitusta').waitFor()

      expect(foreignRequests([...aino.requests, ...bertta.requests], server.url)).toEqual([])
      expect([...aino.errors, ...bertta.errors]).toEqual([])
      await Promise.all([aino.context.close(), bertta.context.close()])
    },
    5 * UI_TIMEOUT_MS,
  )
})
