import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { openBoard, UI_TIMEOUT_MS, useServerAndBrowser } from '../helpers/browser.js'
import { axeFindings } from '../helpers/axe.js'
import { dragOnCanvas, noteProps, selectedShapeIds, shapeCenterOnScreen } from '../helpers/canvas.js'
import { openPalette, phoneUser, watchedUser } from '../helpers/noteFlow.js'
import type { TestServer } from '../helpers/server.js'

let server: TestServer
let browser: Browser

useServerAndBrowser((started) => ({ server, browser } = started))

const SCREENSHOTS = '/tmp/tilannekuva-note-cards'
const LONG_TEXT =
  'Kainuun yritykset tarvitsevat osaavia ohjelmistokehittäjiä, ja koulutusta on lisättävä sekä ammatillisella että korkea-asteella. '.repeat(
    6,
  )

const card = (page: Page, id: string) => page.locator(`.tl-shape[data-shape-id="${id}"] [data-testid="situation-note"]`)

/** True when the note's text is cut (its ellipsis shows), false when it is shown whole. */
const textIsCut = (page: Page, id: string) =>
  card(page, id)
    .locator('.tk-note-text')
    .evaluate((text) => text.scrollHeight > text.clientHeight + 1)

async function addFromPalette(page: Page, category: string, phone = false): Promise<string> {
  await openPalette(page)
  const button = page.locator(`[data-testid="note-palette"] button[data-category="${category}"]`)
  await (phone ? button.tap() : button.click())
  await page.getByTestId('note-editor').waitFor()
  const [id] = await selectedShapeIds(page)
  if (!id) throw new Error('no new note')
  return id
}

async function done(page: Page, button = 'Valmis'): Promise<void> {
  const form = page.getByTestId('note-editor')
  await form.getByRole('button', { name: button }).click()
  await form.waitFor({ state: 'detached' })
}

