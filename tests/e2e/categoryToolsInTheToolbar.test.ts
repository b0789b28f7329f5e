import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { NoteShapeProps } from '../../shared/canvasShapes.js'
import { axeFindings } from '../helpers/axe.js'
import {
  foreignRequests,
  newUserPage,
  openBoard,
  UI_TIMEOUT_MS,
  type UserPage,
  useServerAndBrowser,
  waitForCanvas,
} from '../helpers/browser.js'
import { noteProps, selectedShapeIds, zonePointOnScreen } from '../helpers/canvas.js'
import type { TestServer } from '../helpers/server.js'

let server: TestServer
let browser: Browser

useServerAndBrowser((started) => ({ server, browser } = started))

const SCREENSHOTS = '/tmp/tilannekuva-category-tools'

/** Types into the note editor a new note opens with, and leaves it with Escape; returns the note's id. */
async function writeNewNote(page: Page, text: string): Promise<string> {
  const form = page.getByTestId('note-editor')
  await form.waitFor()
  await page.keyboard.type(text)
  await page.keyboard.press('Escape')
  await form.waitFor({ state: 'detached' })
  const [id] = await selectedShapeIds(page)
  if (!id) throw new Error('the new note is not selected')
  return id
}

/** The pairs of notes that share some area. */
const overlappingNotes = (page: Page) =>
  page.evaluate(() => {
    const editor = window.__tilannekuva!.editor
    const boxes = editor
      .getCurrentPageShapes()
      .filter((shape) => shape.type === 'situation-note')
      .map((shape) => ({ id: shape.id, box: editor.getShapePageBounds(shape)! }))
    const pairs: string[] = []
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1)) {
        const shareArea =
          a.box.minX < b.box.maxX && b.box.minX < a.box.maxX && a.box.minY < b.box.maxY && b.box.minY < a.box.maxY
        if (shareArea) pairs.push(`${a.id}+${b.id}`)
      }
    return pairs
  })

/** True when the note's centre lies in the zone of `zoneKey`. */
const inZone = (page: Page, noteId: string, zoneKey: string) =>
  page.evaluate(
    ({ noteId, zoneKey }) => {
      const editor = window.__tilannekuva!.editor
      const zone = editor.getShapePageBounds(`shape:zone-${zoneKey}` as never)!
      return zone.containsPoint(editor.getShapePageBounds(noteId as never)!.center)
    },
    { noteId, zoneKey },
  )

const currentTool = (page: Page) => page.evaluate(() => window.__tilannekuva!.editor.getCurrentToolId())

