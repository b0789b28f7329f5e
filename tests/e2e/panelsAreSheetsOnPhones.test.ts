import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { axeFindings } from '../helpers/axe.js'
import {
  foreignRequests,
  openBoard,
  UI_TIMEOUT_MS,
  type UserPage,
  useServerAndBrowser,
  waitForCanvas,
} from '../helpers/browser.js'
import type { TestServer } from '../helpers/server.js'

let server: TestServer
let browser: Browser

useServerAndBrowser((started) => ({ server, browser } = started))

const SCREENSHOTS = '/tmp/tilannekuva-phone-panels'
const PHONE = { width: 390, height: 844 }

/** Every panel a facilitator opens from the board's header: its button and the panel's test id. */
const PANELS = [
  ['facilitation-button', 'facilitation-panel'],
  ['people-button', 'people-panel'],
  ['voting-button', 'voting-panel'],
  ['files-button', 'files-panel'],
  ['share-button', 'share-links'],
  ['history-button', 'history-panel'],
] as const

const box = async (page: Page, testId: string) => {
  const bounds = await page.getByTestId(testId).boundingBox()
  if (!bounds) throw new Error(`${testId} is not shown`)
  return bounds
}

describe('panels on a phone', () => {
  it(
    'each header panel opens as a sheet over the whole screen, its close button at the top even when scrolled',
    async () => {
      const created = await server.createBoard('Kainuun työpaja')
      const context = await browser.newContext({
        viewport: PHONE,
        isMobile: true,
        hasTouch: true,
        deviceScaleFactor: 2,
        locale: 'fi-FI',
      })
      context.setDefaultTimeout(UI_TIMEOUT_MS)
      const user: UserPage = { context, page: await context.newPage(), requests: [], errors: [] }
      const { page } = user
      page.on('request', (request) => user.requests.push(request.url()))
      page.on('pageerror', (error) => user.errors.push(String(error)))
      await openBoard(user, `${server.url}${created.links.facilitator}`, 'Fanni')
      await waitForCanvas(page)

      for (const [buttonId, panelId] of PANELS) {
        await page.getByTestId(buttonId).tap()
        const panel = page.getByTestId(panelId)
        await panel.waitFor()
        // The sheet covers the screen edge to edge (the header's buttons are under it).
        const sheet = await page.locator('.tk-header-panel').boundingBox()
        expect(sheet, panelId).toEqual({ x: 0, y: 0, width: PHONE.width, height: PHONE.height })
        expect((await box(page, panelId)).width, panelId).toBe(PHONE.width)
        const close = panel.locator(':scope > header button')
        const atTop = async () => {
          const bounds = await close.boundingBox()
          return (
            bounds !== null && bounds.y >= 0 && bounds.y + bounds.height <= 80 && bounds.x + bounds.width <= PHONE.width
          )
        }
        expect(await atTop(), `${panelId} close button at the top`).toBe(true)
        await page.screenshot({ path: `${SCREENSHOTS}-${panelId}-390.png` })
        // Scrolled to its end, the close button is still at the top.
        await page.locator('.tk-header-panel').evaluate((sheet) => sheet.scrollTo(0, sheet.scrollHeight))
        expect(await atTop(), `${panelId} close button after scrolling`).toBe(true)
        await page.screenshot({ path: `${SCREENSHOTS}-${panelId}-scrolled-390.png` })
        expect(await axeFindings(page, `[data-testid="${panelId}"]`), panelId).toEqual([])
        await close.tap()
        await panel.waitFor({ state: 'detached' })
      }

      // A panel taller than the screen (a phone held sideways, 390 px high) scrolls inside its
      // sheet, and its close button stays at the top.
      await page.setViewportSize({ width: PHONE.width, height: 390 })
      await page.getByTestId('facilitation-button').tap()
      const sheet = page.locator('.tk-header-panel')
      await page.getByTestId('facilitation-panel').waitFor()
      expect(await sheet.evaluate((element) => element.scrollHeight > element.clientHeight + 50)).toBe(true)
      await sheet.evaluate((element) => element.scrollTo(0, element.scrollHeight))
      await expect.poll(() => sheet.evaluate((element) => element.scrollTop)).toBeGreaterThan(50)
      const closeAfterScroll = await page
        .getByTestId('facilitation-panel')
        .locator(':scope > header button')
        .boundingBox()
      expect(closeAfterScroll!.y).toBeGreaterThanOrEqual(0)
      expect(closeAfterScroll!.y + closeAfterScroll!.height).toBeLessThanOrEqual(80)
      await page.screenshot({ path: `${SCREENSHOTS}-facilitation-panel-scrolled-390x390.png` })
      await page.getByTestId('facilitation-panel').locator(':scope > header button').tap()
      await page.getByTestId('facilitation-panel').waitFor({ state: 'detached' })

      // At laptop size the panels still drop down beside the header, not over the whole screen.
      await page.setViewportSize({ width: 1440, height: 900 })
      await page.getByTestId('people-button').click()
      const laptopPanel = await box(page, 'people-panel')
      expect(laptopPanel.width).toBeLessThan(700)
      expect(laptopPanel.y).toBeGreaterThan(30)

      expect(foreignRequests(user.requests, server.url)).toEqual([])
      expect(user.errors).toEqual([])
      await context.close()
    },
    6 * UI_TIMEOUT_MS,
  )
})
