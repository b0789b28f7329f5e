import fs from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { axeFindings } from '../helpers/axe.js'
import { newUserPage, openBoard, UI_TIMEOUT_MS, type UserPage, useServerAndBrowser } from '../helpers/browser.js'
import type { TestServer } from '../helpers/server.js'

let server: TestServer
let browser: Browser

useServerAndBrowser((started) => ({ server, browser } = started))

const SCREENSHOTS = '/tmp/tilannekuva-history'

async function importNotes(boardId: string, token: string, rows: object[]): Promise<void> {
  const response = await fetch(`${server.url}/api/boards/${boardId}/notes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(rows),
  })
  expect(response.status).toBe(201)
}

/** Whether the element is visible and on top at its centre: nothing (a panel, a sheet) covers it. */
const uncovered = (page: Page, testId: string) =>
  page.evaluate((id) => {
    const element = document.querySelector(`[data-testid="${id}"]`)
    if (!element) return false
    const box = element.getBoundingClientRect()
    if (box.width === 0 || box.bottom > window.innerHeight || box.right > window.innerWidth) return false
    const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)
    return top !== null && element.contains(top)
  }, testId)

const focusedTestId = (page: Page) =>
  page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? null)

/** The texts of the structured notes in the page's live editor (the board, not the viewer). */
const liveTexts = (page: Page) =>
  page.evaluate(() =>
    window
      .__tilannekuva!.editor.getCurrentPageShapes()
      .filter((shape) => shape.type === 'situation-note')
      .map((shape) => (shape.props as { text: string }).text)
      .sort(),
  )

describe('version history in the browser', () => {
  it('opens an old version read-only while the live board is unchanged, shows the changes, and a restore reaches a second page', async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true })
    const created = await server.createBoard('Historia')
    const boardId = created.board.id
    await importNotes(boardId, created.tokens.facilitator, [
      { category: 'need', text: 'Osaajapula' },
      { category: 'strength', text: 'Vahva yliopisto' },
    ])
    const facilitator = await newUserPage(browser)
    const participant = await newUserPage(browser)
    await facilitator.page.setViewportSize({ width: 1440, height: 900 })
    await openBoard(facilitator, `${server.url}${created.links.facilitator}`, 'Fanni')
    await openBoard(participant, `${server.url}${created.links.edit}`, 'Pekka')
    const page = facilitator.page

    // Keyboard: the header button opens the panel, Enter in the name field saves the version.
    await page.getByTestId('history-button').focus()
    await page.keyboard.press('Enter')
    const panel = page.getByTestId('history-panel')
    await panel.waitFor()
    await panel.getByText('Versioita ei ole vielä.', { exact: false }).waitFor()
    await page.getByTestId('version-name').focus()
    await page.keyboard.type('Työpaja 1')
    await page.keyboard.press('Enter')
    await panel.getByTestId('version').filter({ hasText: 'Työpaja 1' }).waitFor()
    await page.getByTestId('history-message').getByText('Versio ”Työpaja 1” tallennettu.').waitFor()
    expect(await axeFindings(page, '[data-testid="history-panel"]')).toEqual([])
    await page.screenshot({ path: `${SCREENSHOTS}/1-panel-1440.png` })

    // After the workshop someone adds a note.
    await importNotes(boardId, created.tokens.edit, [{ category: 'action', text: 'Lisätty myöhemmin' }])
    const three = ['Lisätty myöhemmin', 'Osaajapula', 'Vahva yliopisto']
    await expect.poll(() => liveTexts(page), { timeout: UI_TIMEOUT_MS }).toEqual(three)
    await expect.poll(() => liveTexts(participant.page), { timeout: UI_TIMEOUT_MS }).toEqual(three)

    // The old version, read-only on a canvas of its own.
    await panel.getByTestId('version-view').first().click()
    const viewer = page.getByTestId('version-viewer')
    await viewer.waitFor()
    const viewerNotes = viewer.locator('.tl-shape[data-shape-type="situation-note"]')
    await expect.poll(() => viewerNotes.count(), { timeout: UI_TIMEOUT_MS }).toBe(2)
    expect(await viewer.textContent()).not.toContain('Lisätty myöhemmin')
    // The panel steps aside: the banner and its controls are whole and on top, the keyboard at the way back.
    expect(await panel.count()).toBe(0)
    expect(await uncovered(page, 'version-viewer-close')).toBe(true)
    expect(await uncovered(page, 'version-viewer-restore')).toBe(true)
    expect(await focusedTestId(page)).toBe('version-viewer-close')
    // Deleting in the viewer does nothing: it is read-only, and not the board.
    await page.screenshot({ path: `${SCREENSHOTS}/2-version-read-only-1440.png` })
    await viewer.locator('.tl-canvas').click({ position: { x: 40, y: 300 } })
    await page.keyboard.press('Control+a')
    await page.keyboard.press('Delete')
    await expect.poll(() => viewerNotes.count()).toBe(2)
    expect(await liveTexts(page)).toEqual(three)
    expect(await liveTexts(participant.page)).toEqual(three)
    expect(await axeFindings(page, '.tk-version-banner')).toEqual([])
    // Escape leads back to the live board and the panel, the keyboard at the version's Open button.
    await page.getByTestId('version-viewer-close').focus()
    await page.keyboard.press('Escape')
    await viewer.waitFor({ state: 'detached' })
    await panel.waitFor()
    expect(await focusedTestId(page)).toBe('version-view')

    // What changed since the version: the summary by category and a frame on the canvas.
    await panel.getByTestId('version-changes').first().click()
    const summary = panel.getByTestId('changes-summary')
    await summary.waitFor()
    expect(await summary.textContent()).toContain('Lisätty (1)Lisätty myöhemmin')
    const frames = page.locator('[data-testid="changes-overlay"] [data-change="added"]')
    await expect.poll(() => frames.count()).toBe(1)
    expect(await axeFindings(page, '[data-testid="history-panel"]')).toEqual([])
    await page.screenshot({ path: `${SCREENSHOTS}/3-changes-1440.png` })
    await panel.getByTestId('changes-highlight').press('Space')
    await expect.poll(() => page.getByTestId('changes-overlay').count()).toBe(0)

    // Restore, after a confirmation: Escape cancels, the second time it goes through.
    await panel.getByTestId('version-restore').first().click()
    const dialog = page.getByTestId('restore-dialog')
    await dialog.waitFor()
    expect(await axeFindings(page, '[data-testid="restore-dialog"]')).toEqual([])
    await page.screenshot({ path: `${SCREENSHOTS}/4-confirm-1440.png` })
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    expect(await liveTexts(participant.page)).toEqual(three)
    await panel.getByTestId('version-restore').first().click()
    await dialog.getByRole('button', { name: 'Palauta versio' }).click()
    const two = ['Osaajapula', 'Vahva yliopisto']
    await expect.poll(() => liveTexts(participant.page), { timeout: UI_TIMEOUT_MS }).toEqual(two)
    await expect.poll(() => liveTexts(page), { timeout: UI_TIMEOUT_MS }).toEqual(two)
    await panel.getByTestId('version').filter({ hasText: 'Ennen palautusta' }).waitFor()
    await participant.page.screenshot({ path: `${SCREENSHOTS}/5-restored-on-second-page.png` })

    // Two versions compared: from the named one to the board as it was just before the restore.
    await panel.locator('[data-testid="version"][data-kind="named"]').getByTestId('version-changes').click()
    // The restore put the board back as the named version was: nothing changed since it.
    await panel.getByTestId('history-changes').getByText('Ei muutoksia.').waitFor()
    const beforeRestoreLabel = await panel
      .locator('[data-testid="version"][data-kind="before-restore"] .tk-version-label')
      .textContent()
    await panel.getByTestId('changes-compare-to').selectOption({ label: beforeRestoreLabel! })
    await expect.poll(() => summary.textContent(), { timeout: UI_TIMEOUT_MS }).toContain('Lisätty (1)Lisätty myöhemmin')
    expect(await panel.getByTestId('history-changes').locator('h3').textContent()).toContain('Ennen palautusta')
    // Frames belong to the live canvas: none for two versions, and no memo button (it is made of the live board).
    expect(await page.getByTestId('changes-overlay').count()).toBe(0)
    expect(await panel.getByTestId('changes-memo').count()).toBe(0)
    expect(await axeFindings(page, '[data-testid="history-panel"]')).toEqual([])
    await page.screenshot({ path: `${SCREENSHOTS}/5b-two-versions-1440.png` })
    // Back to the live board: the memo with a "changes since" section downloads as a PDF.
    await panel.getByTestId('changes-compare-to').selectOption('live')
    await panel.getByTestId('changes-memo').waitFor()
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      panel.getByTestId('changes-memo').click(),
    ])
    expect(download.suggestedFilename()).toMatch(/\.pdf$/)
    const pdf = fs.readFileSync((await download.path())!)
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')

    // On a touch phone (390×844): the panel is a sheet over the board; opening a version puts it
    // aside so the viewer's banner, with the way back and the restore, stays in reach.
    const phoneContext = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
      locale: 'fi-FI',
    })
    const phone: UserPage = { context: phoneContext, page: await phoneContext.newPage(), requests: [], errors: [] }
    phone.page.on('pageerror', (error) => phone.errors.push(String(error)))
    await openBoard(phone, `${server.url}${created.links.facilitator}`, 'Fanni puhelimella')
    const phonePage = phone.page
    await phonePage.getByTestId('history-button').tap()
    const phonePanel = phonePage.getByTestId('history-panel')
    await phonePanel.getByTestId('version').filter({ hasText: 'Ennen palautusta' }).waitFor()
    await phonePage.screenshot({ path: `${SCREENSHOTS}/6-panel-390.png` })
    expect(await axeFindings(phonePage, '[data-testid="history-panel"]')).toEqual([])
    await phonePanel.locator('[data-testid="version"][data-kind="named"]').getByTestId('version-view').tap()
    const phoneViewer = phonePage.getByTestId('version-viewer')
    await phoneViewer.waitFor()
    await expect
      .poll(() => phoneViewer.locator('.tl-shape[data-shape-type="situation-note"]').count(), {
        timeout: UI_TIMEOUT_MS,
      })
      .toBe(2)
    expect(await phonePanel.count()).toBe(0)
    expect(await uncovered(phonePage, 'version-viewer-close')).toBe(true)
    expect(await uncovered(phonePage, 'version-viewer-restore')).toBe(true)
    expect(await axeFindings(phonePage, '.tk-version-banner')).toEqual([])
    await phonePage.screenshot({ path: `${SCREENSHOTS}/7-version-read-only-390.png` })
    // The banner's restore asks first; cancelled, the version is still shown.
    await phonePage.getByTestId('version-viewer-restore').tap()
    const phoneDialog = phonePage.getByTestId('restore-dialog')
    await phoneDialog.waitFor()
    expect(await axeFindings(phonePage, '[data-testid="restore-dialog"]')).toEqual([])
    await phonePage.screenshot({ path: `${SCREENSHOTS}/8-confirm-from-viewer-390.png` })
    await phoneDialog.getByRole('button', { name: 'Peruuta' }).tap()
    await phoneDialog.waitFor({ state: 'detached' })
    expect(await uncovered(phonePage, 'version-viewer-close')).toBe(true)
    // Back to the live board: the panel returns, the live notes are as they were.
    await phonePage.getByTestId('version-viewer-close').tap()
    await phoneViewer.waitFor({ state: 'detached' })
    await phonePanel.waitFor()
    await phonePage.screenshot({ path: `${SCREENSHOTS}/9-back-to-panel-390.png` })
    expect(await liveTexts(phonePage)).toEqual(two)
    expect(phone.errors).toEqual([])
    await phoneContext.close()
    expect(facilitator.errors).toEqual([])
    expect(participant.errors).toEqual([])
    await facilitator.context.close()
    await participant.context.close()
  }, 120_000)
})