describe('readable note cards', () => {
  it(
    'an actor card shows its name, sector and a business-ID mark; long text grows the card, ends in an ellipsis, shows whole when selected; no resize handles',
    async () => {
      const created = await server.createBoard('Luettavat laput')
      const user = await watchedUser(browser, { width: 1440, height: 900 })
      const { page } = user
      await openBoard(user, `${server.url}${created.links.edit}`, 'Eetu')

      const actor = await addFromPalette(page, 'actor')
      const form = page.getByTestId('note-editor')
      await page.keyboard.type('Kaupunki')
      await form.getByLabel('Nimi').fill('Kajaanin kaupunki')
      await form.getByLabel('Sektori').selectOption({ label: 'Kunta' })
      await form.getByLabel('Y-tunnus').fill('0245894-7')
      await done(page)
      const actorCard = card(page, actor)
      expect(await actorCard.locator('[data-field="name"]').innerText()).toBe('Kajaanin kaupunki')
      expect(await actorCard.locator('[data-field="sector"]').innerText()).toBe('Kunta')
      expect(await actorCard.locator('[data-field="businessId"]').innerText()).toBe('✓ Y-tunnus')
      expect(await actorCard.locator('[data-field="businessId"]').getAttribute('title')).toBe('Y-tunnus: 0245894-7')

      // A long text: the note grows as it is written, then ends in an ellipsis; selected, it shows whole.
      const need = await addFromPalette(page, 'need')
      await form.getByLabel('Teksti').fill(LONG_TEXT)
      await expect.poll(async () => (await noteProps(page, need)).h).toBeGreaterThan(300)
      await done(page)
      const grown = await noteProps(page, need)
      expect(grown.w).toBe(240)
      expect(grown.h).toBeLessThanOrEqual(420)
      await page.evaluate(() => void window.__tilannekuva!.editor.selectNone())
      expect(await textIsCut(page, need)).toBe(true)
      await page.screenshot({ path: `${SCREENSHOTS}-cut-1440.png` })
      await page.evaluate((id) => void window.__tilannekuva!.editor.select(id as never), need)
      await expect.poll(() => textIsCut(page, need)).toBe(false)
      await page.screenshot({ path: `${SCREENSHOTS}-whole-1440.png` })

      // Selected, a note has no resize handles: grabbed near its corner, it moves and keeps its size.
      await page.evaluate((id) => {
        const editor = window.__tilannekuva!.editor
        editor.select(id as never)
        editor.zoomToSelection()
      }, actor)
      expect(await page.locator('.tl-corner-handle, .tl-resize-handle').count()).toBe(0)
      const bounds = await page.evaluate((id) => {
        const editor = window.__tilannekuva!.editor
        const box = editor.getShapePageBounds(id as never)!
        return editor.pageToScreen({ x: box.maxX, y: box.maxY })
      }, actor)
      const before = await noteProps(page, actor)
      await dragOnCanvas(page, { x: bounds.x - 3, y: bounds.y - 3 }, { x: bounds.x + 120, y: bounds.y + 90 })
      const after = await noteProps(page, actor)
      expect({ w: after.w, h: after.h }).toEqual({ w: before.w, h: before.h })
      await page.screenshot({ path: `${SCREENSHOTS}-actor-1440.png` })

      expect(user.consoleErrors).toEqual([])
      expect(user.errors).toEqual([])
      await user.context.close()
    },
    6 * UI_TIMEOUT_MS,
  )

  it(
    'on a phone a note moves to another zone with “move to”; outside its zone it is marked and listed apart; the list closes',
    async () => {
      const created = await server.createBoard('Siirto puhelimella')
      const user = await phoneUser(browser)
      const { page } = user
      await openBoard(user, `${server.url}${created.links.edit}`, 'Pia')

      // An automatic note sorted by moving it: it takes the zone's category.
      const plain = await addFromPalette(page, 'unsorted', true)
      await page.keyboard.type('Vahva yliopisto')
      await page.getByTestId('note-editor').getByLabel('Siirrä alueelle').selectOption({ label: 'Vahvuudet' })
      await expect.poll(async () => (await noteProps(page, plain)).category).toBe('strength')
      await page.getByTestId('note-editor').getByRole('button', { name: 'Valmis' }).tap()
      await page.getByTestId('note-editor').waitFor({ state: 'detached' })

      // A need moved to the strengths stays a need, marked as outside its zone.
      const need = await addFromPalette(page, 'need', true)
      await page.keyboard.type('Osaajapula')
      await page.getByTestId('note-editor').getByLabel('Siirrä alueelle').selectOption({ label: 'Vahvuudet' })
      await card(page, need).getByRole('img', { name: 'Ei luokkansa alueella' }).waitFor()
      await page.screenshot({ path: `${SCREENSHOTS}-move-to-390.png` })
      await page.getByTestId('note-editor').getByRole('button', { name: 'Valmis' }).tap()
      await page.getByTestId('note-editor').waitFor({ state: 'detached' })
      expect(await noteProps(page, need)).toMatchObject({ category: 'need', text: 'Osaajapula' })
      const center = await shapeCenterOnScreen(page, need)
      expect(center.y).toBeGreaterThan(0)
      await page.screenshot({ path: `${SCREENSHOTS}-outside-390.png` })

      await page.getByTestId('list-button').tap()
      const list = page.getByTestId('picture-list')
      const outside = list.getByTestId('list-group-outside')
      await outside.getByRole('heading', { name: /Oman alueensa ulkopuolella \(1\)$/ }).waitFor()
      expect(await outside.getByRole('listitem').allInnerTexts()).toEqual([
        expect.stringMatching(/^Osaajapula\s+Tarve/),
      ])
      await list
        .getByTestId('list-group-strength')
        .getByRole('heading', { name: /\(1\)$/ })
        .waitFor()
      await outside.scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${SCREENSHOTS}-list-390.png` })
      expect(await axeFindings(page, '[data-testid="picture-list"]')).toEqual([])
      // Its close button is on the screen and takes a tap.
      const close = list.getByRole('button', { name: 'Lista piiloon' })
      const box = (await close.boundingBox())!
      expect(box.x).toBeGreaterThanOrEqual(0)
      expect(box.x + box.width).toBeLessThanOrEqual(390)
      await close.tap()
      await list.waitFor({ state: 'detached' })

      expect(user.consoleErrors).toEqual([])
      expect(user.errors).toEqual([])
      await user.context.close()
    },
    6 * UI_TIMEOUT_MS,
  )
})
