import fs from 'node:fs'
import { createRequire } from 'node:module'
import type { Browser } from 'playwright-core'
import { extractText, getDocumentProxy } from 'unpdf'
import { describe, expect, it } from 'vitest'
import { newUserPage, openBoard, useServerAndBrowser } from '../helpers/browser.js'
import type { TestServer } from '../helpers/server.js'

let server: TestServer
let browser: Browser

useServerAndBrowser((started) => ({ server, browser } = started))

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

interface AxeViolation {
  id: string
  nodes: { target: string[] }[]
}

describe('the memo from the files panel', () => {
  it('Export PDF downloads a valid memo, chosen by keyboard; PNG of the canvas too; the panel passes axe', async () => {
    const created = await server.createBoard('Lapin työpaja Áile')
    const imported = await fetch(`${server.url}/api/boards/${created.board.id}/notes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${created.tokens.edit}`, 'content-type': 'application/json' },
      body: JSON.stringify([{ category: 'need', text: 'Osaajia tarvitaan: čđŋšŧž', author: 'Máret' }]),
    })
    expect(imported.status).toBe(201)

    const user = await newUserPage(browser)
    const { page } = user
    await openBoard(user, `${server.url}${created.links.view}`, 'Niillas')
    await page.getByTestId('files-button').click()
    const panel = page.getByTestId('files-panel')

    // Keyboard only: paper size A3, authors on, then the button.
    await panel.getByLabel('Paperikoko').focus()
    await page.keyboard.press('ArrowDown')
    await expect.poll(() => panel.getByLabel('Paperikoko').inputValue()).toBe('a3')
    await panel.getByLabel('Näytä kirjoittajien nimet').focus()
    await page.keyboard.press('Space')
    expect(await panel.getByLabel('Näytä kirjoittajien nimet').isChecked()).toBe(true)
    await panel.getByRole('button', { name: 'Vie PDF' }).focus()
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      page.keyboard.press('Enter'),
    ])
    expect(download.suggestedFilename()).toMatch(/^tilannekuva-lapin-tyopaja-aile-\d{4}-\d{2}-\d{2}\.pdf$/)
    const bytes = fs.readFileSync((await download.path())!)
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
    const proxy = await getDocumentProxy(new Uint8Array(bytes))
    expect(proxy.numPages).toBeGreaterThanOrEqual(3)
    // The overview is landscape A3.
    expect((await proxy.getPage(2)).view.slice(2).map(Math.round)).toEqual([1191, 842])
    const { text } = await extractText(proxy, { mergePages: true })
    expect(text).toContain('Osaajia tarvitaan: čđŋšŧž')
    expect(text).toContain('Máret')

    const [png] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Lataa PNG' }).click(),
    ])
    const image = fs.readFileSync((await png.path())!)
    expect(image.subarray(1, 4).toString()).toBe('PNG')

    // Evaluated through the DevTools protocol: the app's CSP rightly refuses inline scripts.
    await page.evaluate(fs.readFileSync(AXE_PATH, 'utf8'))
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: Element): Promise<{ violations: AxeViolation[] }> } }).axe
      const result = await axe.run(document.querySelector('[data-testid="files-panel"]')!)
      return result.violations.map((violation) => ({
        id: violation.id,
        nodes: violation.nodes.map((node) => ({ target: node.target })),
      }))
    })
    expect(violations).toEqual([])
    // tldraw's image export fetches a data: URL, which the app's CSP (connect-src 'self') refuses;
    // the PNG comes out whole regardless. Anything else thrown on the page is a failure.
    expect(user.errors.filter((error) => error !== 'TypeError: Failed to fetch')).toEqual([])
  })
})
