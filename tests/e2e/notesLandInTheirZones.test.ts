import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { openBoard, UI_TIMEOUT_MS, useServerAndBrowser } from '../helpers/browser.js'
import { addNoteFromPalette } from '../helpers/canvas.js'
import {
  type NoteLayout,
  noteLayout,
  openPalette,
  phoneUser,
  type WatchedUser,
  watchedUser,
} from '../helpers/noteFlow.js'
import type { TestServer } from '../helpers/server.js'

let server: TestServer
let browser: Browser

useServerAndBrowser((started) => ({ server, browser } = started))

const SCREENSHOTS = '/tmp/tilannekuva-note-placement'

/** The palette buttons of the default template, with the category each makes. */
const CATEGORY_BUTTONS = [
  ['Vahvuus', 'strength'],
  ['Tarve', 'need'],
  ['Toimija', 'actor'],
  ['Toimenpide', 'action'],
] as const

/** Pairs of notes whose areas overlap (touching edges do not count). */
function overlapping(layout: NoteLayout): string[] {
  const pairs: string[] = []
  for (const [i, a] of layout.notes.entries()) {
    for (const b of layout.notes.slice(i + 1)) {
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) pairs.push(`${a.text} × ${b.text}`)
    }
  }
  return pairs
}

/** Notes whose centre is not in the zone of their category. */
function outOfZone(layout: NoteLayout): string[] {
  return layout.notes.filter((note) => note.zoneCategory !== note.category).map((note) => note.text)
}

describe('notes land in their zone', () => {
  it(
    'palette notes go to a free spot of their category’s zone; a plain note to the view’s centre, sorted by its zone',
    async () => {
      const created = await server.createBoard('Sijoittelu')
      const user = await watchedUser(browser, { width: 1440, height: 900 })
      const { page } = user
      await openBoard(user, `${server.url}${created.links.edit}`, 'Eetu')

      for (const round of [1, 2, 3]) {
        for (const [button] of CATEGORY_BUTTONS) await addNoteFromPalette(page, button, `${button} ${round}`)
      }
      await page.evaluate(() => {
        window.__tilannekuva!.editor.selectNone()
      })
      await page.screenshot({ path: `${SCREENSHOTS}-categories-1440.png` })
      let layout = await noteLayout(page)
      expect(layout.notes).toHaveLength(12)
      expect(outOfZone(layout)).toEqual([])
      expect(overlapping(layout)).toEqual([])

      // A plain note lands at the centre of the view, nowhere on top of another, and takes its zone's category.
      await page.evaluate(() => {
        const editor = window.__tilannekuva!.editor
        const zone = editor.getShapePageBounds('shape:zone-need' as never)!
        editor.centerOnPoint({ x: zone.center.x, y: zone.y + 150 })
      })
      const plain = await addNoteFromPalette(page, 'Lappu', 'Lappu keskellä')
      const plainToo = await addNoteFromPalette(page, 'Lappu', 'Toinen lappu keskellä')
      layout = await noteLayout(page)
      expect(overlapping(layout)).toEqual([])
      for (const id of [plain, plainToo]) {
        const note = layout.notes.find((candidate) => candidate.id === id)!
        expect(note).toMatchObject({ category: 'need', zoneCategory: 'need' })
        // Near the centre: within two notes' width of it.
        expect(Math.hypot(note.x + note.w / 2 - layout.view.cx, note.y + note.h / 2 - layout.view.cy)).toBeLessThan(520)
      }
      await page.screenshot({ path: `${SCREENSHOTS}-plain-1440.png` })

      // A category whose zone is out of view: the zone is brought into view with the new note.
      await page.evaluate(() => {
        const editor = window.__tilannekuva!.editor
        editor.centerOnPoint({ x: -3000, y: -3000 })
      })
      const far = await addNoteFromPalette(page, 'Toimija', 'Kaukaa lisätty')
      layout = await noteLayout(page)
      const farNote = layout.notes.find((note) => note.id === far)!
      expect(farNote.zoneCategory).toBe('actor')
      expect(farNote.inView).toBe(true)
      expect(overlapping(layout)).toEqual([])
      await page.screenshot({ path: `${SCREENSHOTS}-brought-into-view-1440.png` })

      expect(user.consoleErrors).toEqual([])
      expect(user.errors).toEqual([])
      await user.context.close()
    },
    6 * UI_TIMEOUT_MS,
  )

  it(
    'three people adding needs at the same moment (one on a phone) end with three needs side by side',
    async () => {
      const created = await server.createBoard('Yhtä aikaa')
      const link = `${server.url}${created.links.edit}`
      const people: WatchedUser[] = [
        await watchedUser(browser, { width: 1440, height: 900 }),
        await watchedUser(browser, { width: 1440, height: 900 }),
        await phoneUser(browser),
      ]
      await Promise.all(people.map((person, i) => openBoard(person, link, ['Aino', 'Bertta', 'Pia'][i]!)))
      const needButton = async (page: Page) => {
        await openPalette(page)
        return page.getByTestId('note-palette').getByRole('button', { name: 'Tarve', exact: true })
      }
      for (const round of [1, 2]) {
        const buttons = await Promise.all(people.map((person) => needButton(person.page)))
        // All at once: no board has seen the others' notes when its own is placed.
        await Promise.all(buttons.map((button, i) => (i === 2 ? button.tap() : button.click())))
        await Promise.all(
          people.map(async ({ page }, i) => {
            await page.getByTestId('note-editor').waitFor()
            await page.keyboard.type(`Tarve ${round}.${i + 1}`)
            await page.keyboard.press('Escape')
            await page.getByTestId('note-editor').waitFor({ state: 'detached' })
          }),
        )
      }
      for (const { page } of people) {
        await expect
          .poll(
            async () => {
              const layout = await noteLayout(page)
              return { count: layout.notes.length, overlapping: overlapping(layout), outOfZone: outOfZone(layout) }
            },
            { timeout: UI_TIMEOUT_MS },
          )
          .toEqual({ count: 6, overlapping: [], outOfZone: [] })
      }
      await people[0]!.page.evaluate(() => {
        window.__tilannekuva!.editor.selectNone()
      })
      await people[0]!.page.screenshot({ path: `${SCREENSHOTS}-three-at-once-1440.png` })
      await people[2]!.page.screenshot({ path: `${SCREENSHOTS}-three-at-once-390.png` })
      for (const person of people) {
        expect(person.consoleErrors).toEqual([])
        expect(person.errors).toEqual([])
        await person.context.close()
      }
    },
    6 * UI_TIMEOUT_MS,
  )
})
