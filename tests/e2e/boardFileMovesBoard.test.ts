import fs from 'node:fs'
import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { CreateBoardResponse } from '../../shared/api.js'
import { axeFindings } from '../helpers/axe.js'
import { newUserPage, openBoard, UI_TIMEOUT_MS, useServerAndBrowser } from '../helpers/browser.js'
import { addNoteFromPalette } from '../helpers/canvas.js'
import type { TestServer } from '../helpers/server.js'

let server: TestServer
let browser: Browser

useServerAndBrowser((started) => ({ server, browser } = started))

describe('moving a board as a file', () => {
  it(
    'a facilitator downloads the board as a file and the home page makes a new board of it',
    async () => {
      const response = await fetch(`${server.url}/api/boards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Jyväskylän työpaja' }),
      })
      const created = (await response.json()) as CreateBoardResponse
      const user = await newUserPage(browser)
      const { page } = user
      await openBoard(user, `${server.url}${created.links.facilitator}`, 'Fanni')
      await addNoteFromPalette(page, 'Tarve', 'Osaajia puuttuu')

      await page.getByTestId('files-button').click()
      const panel = page.getByTestId('files-panel')
      const move = panel.getByRole('region', { name: 'Siirrä taulu' })
      await move.waitFor()
      expect(await axeFindings(page, '[data-testid="files-panel"]')).toEqual([])
      await page.screenshot({ path: '/tmp/tilannekuva-board-file-export.png' })
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        move.getByRole('button', { name: 'Lataa taulu tiedostona' }).click(),
      ])
      expect(download.suggestedFilename()).toMatch(
        /^tilannekuva-jyvaskylan-tyopaja-\d{4}-\d\d-\d\d\.tilannekuva\.json$/,
      )
      const fileText = fs.readFileSync((await download.path())!, 'utf8')
      expect(JSON.parse(fileText)).toMatchObject({
        format: 'tilannekuva-board',
        board: { title: 'Jyväskylän työpaja' },
      })

      // A participant's Files panel has no such section.
      const participant = await newUserPage(browser)
      await openBoard(participant, `${server.url}${created.links.edit}`, 'Pekka')
      await participant.page.getByTestId('files-button').click()
      await participant.page.getByTestId('files-panel').waitFor()
      expect(await participant.page.getByTestId('export-board-file').count()).toBe(0)
      await participant.context.close()

      // The home page: a file that is not a board is explained, a board file opens as a new board.
      await page.goto(`${server.url}/`)
      const importSection = page.getByRole('region', { name: 'Tuo taulu tiedostosta' })
      await importSection.waitFor()
      expect(await axeFindings(page, '.tk-home-import')).toEqual([])
      const choose = (name: string, text: string) =>
        importSection
          .getByTestId('import-board-file')
          .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') })
      await choose('muu.json', '{"format":"jotain muuta"}')
      await importSection.getByText('Tiedosto ei ole Tilannekuva-taulu.').waitFor()
      await page.screenshot({ path: '/tmp/tilannekuva-board-file-refused.png', fullPage: true })
      await choose(download.suggestedFilename(), fileText)
      await page.waitForURL((url) => url.pathname.startsWith('/b/') && !url.pathname.includes(created.board.id))
      await page.locator('[data-shape-type="situation-note"]').filter({ hasText: 'Osaajia puuttuu' }).waitFor()
      await page.screenshot({ path: '/tmp/tilannekuva-board-file-imported.png' })
      expect(user.errors).toEqual([])
      await user.context.close()
    },
    5 * UI_TIMEOUT_MS,
  )
})
