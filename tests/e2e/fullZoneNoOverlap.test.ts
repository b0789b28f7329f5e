import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { newUserPage, openBoard, UI_TIMEOUT_MS, useServerAndBrowser } from '../helpers/browser.js'
import { addNoteFromPalette } from '../helpers/canvas.js'
import type { TestServer } from '../helpers/server.js'

let server: TestServer
let browser: Browser

useServerAndBrowser((started) => ({ server, browser } = started))

/** Each note's page bounds and the category of the zone its centre lies in. */
const layout = (page: Page) =>
  page.evaluate(() => {
    const editor = window.__tilannekuva!.editor
    const zones = editor
      .getCurrentPageShapes()
      .filter((shape) => shape.type === 'situation-zone')
      .map((shape) => ({ key: shape.id.replace('shape:zone-', ''), box: editor.getShapePageBounds(shape)! }))
    return editor
      .getCurrentPageShapes()
      .filter((shape) => shape.type === 'situation-note')
      .map((shape) => {
        const box = editor.getShapePageBounds(shape)!
        const zone = zones.find((candidate) => candidate.box.containsPoint(box.center))
        return { x: box.x, y: box.y, w: box.w, h: box.h, zone: zone?.key ?? null }
      })
  })

describe('a full zone', () => {
  it(
    'palette notes for a full zone go beside it, outside the other zones, never over another note',
    async () => {
      const created = await server.createBoard('Kainuun työpaja')
      const user = await newUserPage(browser)
      const { page } = user
      await page.setViewportSize({ width: 1440, height: 900 })
      await openBoard(user, `${server.url}${created.links.edit}`, 'Eetu')
      const count = 24
      for (let note = 0; note < count; note++) await addNoteFromPalette(page, 'Tarve', `Tarve ${note + 1}`)
      await page.evaluate(() => {
        const editor = window.__tilannekuva!.editor
        editor.selectNone()
        editor.zoomToFit()
      })
      await page.screenshot({ path: '/tmp/tilannekuva-full-zone-1440.png' })
      const notes = await layout(page)
      expect(notes).toHaveLength(count)
      // The zone filled first, then the rest went outside every other zone and the title area.
      expect(notes.filter((note) => note.zone === 'need').length).toBeGreaterThanOrEqual(9)
      expect(notes.filter((note) => note.zone !== 'need' && note.zone !== null)).toEqual([])
      expect(notes.some((note) => note.zone === null)).toBe(true)
      const overlapping = notes.flatMap((a, i) =>
        notes
          .slice(i + 1)
          .filter((b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h)
          .map((b) => [a, b]),
      )
      expect(overlapping).toEqual([])
      expect(user.errors).toEqual([])
      await user.context.close()
    },
    6 * UI_TIMEOUT_MS,
  )
})