describe('category tools in the toolbar', () => {
  it(
    'each zone category is a toolbar tool with its name and shortcut; a click places its note there, Alt+digit then Enter places it in its zone',
    async () => {
      const created = await server.createBoard('Kainuun työpaja')
      const user = await newUserPage(browser)
      const { page } = user
      await page.setViewportSize({ width: 1440, height: 900 })
      await openBoard(user, `${server.url}${created.links.edit}`, 'Eetu')

      // The board's four zone categories, named (for screen readers too) with their shortcut in the tooltip.
      const toolbar = page.locator('.tlui-main-toolbar')
      const expected = [
        ['strength', 'Lappu: Vahvuus', 'Alt + 1'],
        ['need', 'Lappu: Tarve', 'Alt + 2'],
        ['actor', 'Lappu: Toimija', 'Alt + 3'],
        ['action', 'Lappu: Toimenpide', 'Alt + 4'],
      ] as const
      for (const [category, name, shortcut] of expected) {
        const button = toolbar.getByTestId(`tools.note-${category}`)
        await button.waitFor()
        // tldraw spaces the shortcut with thin spaces.
        expect((await button.getAttribute('aria-label'))?.replace(/\s+/g, ' ')).toBe(`${name} — ${shortcut}`)
      }
      // Hovering shows the name and shortcut in tldraw's tooltip.
      await toolbar.getByTestId('tools.note-need').hover()
      const tooltip = page.locator('.tlui-tooltip').filter({ hasText: 'Lappu: Tarve' })
      await tooltip.waitFor()
      expect((await tooltip.innerText()).replace(/\s+/g, ' ')).toMatch(/Lappu: Tarve.*Alt.*2/)
      await page.screenshot({ path: `${SCREENSHOTS}-toolbar-1440.png` })
      expect(await axeFindings(page, '.tlui-main-toolbar')).toEqual([])

      // The toolbar's need tool, then a click in the needs zone: a need note there, open for editing.
      await toolbar.getByTestId('tools.note-need').click()
      expect(await currentTool(page)).toBe('note-need')
      expect(await toolbar.getByTestId('tools.note-need').getAttribute('aria-pressed')).toBe('true')
      const inNeeds = await zonePointOnScreen(page, 'need', { x: 100, y: 60 })
      await page.mouse.click(inNeeds.x, inNeeds.y)
      await page.getByTestId('note-editor').waitFor()
      await page.screenshot({ path: `${SCREENSHOTS}-need-editing-1440.png` })
      const need = await writeNewNote(page, 'Ohjelmistokehittäjiä puuttuu')
      expect(await noteProps(page, need)).toMatchObject({
        category: 'need',
        categoryChosen: true,
        text: 'Ohjelmistokehittäjiä puuttuu',
        author: 'Eetu',
      } satisfies Partial<NoteShapeProps>)
      expect(await inZone(page, need, 'need')).toBe(true)

      // A click on that same spot with the tool again: the nearest free spot, not over the first note.
      await toolbar.getByTestId('tools.note-need').click()
      await page.mouse.click(inNeeds.x, inNeeds.y)
      const secondNeed = await writeNewNote(page, 'Tiloja nuorille')
      expect(await inZone(page, secondNeed, 'need')).toBe(true)
      expect(await overlappingNotes(page)).toEqual([])

      // A category tool clicked in another zone: the person chose both, so the note keeps its category there.
      await toolbar.getByTestId('tools.note-strength').click()
      const inActors = await zonePointOnScreen(page, 'actor')
      await page.mouse.click(inActors.x, inActors.y)
      const strayStrength = await writeNewNote(page, 'Vahva yhdistyskenttä')
      expect(await noteProps(page, strayStrength)).toMatchObject({ category: 'strength', categoryChosen: true })

      // Keyboard only: Alt+3 picks the actor tool, Enter adds an actor note in the actors' zone.
      await page.evaluate(() => window.__tilannekuva!.editor.getContainer().focus())
      await page.keyboard.press('Alt+3')
      await expect.poll(() => currentTool(page)).toBe('note-actor')
      await page.keyboard.press('Enter')
      const actor = await writeNewNote(page, 'Kajaanin kaupunki')
      expect(await noteProps(page, actor)).toMatchObject({ category: 'actor', categoryChosen: true })
      expect(await inZone(page, actor, 'actor')).toBe(true)
      // Alt+8 is the threat tool, which this board's toolbar leaves out: its shortcut still works.
      await page.keyboard.press('Alt+8')
      await expect.poll(() => currentTool(page)).toBe('note-threat')
      await page.keyboard.press('Escape')
      await expect.poll(() => currentTool(page)).toBe('select')
      expect(await overlappingNotes(page)).toEqual([])

      // The palette's buttons still work alongside.
      await page.getByTestId('note-palette').getByRole('button', { name: 'Toimenpide', exact: true }).click()
      const action = await writeNewNote(page, 'Rekrytointikampanja')
      expect(await noteProps(page, action)).toMatchObject({ category: 'action', categoryChosen: true })
      expect(await inZone(page, action, 'action')).toBe(true)
      expect(await overlappingNotes(page)).toEqual([])
      await page.evaluate(() => {
        window.__tilannekuva!.editor.selectNone()
      })
      await page.screenshot({ path: `${SCREENSHOTS}-notes-1440.png` })

      // A phone (390×844, touch): the category tools are in the toolbar (or its overflow) and a tap adds a note.
      const phoneContext = await browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        deviceScaleFactor: 2,
        locale: 'fi-FI',
      })
      phoneContext.setDefaultTimeout(UI_TIMEOUT_MS)
      const phone: UserPage = { context: phoneContext, page: await phoneContext.newPage(), requests: [], errors: [] }
      phone.page.on('request', (request) => phone.requests.push(request.url()))
      phone.page.on('pageerror', (error) => phone.errors.push(String(error)))
      await openBoard(phone, `${server.url}${created.links.edit}`, 'Pia')
      await waitForCanvas(phone.page)
      const phoneToolbar = phone.page.locator('.tlui-main-toolbar')
      const direct = phoneToolbar.getByTestId('tools.note-strength')
      if (!(await direct.isVisible())) {
        await phoneToolbar.getByTestId('tools.more-button').tap()
        await phone.page.getByTestId('tools.more.note-strength').waitFor()
        await phone.page.screenshot({ path: `${SCREENSHOTS}-toolbar-more-390.png` })
        await phone.page.getByTestId('tools.more.note-strength').tap()
      } else {
        await phone.page.screenshot({ path: `${SCREENSHOTS}-toolbar-390.png` })
        await direct.tap()
      }
      await expect.poll(() => currentTool(phone.page)).toBe('note-strength')
      const inStrengths = await zonePointOnScreen(phone.page, 'strength', { x: 0, y: 150 })
      await phone.page.touchscreen.tap(inStrengths.x, inStrengths.y)
      await phone.page.getByTestId('note-editor').waitFor()
      await phone.page.screenshot({ path: `${SCREENSHOTS}-strength-editing-390.png` })
      await phone.page.keyboard.type('Luonto')
      await phone.page.getByTestId('note-editor').getByRole('button', { name: 'Valmis' }).tap()
      await phone.page.getByTestId('note-editor').waitFor({ state: 'detached' })
      const [phoneNote] = await selectedShapeIds(phone.page)
      expect(await noteProps(phone.page, phoneNote!)).toMatchObject({ category: 'strength', text: 'Luonto' })
      expect(await inZone(phone.page, phoneNote!, 'strength')).toBe(true)
      expect(await overlappingNotes(phone.page)).toEqual([])
      expect(await axeFindings(phone.page, '.tlui-main-toolbar')).toEqual([])

      expect(foreignRequests([...user.requests, ...phone.requests], server.url)).toEqual([])
      expect([...user.errors, ...phone.errors]).toEqual([])
      await Promise.all([user.context.close(), phoneContext.close()])
    },
    6 * UI_TIMEOUT_MS,
  )
})
