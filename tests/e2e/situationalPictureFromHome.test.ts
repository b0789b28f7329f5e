import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { BoardSnapshot } from '../../shared/snapshot.js'
import {
  enterNameIfAsked,
  foreignRequests,
  newUserPage,
  UI_TIMEOUT_MS,
  waitForCanvas,
  useServerAndBrowser,
} from '../helpers/browser.js'
import {
  addNoteFromPalette,
  dragOnCanvas,
  noteProps,
  shapeCenterOnScreen,
  zonePointOnScreen,
} from '../helpers/canvas.js'
import type { TestServer } from '../helpers/server.js'

let server: TestServer
let browser: Browser

useServerAndBrowser((started) => ({ server, browser } = started))

async function fetchSnapshot(boardId: string, token: string): Promise<BoardSnapshot> {
  const response = await fetch(`${server.url}/api/boards/${boardId}/snapshot`, {
    headers: { authorization: `Bearer ${token}` },
  })
  expect(response.status).toBe(200)
  return BoardSnapshot.parse(await response.json())
}

describe('a situational picture made through the UI', () => {
  it(
    'home page → template board → a need and an actor in their zones, an arrow between them → the snapshot has it all',
    async () => {
      const user = await newUserPage(browser)
      const { page } = user
      await page.goto(`${server.url}/`)

      // The home page offers the four templates, the default one chosen; region and language too.
      const form = page.getByTestId('create-board-form')
      const templates = form.getByTestId('template-picker').getByRole('radio')
      expect(await templates.count()).toBe(4)
      expect(await form.getByRole('radio', { name: 'Vuorovaikutteinen tilannekuva' }).isChecked()).toBe(true)
      await form.getByText('Vahvuudet, heikkoudet, mahdollisuudet ja uhat.').waitFor()
      expect(await form.getByLabel('Taulun kieli').inputValue()).toBe('fi')
      await form.getByLabel('Taulun nimi').fill('Kainuun tilannekuva')
      await form.getByLabel('Alue (valinnainen)').fill('Kainuu')
      await form.getByRole('button', { name: 'Luo taulu' }).click()
      await page.waitForURL(/\/b\/[A-Za-z0-9_-]{16}(#.*)?$/)
      await enterNameIfAsked(page, 'Fasilitaattori Fanni')
      await waitForCanvas(page)
      const boardId = new URL(page.url()).pathname.split('/')[2]!
      const facilitatorLink = await page.getByTestId('share-facilitator').locator('input').inputValue()
      const token = decodeURIComponent(new URL(facilitatorLink).hash.replace('#token=', ''))
      await page.getByTestId('share-links').getByRole('button', { name: 'Sulje' }).click()

      // The template's zones, labelled in Finnish, and the title area with the region.
      const zoneLabels = await page.locator('.tk-zone-name').allInnerTexts()
      expect(zoneLabels.map((label) => label.trim()).sort()).toEqual([
        'Tarpeet',
        'Toimenpiteet',
        'Toimijat',
        'Vahvuudet',
      ])
      expect(await page.getByTestId('zone-title').innerText()).toMatch(/Kainuun tilannekuva\s+Kainuu · /)

      // An automatic note ("Lappu"), typed and dropped into the needs zone, becomes a need.
      const need = await addNoteFromPalette(page, 'Lappu', 'Ohjelmistokehittäjiä puuttuu')
      expect((await noteProps(page, need)).categoryChosen).toBe(false)
      await dragOnCanvas(
        page,
        await shapeCenterOnScreen(page, need),
        await zonePointOnScreen(page, 'need', { x: -150, y: 0 }),
      )
      await expect.poll(async () => (await noteProps(page, need)).category).toBe('need')
      const needOnCanvas = page
        .locator(`[data-shape-type="situation-note"]`)
        .filter({ hasText: 'Ohjelmistokehittäjiä puuttuu' })
      expect(await needOnCanvas.locator('.tk-note-category').innerText()).toMatch(/tarve/i)
      expect(await needOnCanvas.innerText()).toContain('Fasilitaattori Fanni')

      // An actor, chosen from the palette with its sector, placed in the actors zone.
      const actor = await addNoteFromPalette(page, 'Toimija', 'Kajaanin ammattikorkeakoulu', async () => {
        await page.getByTestId('note-editor').getByLabel('Sektori').selectOption('education')
      })
      await dragOnCanvas(page, await shapeCenterOnScreen(page, actor), await zonePointOnScreen(page, 'actor'))
      expect(await noteProps(page, actor)).toMatchObject({
        category: 'actor',
        categoryChosen: true,
        fields: { sector: 'education' },
      })

      // An arrow drawn with the arrow tool from the actor to the need is a relation, labelled so.
      await page.keyboard.press('a')
      await dragOnCanvas(page, await shapeCenterOnScreen(page, actor), await shapeCenterOnScreen(page, need))
      const arrowLabel = page.locator('[data-shape-type="arrow"]').filter({ hasText: 'voi vastata tarpeeseen' })
      await arrowLabel.waitFor()
      await page.screenshot({ path: '/tmp/tilannekuva-picture-board.png' })

      // The server's snapshot (what the exports read) shows exactly that.
      await expect
        .poll(async () => (await fetchSnapshot(boardId, token)).relations.length, { timeout: UI_TIMEOUT_MS })
        .toBe(1)
      const snapshot = await fetchSnapshot(boardId, token)
      expect(snapshot.board).toMatchObject({ title: 'Kainuun tilannekuva', template: 'tilannekuva', language: 'fi' })
      expect(snapshot.notes.find((note) => note.id === need)).toMatchObject({
        category: 'need',
        text: 'Ohjelmistokehittäjiä puuttuu',
        author: 'Fasilitaattori Fanni',
        zone: { id: 'shape:zone-need', category: 'need' },
      })
      expect(snapshot.notes.find((note) => note.id === actor)).toMatchObject({
        category: 'actor',
        text: 'Kajaanin ammattikorkeakoulu',
        fields: { sector: 'education' },
        zone: { category: 'actor' },
      })
      expect(snapshot.relations).toEqual([
        expect.objectContaining({ kind: 'can_answer', kindChosen: false, from: actor, to: need }),
      ])
      expect(snapshot.counts).toMatchObject({ need: 1, actor: 1, strength: 0 })
      expect(snapshot.warnings).toEqual([])

      // Selecting the arrow offers its kind; choosing another one relabels it and reaches the snapshot.
      await page.keyboard.press('Escape')
      const labelBox = (await arrowLabel.getByText('voi vastata tarpeeseen').boundingBox())!
      await page.mouse.click(labelBox.x + labelBox.width / 2, labelBox.y + labelBox.height / 2)
      const kindSelect = page.getByTestId('relation-panel').getByLabel('Yhteyden laji')
      expect(await kindSelect.inputValue()).toBe('')
      await kindSelect.selectOption('supports')
      await page.locator('[data-shape-type="arrow"]').filter({ hasText: 'tukee' }).waitFor()
      await expect
        .poll(async () => (await fetchSnapshot(boardId, token)).relations[0], { timeout: UI_TIMEOUT_MS })
        .toMatchObject({ kind: 'supports', kindChosen: true })

      expect(foreignRequests(user.requests, server.url)).toEqual([])
      expect(user.errors).toEqual([])
      await user.context.close()
    },
    5 * UI_TIMEOUT_MS,
  )
})
