import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  createNoteThroughUi,
  foreignRequests,
  newUserPage,
  notes,
  openBoard,
  UI_TIMEOUT_MS,
  useServerAndBrowser,
} from '../helpers/browser.js'
import type { TestServer } from '../helpers/server.js'

let server: TestServer
let browser: Browser

useServerAndBrowser((started) => ({ server, browser } = started))

describe('view link', () => {
  it(
    'opens the board read-only: no notes can be made and nothing the viewer does reaches others',
    async () => {
      const created = await server.createBoard('Katseltava taulu')
      const editor = await newUserPage(browser)
      const viewer = await newUserPage(browser)
      await Promise.all([
        openBoard(editor, `${server.url}${created.links.edit}`, 'Eetu'),
        openBoard(viewer, `${server.url}${created.links.view}`, 'Ville'),
      ])
      expect(await viewer.page.getByTestId('role-badge').innerText()).toBe('Vain katselu')
      expect(await viewer.page.evaluate(() => window.__tilannekuva!.editor.getIsReadonly())).toBe(true)

      // The viewer sees what editors make.
      await createNoteThroughUi(editor.page, 'Toimija: kunta', { x: 500, y: 300 })
      await notes(viewer.page).filter({ hasText: 'Toimija: kunta' }).waitFor()

      // The viewer tries to make a note (N + click) and to delete the editor's note.
      await viewer.page.locator('.tl-canvas').click({ position: { x: 900, y: 500 } })
      await viewer.page.keyboard.press('n')
      await viewer.page.mouse.click(900, 500)
      await viewer.page.keyboard.type('ei saa näkyä')
      // tldraw hit-tests the canvas itself, so the click goes to the note's place on screen.
      const box = await notes(viewer.page).first().boundingBox()
      if (!box) throw new Error('the note is not on screen')
      await viewer.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
      await viewer.page.keyboard.press('Delete')
      await viewer.page.keyboard.press('Backspace')
      expect(await viewer.page.evaluate(() => window.__tilannekuva!.editor.getCurrentToolId())).not.toBe('note')

      // Barrier: the viewer's later cursor move reaches the editor, so anything sent before it has too.
      await viewer.page.mouse.move(700, 650, { steps: 3 })
      await editor.page.locator('.tl-collaborator__cursor').filter({ hasText: 'Ville' }).waitFor()
      // The template's zones come with the board; anything else on the page someone made.
      const shapesOn = (user: typeof editor) =>
        user.page.evaluate(() =>
          window
            .__tilannekuva!.editor.getCurrentPageShapes()
            .map((shape) => shape.type)
            .filter((type) => type !== 'situation-zone'),
        )
      expect(await shapesOn(viewer)).toEqual(['situation-note'])
      expect(await shapesOn(editor)).toEqual(['situation-note'])
      expect(await notes(editor.page).filter({ hasText: 'Toimija: kunta' }).count()).toBe(1)

      expect(foreignRequests([...editor.requests, ...viewer.requests], server.url)).toEqual([])
      expect([...editor.errors, ...viewer.errors]).toEqual([])
      await Promise.all([editor.context.close(), viewer.context.close()])
    },
    4 * UI_TIMEOUT_MS,
  )
})
