import type { Browser, BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { newUserPage, openBoard, UI_TIMEOUT_MS, useServerAndBrowser, waitForCanvas } from '../helpers/browser.js'
import type { TestServer } from '../helpers/server.js'

let server: TestServer
let browser: Browser

useServerAndBrowser((started) => ({ server, browser } = started))

/** The home page's budget from issue 10: what a phone on venue Wi-Fi downloads before the form. */
const HOME_PAGE_BUDGET_BYTES = 150_000

interface Transfer {
  url: string
  /** Bytes on the wire (headers and the body as sent, compressed or not). */
  bytes: number
  encoding: string | undefined
}

/** Records what `page` transfers, as Chromium's network layer counts it. */
async function recordTransfers(context: BrowserContext, page: Page): Promise<Transfer[]> {
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  const responses = new Map<string, { url: string; encoding: string | undefined }>()
  const transfers: Transfer[] = []
  cdp.on('Network.responseReceived', ({ requestId, response }) => {
    const headers = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]))
    responses.set(requestId, { url: response.url, encoding: headers['content-encoding'] })
  })
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    const response = responses.get(requestId)
    if (response) transfers.push({ ...response, bytes: encodedDataLength })
  })
  return transfers
}

const total = (transfers: Transfer[]) => transfers.reduce((sum, transfer) => sum + transfer.bytes, 0)
const scripts = (transfers: Transfer[]) => transfers.filter((transfer) => transfer.url.endsWith('.js'))
// Vite names the chunk after its entry module: the board session is the one holding tldraw.
const isCanvasChunk = (url: string) => /\/assets\/BoardSession-[^/]+\.js$/.test(url)

describe('bundles: the home page and the board page load separately, compressed', () => {
  it('the home page loads without the canvas, within its budget, brotli-compressed', async () => {
    const user = await newUserPage(browser)
    const transfers = await recordTransfers(user.context, user.page)
    await user.page.goto(`${server.url}/`)
    await user.page.getByTestId('create-board-form').waitFor()
    await user.page.waitForLoadState('networkidle')
    await user.page.screenshot({ path: '/tmp/tilannekuva-bundles-home.png' })

    expect(scripts(transfers).length).toBeGreaterThan(0)
    expect(transfers.filter((transfer) => isCanvasChunk(transfer.url))).toEqual([])
    for (const script of scripts(transfers)) expect(script.encoding, script.url).toBe('br')
    console.log(`home page transferred ${total(transfers)} bytes in ${transfers.length} responses`)
    expect(total(transfers)).toBeLessThan(HOME_PAGE_BUDGET_BYTES)
    expect(user.errors).toEqual([])
    await user.context.close()
  })

  it(
    'the name prompt shows while the canvas is still downloading; the canvas follows',
    async () => {
      const created = await server.createBoard('Jakotesti')
      const user = await newUserPage(browser)
      const transfers = await recordTransfers(user.context, user.page)
      // Hold the canvas chunk back until the prompt is on screen.
      let release: () => void = () => {}
      const released = new Promise<void>((resolve) => (release = resolve))
      let canvasRequested = false
      await user.page.route(
        (url) => isCanvasChunk(url.href),
        async (route) => {
          canvasRequested = true
          await released
          await route.continue()
        },
      )

      await user.page.goto(`${server.url}${created.links.edit}`)
      const prompt = user.page.getByTestId('name-prompt')
      await prompt.waitFor()
      await user.page.screenshot({ path: '/tmp/tilannekuva-bundles-name-prompt.png' })
      // The download started with the page, in parallel with the prompt.
      await expect.poll(() => canvasRequested).toBe(true)
      expect(await user.page.locator('.tl-canvas').count()).toBe(0)
      await prompt.locator('input[name="displayName"]').fill('Jaana')
      await prompt.locator('select[name="group"]').selectOption('municipality')
      await prompt.getByRole('button').click()
      // Named before the canvas came: the board waits for it, then opens with that name.
      await user.page.getByRole('status').waitFor()
      release()
      await waitForCanvas(user.page)
      await user.page.waitForLoadState('networkidle')
      await user.page.screenshot({ path: '/tmp/tilannekuva-bundles-board.png' })
      const userName = await user.page.evaluate(() => window.__tilannekuva!.editor.user.getName())
      expect(userName).toBe('Jaana')

      const canvasChunk = transfers.find((transfer) => isCanvasChunk(transfer.url))
      expect(canvasChunk?.encoding).toBe('br')
      console.log(
        `board page transferred ${total(transfers)} bytes in ${transfers.length} responses; ` +
          `scripts ${total(scripts(transfers))} bytes`,
      )
      expect(user.errors).toEqual([])
      await user.context.close()
    },
    3 * UI_TIMEOUT_MS,
  )

  it(
    'a board page downloads only the font faces its shapes use, and a face as soon as a shape needs it',
    async () => {
      const created = await server.createBoard('Fonttitesti')
      const user = await newUserPage(browser)
      const transfers = await recordTransfers(user.context, user.page)
      const fonts = () => transfers.filter((transfer) => transfer.url.endsWith('.woff2')).map(({ url }) => url)
      await openBoard(user, `${server.url}${created.links.edit}`, 'Fanni')
      await user.page.waitForLoadState('networkidle')
      // Zones and notes use the system font: none of tldraw's 16 faces (1.3 MB) is needed yet.
      expect(fonts()).toEqual([])

      // A text in tldraw's serif font: its face arrives and the text is drawn with it.
      await user.page.evaluate(() => {
        window.__tilannekuva!.editor.createShape({
          type: 'text',
          x: 200,
          y: 200,
          props: {
            font: 'serif',
            richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Serif' }] }] },
          },
        })
      })
      await expect
        .poll(fonts, { timeout: UI_TIMEOUT_MS })
        .toContainEqual(expect.stringMatching(/IBMPlexSerif-[^/]*\.woff2$/))
      await expect
        .poll(() => user.page.evaluate(() => document.fonts.check('16px tldraw_serif')), { timeout: UI_TIMEOUT_MS })
        .toBe(true)
      expect(fonts().every((url) => /IBMPlexSerif-/.test(url))).toBe(true)
      expect(user.errors).toEqual([])
      await user.context.close()
    },
    3 * UI_TIMEOUT_MS,
  )
})
