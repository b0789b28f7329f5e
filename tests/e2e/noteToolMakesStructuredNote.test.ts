import fs from 'node:fs'
import { createRequire } from 'node:module'
import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { NoteShapeProps } from '../../shared/canvasShapes.js'
import {
  foreignRequests,
  newUserPage,
  openBoard,
  UI_TIMEOUT_MS,
  type UserPage,
  useServerAndBrowser,
  waitForCanvas,
} from '../helpers/browser.js'
import { noteProps, type Point, selectedShapeIds, zonePointOnScreen } from '../helpers/canvas.js'
import type { TestServer } from '../helpers/server.js'

let server: TestServer
let browser: Browser

useServerAndBrowser((started) => ({ server, browser } = started))

const SCREENSHOTS = '/tmp/tilannekuva-note-tool'
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

interface AxeResult {
  violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[]
}

/** Serious and critical axe-core findings inside the element with `testId`. */
async function axeFindings(page: Page, testId: string): Promise<{ id: string; targets: string[][] }[]> {
  // Evaluated through the DevTools protocol: the app's CSP rightly refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(fs.readFileSync(AXE_PATH, 'utf8'))
  return page.evaluate(async (testId) => {
    const axe = (window as unknown as { axe: { run(context: Element): Promise<AxeResult> } }).axe
    const result = await axe.run(document.querySelector(`[data-testid="${testId}"]`)!)
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({ id: violation.id, targets: violation.nodes.map((node) => node.target) }))
  }, testId)
}

/** A point on screen right of every zone, halfway down the view: outside every zone. */
const outsideZones = (page: Page): Promise<Point> =>
  page.evaluate(() => {
    const editor = window.__tilannekuva!.editor
    const right = Math.max(
      ...editor
        .getCurrentPageShapes()
        .filter((shape) => shape.type === 'situation-zone')
        .map((shape) => editor.getShapePageBounds(shape)!.maxX),
    )
    const view = editor.getViewportPageBounds()
    if (view.maxX - right < 100) throw new Error('no room right of the zones')
    return editor.pageToScreen({ x: (right + view.maxX) / 2, y: view.center.y })
  })

/** Types into the note editor that a new note opens with, and leaves it with Escape. */
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

const shapeType = (page: Page, id: string) =>
  page.evaluate((id) => window.__tilannekuva!.editor.getShape(id as never)?.type, id)

