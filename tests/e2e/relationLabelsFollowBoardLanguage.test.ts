import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { CreateBoardResponse } from '../../shared/api.js'
import { axeFindings } from '../helpers/axe.js'
import { enterNameIfAsked, UI_TIMEOUT_MS, useServerAndBrowser, waitForCanvas } from '../helpers/browser.js'
import { addNoteFromPalette, dragOnCanvas, shapeCenterOnScreen } from '../helpers/canvas.js'
import { openPalette, phoneUser, watchedUser } from '../helpers/noteFlow.js'
import type { TestServer } from '../helpers/server.js'

let server: TestServer
let browser: Browser

useServerAndBrowser((started) => ({ server, browser } = started))

const SCREENSHOTS = '/tmp/tilannekuva-relation-labels'

/** The text of every arrow's label on the canvas. */
const arrowLabels = (page: Page) =>
  page
    .locator('[data-shape-type="arrow"]')
    .allInnerTexts()
    .then((texts) => texts.map((text) => text.trim()))

describe('relation labels and the language rule', () => {
  it(
    'on a Swedish board, a relation drawn in the Finnish interface is labelled in Swedish, for an English viewer too',
    async () => {
      const response = await fetch(`${server.url}/api/boards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Kajanaland verkstad', language: 'sv' }),
      })
      expect(response.status).toBe(201)
      const created = (await response.json()) as CreateBoardResponse

      // A Finnish-speaking participant on a laptop turns the interface to Finnish.
      const laptop = await watchedUser(browser, { width: 1440, height: 900 })
      const { page } = laptop
      await page.goto(`${server.url}${created.links.edit}`)
      await enterNameIfAsked(page, 'Eetu')
      await waitForCanvas(page)
      await page.getByRole('combobox', { name: 'Språk' }).first().selectOption('fi')
      await expect.poll(() => page.locator('.tk-zone-name').allInnerTexts()).toContain('Tarpeet')

      // An actor and a need from the (Finnish) palette, and an arrow from the actor to the need.
      const need = await addNoteFromPalette(page, 'Tarve', 'Programmerare saknas')
      const actor = await addNoteFromPalette(page, 'Toimija', 'Kajana stad')
      await page.keyboard.press('a')
      await dragOnCanvas(page, await shapeCenterOnScreen(page, actor), await shapeCenterOnScreen(page, need))
      await page.locator('[data-shape-type="arrow"]').filter({ hasText: 'kan svara på behovet' }).waitFor()
      expect(await arrowLabels(page)).toEqual(['kan svara på behovet'])
      // The interface around it stays Finnish.
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('fi')
      await page.keyboard.press('Escape')
      await page.screenshot({ path: `${SCREENSHOTS}-fi-interface-1440.png` })

      // Someone on a phone with an English interface sees the same Swedish words.
      const phone = await phoneUser(browser, 'en-GB')
      await phone.page.goto(`${server.url}${created.links.edit}`)
      await enterNameIfAsked(phone.page, 'Emma')
      await waitForCanvas(phone.page)
      await phone.page.getByRole('combobox', { name: 'Språk' }).first().selectOption('en')
      await expect.poll(() => phone.page.locator('.tk-zone-name').allInnerTexts()).toContain('Needs')
      await phone.page
        .locator('[data-shape-type="arrow"]')
        .filter({ hasText: 'kan svara på behovet' })
        .waitFor({ state: 'attached' })
      expect(await arrowLabels(phone.page)).toEqual(['kan svara på behovet'])
      await phone.page.evaluate(
        (ids) => {
          const editor = window.__tilannekuva!.editor
          editor.zoomToBounds(
            editor.getShapePageBounds(ids[0] as never)!.union(editor.getShapePageBounds(ids[1] as never)!),
            {
              inset: 40,
            },
          )
        },
        [actor, need],
      )
      await phone.page.screenshot({ path: `${SCREENSHOTS}-en-interface-390.png` })
      await openPalette(phone.page)
      expect(await axeFindings(phone.page, '[data-testid="note-palette"]')).toEqual([])

      for (const person of [laptop, phone]) {
        expect(person.consoleErrors).toEqual([])
        expect(person.errors).toEqual([])
        await person.context.close()
      }
    },
    4 * UI_TIMEOUT_MS,
  )
})
