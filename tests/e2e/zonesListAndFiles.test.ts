import fs from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { CreateBoardRequest, CreateBoardResponse } from '../../shared/api.js'
import { foreignRequests, newUserPage, openBoard, UI_TIMEOUT_MS, useServerAndBrowser } from '../helpers/browser.js'
import {
  addNoteFromPalette,
  dragOnCanvas,
  noteProps,
  selectedShapeIds,
  shapeCenterOnScreen,
  zonePointOnScreen,
} from '../helpers/canvas.js'
import type { TestServer } from '../helpers/server.js'

let server: TestServer
let browser: Browser

useServerAndBrowser((started) => ({ server, browser } = started))

async function createBoard(request: CreateBoardRequest): Promise<CreateBoardResponse> {
  const response = await fetch(`${server.url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  })
  expect(response.status).toBe(201)
  return (await response.json()) as CreateBoardResponse
}

const zoneNames = async (page: Page) =>
  (await page.locator('.tk-zone-name').allInnerTexts()).map((name) => name.trim()).sort()

describe('zones, the list view and files', () => {
  it(
    'an automatic note takes the category of the zone it is dropped in, until someone chooses one',
    async () => {
      const created = await createBoard({ title: 'Aluesääntö' })
      const user = await newUserPage(browser)
      const { page } = user
      await openBoard(user, `${server.url}${created.links.edit}`, 'Eetu')

      const note = await addNoteFromPalette(page, 'Lappu', 'Vahva yliopisto')
      await dragOnCanvas(page, await shapeCenterOnScreen(page, note), await zonePointOnScreen(page, 'strength'))
      await expect.poll(async () => (await noteProps(page, note)).category).toBe('strength')
      expect((await noteProps(page, note)).categoryChosen).toBe(false)
      await page
        .locator(
          '[data-shape-type="situation-note"][data-category="strength"], [data-shape-type="situation-note"] [data-category="strength"]',
        )
        .first()
        .waitFor()

      // Moved on to the needs zone, it follows.
      await dragOnCanvas(page, await shapeCenterOnScreen(page, note), await zonePointOnScreen(page, 'need'))
      await expect.poll(async () => (await noteProps(page, note)).category).toBe('need')

      // A person picks "Toimija" in the note's editor (double-click): the zone no longer decides.
      const center = await shapeCenterOnScreen(page, note)
      await page.mouse.dblclick(center.x, center.y)
      await page.getByTestId('note-editor').getByLabel('Luokka').selectOption('actor')
      // The actor's identifiers are checked before they are saved.
      await page.getByTestId('note-editor').getByLabel('Y-tunnus').fill('1234567-8')
      await page.getByTestId('note-editor').getByRole('alert').filter({ hasText: 'Tarkista Y-tunnus' }).waitFor()
      await page.getByTestId('note-editor').getByLabel('Y-tunnus').fill('0245894-7')
      await page.getByTestId('note-editor').getByRole('button', { name: 'Valmis' }).click()
      await page.getByTestId('note-editor').waitFor({ state: 'detached' })
      expect(await noteProps(page, note)).toMatchObject({
        category: 'actor',
        categoryChosen: true,
        fields: { businessId: '0245894-7' },
      })
      await dragOnCanvas(
        page,
        await shapeCenterOnScreen(page, note),
        await zonePointOnScreen(page, 'strength', { x: 200, y: 0 }),
      )
      await page.waitForTimeout(200)
      expect((await noteProps(page, note)).category).toBe('actor')

      // Enter on a selected note opens its editor too.
      const moved = await shapeCenterOnScreen(page, note)
      await page.mouse.click(moved.x, moved.y)
      await page.keyboard.press('Enter')
      await page.getByTestId('note-editor').getByLabel('Teksti').waitFor()
      expect(await page.getByTestId('note-editor').getByLabel('Teksti').inputValue()).toBe('Vahva yliopisto')
      await page.keyboard.press('Escape')
      await page.getByTestId('note-editor').waitFor({ state: 'detached' })

      // Categories outside the template are a click away.
      await page.getByTestId('note-palette').getByRole('button', { name: 'Muut luokat' }).click()
      const threat = await addNoteFromPalette(page, 'Uhka', 'Väki vähenee')
      expect(await noteProps(page, threat)).toMatchObject({ category: 'threat', categoryChosen: true, author: 'Eetu' })

      expect(user.errors).toEqual([])
      await user.context.close()
    },
    4 * UI_TIMEOUT_MS,
  )

  it(
    'lists the notes by category with counts, finds them, shows one on the canvas; languages switch labels',
    async () => {
      const created = await createBoard({ title: 'Listanäkymä', region: 'Kainuu' })
      const user = await newUserPage(browser)
      const { page } = user
      await openBoard(user, `${server.url}${created.links.facilitator}`, 'Fanni')

      // Each note goes to its zone before the next one is added where it was.
      const place = async (id: string, zone: string, x: number) =>
        dragOnCanvas(page, await shapeCenterOnScreen(page, id), await zonePointOnScreen(page, zone, { x, y: 0 }))
      await place(await addNoteFromPalette(page, 'Tarve', 'Ohjelmistokehittäjiä puuttuu'), 'need', -200)
      const fieldNote = await addNoteFromPalette(page, 'Tarve', 'Rahoitusta kokeiluihin', async () => {
        await page.getByTestId('note-editor').getByLabel('Tarpeen laji').selectOption('cooperation')
      })
      await place(fieldNote, 'need', 200)
      const strength = await addNoteFromPalette(page, 'Vahvuus', 'Vahva yliopisto')
      await place(strength, 'strength', 0)

      await page.getByTestId('list-button').click()
      const list = page.getByTestId('picture-list')
      await list.getByRole('heading', { name: 'Tilannekuva listana' }).waitFor()
      await list.getByTestId('list-summary').filter({ hasText: 'Lappuja: 3, yhteyksiä: 0' }).waitFor()
      expect(await list.getByRole('heading', { level: 3 }).allInnerTexts()).toEqual([
        expect.stringMatching(/Vahvuudet \(1\)$/),
        expect.stringMatching(/Tarpeet \(2\)$/),
        expect.stringMatching(/Toimijat \(0\)$/),
        expect.stringMatching(/Toimenpiteet \(0\)$/),
      ])
      // Choice fields read in words, under the note's text.
      await list
        .getByTestId('list-group-need')
        .getByRole('button', { name: /Rahoitusta kokeiluihin.*Yhteistyötarve/ })
        .waitFor()
      await page.screenshot({ path: '/tmp/tilannekuva-list-view.png' })

      // Searching narrows the list (text, fields and author are searched).
      await list.getByLabel('Hae').fill('yhteistyötarve')
      await list.getByTestId('list-summary').filter({ hasText: 'Haulla löytyi 1/3 lappua' }).waitFor()
      await list.getByLabel('Hae').fill('')

      // A note in the list is a button: it selects the note on the canvas and brings it into view.
      await page.evaluate(() => void window.__tilannekuva!.editor.selectNone())
      await list
        .getByTestId('list-group-strength')
        .getByRole('button', { name: /Vahva yliopisto/ })
        .click()
      await expect.poll(() => selectedShapeIds(page)).toEqual([strength])
      await expect.poll(() => page.evaluate(() => window.__tilannekuva!.editor.getZoomLevel())).toBe(1)

      // Another language: zones, list and palette follow; the note on the canvas says what it is.
      await page.getByTestId('picture-list').waitFor()
      await page.getByRole('combobox', { name: 'Kieli' }).selectOption('sv')
      await expect.poll(() => zoneNames(page)).toEqual(['Behov', 'Styrkor', 'Åtgärder', 'Aktörer'].sort())
      await list.getByRole('heading', { name: 'Lägesbilden som lista' }).waitFor()
      await list.getByTestId('list-group-need').getByRole('heading').filter({ hasText: 'Behov (2)' }).waitFor()
      await page.getByTestId('note-palette').getByRole('button', { name: 'Styrka', exact: true }).waitFor()
      await page.getByRole('combobox', { name: 'Språk' }).selectOption('en')
      await expect.poll(() => zoneNames(page)).toEqual(['Actors', 'Needs', 'Strengths', 'Ways forward'])
      await page.getByRole('combobox', { name: 'Language' }).selectOption('fi')
      await expect.poll(() => zoneNames(page)).toEqual(['Tarpeet', 'Toimenpiteet', 'Toimijat', 'Vahvuudet'])

      await page.getByRole('button', { name: 'Lista piiloon' }).first().click()
      await list.waitFor({ state: 'detached' })
      expect(foreignRequests(user.requests, server.url)).toEqual([])
      expect(user.errors).toEqual([])
      await user.context.close()
    },
    4 * UI_TIMEOUT_MS,
  )

  it(
    'opens a board in its own language for someone who has not chosen one',
    async () => {
      const created = await createBoard({ title: 'Lägesbild Österbotten', template: 'swot', language: 'sv' })
      const user = await newUserPage(browser)
      const { page } = user
      await openBoard(user, `${server.url}${created.links.view}`, 'Ville')
      expect(await zoneNames(page)).toEqual(['Hot', 'Möjligheter', 'Styrkor', 'Svagheter'])
      expect(await page.getByTestId('role-badge').innerText()).toBe('Endast visning')
      // A viewer gets no palette.
      expect(await page.getByTestId('note-palette').count()).toBe(0)
      await user.context.close()
    },
    2 * UI_TIMEOUT_MS,
  )

  it(
    'downloads CSV and JSON, and imports notes from CSV with row errors explained in Finnish',
    async () => {
      const created = await createBoard({ title: 'Kainuun työpaja' })
      const user = await newUserPage(browser)
      const { page } = user
      await openBoard(user, `${server.url}${created.links.facilitator}`, 'Fanni')
      await addNoteFromPalette(page, 'Tarve', 'Osaajia puuttuu')

      await page.getByTestId('files-button').click()
      const panel = page.getByTestId('files-panel')
      const [csvDownload] = await Promise.all([
        page.waitForEvent('download'),
        panel.getByRole('button', { name: 'Lataa CSV' }).click(),
      ])
      expect(csvDownload.suggestedFilename()).toMatch(/^tilannekuva-kainuun-tyopaja-\d{4}-\d{2}-\d{2}\.csv$/)
      const csv = fs.readFileSync((await csvDownload.path())!, 'utf8')
      expect(csv).toContain('Kategoria')
      expect(csv).toContain('Osaajia puuttuu')
      const [jsonDownload] = await Promise.all([
        page.waitForEvent('download'),
        panel.getByRole('button', { name: 'Lataa JSON' }).click(),
      ])
      const snapshot = JSON.parse(fs.readFileSync((await jsonDownload.path())!, 'utf8'))
      expect(snapshot.notes).toEqual([expect.objectContaining({ category: 'need', text: 'Osaajia puuttuu' })])

      // A CSV with bad rows: nothing is imported, and each problem is named by its row as a
      // spreadsheet shows it (the header is row 1).
      const upload = (name: string, text: string) =>
        panel
          .getByTestId('import-file')
          .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') })
      await upload('huono.csv', 'Kategoria,Teksti,Y-tunnus\nToive,Jotain,\nToimija,Yritys Oy,1234567-8\n')
      const result = panel.getByTestId('import-result')
      await result.getByText('Mitään ei tuotu.', { exact: false }).waitFor()
      expect(await result.getByRole('listitem').allInnerTexts()).toEqual([
        'Rivi 2: tuntematon kategoria ”Toive”',
        'Rivi 3: Y-tunnus ei ole kelvollinen',
      ])
      await page.screenshot({ path: '/tmp/tilannekuva-import-errors.png' })

      await upload(
        'hyva.csv',
        'Kategoria,Teksti,Nimi,Sektori\nVahvuus,Vahva matkailu,,\nToimija,Kehittämisyhtiö,Kainuun Etu,Kehittämisyhtiö\n',
      )
      await result.getByText('Tuotiin 2 muistiinpanoa.').waitFor()
      await page.locator('[data-shape-type="situation-note"]').filter({ hasText: 'Vahva matkailu' }).waitFor()
      await page.locator('[data-shape-type="situation-note"]').filter({ hasText: 'Kainuun Etu' }).waitFor()

      expect(user.errors).toEqual([])
      await user.context.close()
    },
    4 * UI_TIMEOUT_MS,
  )
})