describe('the note tool on a situational picture board', () => {
  it(
    'N and a click make a structured note (zone’s category, else unsorted); a plain text is listed as unsorted',
    async () => {
      const created = await server.createBoard('Kainuun työpaja')
      const user = await newUserPage(browser)
      const { page } = user
      await page.setViewportSize({ width: 1440, height: 900 })
      await openBoard(user, `${server.url}${created.links.edit}`, 'Eetu')
      expect(await page.locator('.tk-zone-name').allInnerTexts()).toContain('Tarpeet')

      // N, then a click inside the needs zone: our note, in that zone's category, open for editing.
      await page.locator('.tl-canvas').click({ position: { x: 20, y: 700 } })
      await page.keyboard.press('n')
      const inNeeds = await zonePointOnScreen(page, 'need')
      await page.mouse.click(inNeeds.x, inNeeds.y)
      const need = await writeNewNote(page, 'Ohjelmistokehittäjiä puuttuu')
      expect(await shapeType(page, need)).toBe('situation-note')
      expect(await noteProps(page, need)).toMatchObject({
        category: 'need',
        categoryChosen: false,
        text: 'Ohjelmistokehittäjiä puuttuu',
        author: 'Eetu',
      } satisfies Partial<NoteShapeProps>)

      // N, then a click outside every zone: an unsorted note.
      await page.keyboard.press('n')
      const outside = await outsideZones(page)
      await page.mouse.click(outside.x, outside.y)
      const loose = await writeNewNote(page, 'Kokeilu kirjastossa')
      expect(await noteProps(page, loose)).toMatchObject({ category: 'unsorted', categoryChosen: false })
      await page
        .locator('.tl-shape[data-shape-type="situation-note"] [data-category="unsorted"]')
        .filter({ hasText: 'Lajittelematon' })
        .waitFor()

      // The toolbar's note button is the same tool: a click in the actors' zone makes an actor.
      await page.getByTestId('tools.note').click()
      const inActors = await zonePointOnScreen(page, 'actor', { x: -200, y: 0 })
      await page.mouse.click(inActors.x, inActors.y)
      const actor = await writeNewNote(page, 'Kajaanin kaupunki')
      expect(await noteProps(page, actor)).toMatchObject({ category: 'actor' })

      // No plain tldraw note was made along the way.
      expect(
        await page.evaluate(() =>
          window.__tilannekuva!.editor.getCurrentPageShapes().some((shape) => shape.type === 'note'),
        ),
      ).toBe(false)

      // A screen reader hears what the selected note is, not a raw translation key.
      const announcement = page.locator('[role="status"]').filter({ hasText: 'Kajaanin kaupunki' })
      await announcement.waitFor()
      expect(await announcement.innerText()).toMatch(/^Toimija: Kajaanin kaupunki, Lappu\./)

      // A text made with tldraw's text tool, in the strengths zone, is listed as unsorted all the same.
      await page.keyboard.press('t')
      const inStrengths = await zonePointOnScreen(page, 'strength', { x: 0, y: 200 })
      await page.mouse.click(inStrengths.x, inStrengths.y)
      await page.locator('.tl-shape[data-shape-type="text"] [contenteditable="true"]').waitFor()
      await page.keyboard.type('Vahva kirjastoverkko')
      await page.keyboard.press('Escape')
      await page.evaluate(() => {
        window.__tilannekuva!.editor.selectNone()
      })
      await page.screenshot({ path: `${SCREENSHOTS}-canvas-1440.png` })

      await page.getByTestId('list-button').click()
      const list = page.getByTestId('picture-list')
      const unsorted = list.getByTestId('list-group-unsorted')
      await unsorted.getByRole('heading', { name: /Lajittelemattomat \(2\)$/ }).waitFor()
      expect(await unsorted.getByRole('listitem').allInnerTexts()).toEqual([
        expect.stringMatching(/^Kokeilu kirjastossa\s+Eetu$/),
        expect.stringMatching(/^Vahva kirjastoverkko\s+Teksti$/),
      ])
      // The unsorted group says why its notes are there, to a screen reader too.
      expect(await unsorted.getAttribute('aria-describedby')).toBe('list-group-unsorted-hint')
      expect(await list.getByTestId('list-group-need').getByRole('listitem').allInnerTexts()).toEqual([
        expect.stringMatching(/^Ohjelmistokehittäjiä puuttuu/),
      ])
      // Unsorted comes last, after the template's categories.
      expect((await list.getByRole('heading', { level: 3 }).allInnerTexts()).at(-1)).toMatch(/^📝 Lajittelemattomat/)
      await page.screenshot({ path: `${SCREENSHOTS}-list-1440.png` })
      expect(await axeFindings(page, 'picture-list')).toEqual([])

      // The list's button for the text brings that text into view, selected.
      await unsorted.getByRole('button', { name: /Vahva kirjastoverkko/ }).click()
      await expect
        .poll(async () => {
          const [id] = await selectedShapeIds(page)
          return id ? shapeType(page, id) : null
        })
        .toBe('text')
      await page.screenshot({ path: `${SCREENSHOTS}-text-shown-1440.png` })
      // The unsorted note up close, as people see it on the canvas.
      await page.evaluate((id) => {
        const editor = window.__tilannekuva!.editor
        editor.select(id as never)
        editor.zoomToSelection()
      }, loose)
      await page.screenshot({ path: `${SCREENSHOTS}-unsorted-note-1440.png` })

      // The same board on a phone (390×844, touch): the list with its unsorted group fits and passes axe.
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
      await phone.page.screenshot({ path: `${SCREENSHOTS}-canvas-390.png` })
      await phone.page.getByTestId('list-button').tap()
      const phoneList = phone.page.getByTestId('picture-list')
      const phoneUnsorted = phoneList.getByTestId('list-group-unsorted')
      await phoneUnsorted.getByRole('heading', { name: /\(2\)$/ }).waitFor()
      await phoneUnsorted.scrollIntoViewIfNeeded()
      await phone.page.screenshot({ path: `${SCREENSHOTS}-list-390.png` })
      expect(await axeFindings(phone.page, 'picture-list')).toEqual([])

      expect(foreignRequests([...user.requests, ...phone.requests], server.url)).toEqual([])
      expect([...user.errors, ...phone.errors]).toEqual([])
      await Promise.all([user.context.close(), phoneContext.close()])
    },
    6 * UI_TIMEOUT_MS,
  )
})
