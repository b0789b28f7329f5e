import fs from 'node:fs'
import { createRequire } from 'node:module'
import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  foreignRequests,
  newUserPage,
  openBoard,
  UI_TIMEOUT_MS,
  type UserPage,
  useServerAndBrowser,
  waitForCanvas,
} from '../helpers/browser.js'
import type { PeopleResponse } from '../../shared/facilitation.js'
import { addNoteFromPalette } from '../helpers/canvas.js'
import type { TestServer } from '../helpers/server.js'

let server: TestServer
let browser: Browser

useServerAndBrowser((started) => ({ server, browser } = started))

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js')
const SCREENSHOTS = '/tmp/tilannekuva-facilitation'

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

const remainingMs = (page: Page) =>
  page
    .getByTestId('timer')
    .getAttribute('data-remaining-ms')
    .then((value) => Number(value))

const camera = (page: Page) =>
  page.evaluate(() => {
    const editor = window.__tilannekuva!.editor
    const center = editor.getViewportPageBounds().center
    return { x: center.x, y: center.y, following: editor.getInstanceState().followingUserId }
  })

const isReadonly = (page: Page) => page.evaluate(() => window.__tilannekuva!.editor.getInstanceState().isReadonly)

const shapeCount = (page: Page) =>
  page.evaluate(
    () =>
      window
        .__tilannekuva!.editor.getCurrentPageShapes()
        .filter((shape) => shape.type !== 'situation-zone' && shape.isLocked === false).length,
  )

/** A facilitator's command straight through the API (what the panel sends), for what a test cannot wait for. */
async function command(boardId: string, token: string, body: object): Promise<void> {
  const response = await fetch(`${server.url}/api/boards/${boardId}/facilitation`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(response.status).toBe(200)
}

/** Who the server says is here, by name. */
async function peopleByName(boardId: string, token: string): Promise<Map<string, PeopleResponse['people'][number]>> {
  const response = await fetch(`${server.url}/api/boards/${boardId}/people`, {
    headers: { authorization: `Bearer ${token}` },
  })
  expect(response.status).toBe(200)
  const body = (await response.json()) as PeopleResponse
  return new Map(body.people.map((person) => [person.name, person]))
}

describe('running a live workshop', () => {
  it(
    'people with their groups, a shared timer, everyone follows the facilitator, freeze, anonymous round; panels pass axe',
    async () => {
      const created = await server.createBoard('Kainuun työpaja')
      const facilitator = await newUserPage(browser)
      await facilitator.page.setViewportSize({ width: 1440, height: 900 })
      const aino = await newUserPage(browser)
      const bertta = await newUserPage(browser)
      const users: UserPage[] = [facilitator, aino, bertta]
      await Promise.all([
        openBoard(facilitator, `${server.url}${created.links.facilitator}`, 'Fanni', 'development_company'),
        openBoard(aino, `${server.url}${created.links.edit}`, 'Aino', 'municipality'),
        openBoard(bertta, `${server.url}${created.links.edit}`, 'Bertta', 'business'),
      ])
      const fac = facilitator.page

      // --- People: the facilitator sees all three, with groups and counts per group.
      await fac.getByTestId('people-button').click()
      const people = fac.getByTestId('people-panel')
      await expect.poll(() => people.getByTestId('person').count(), { timeout: UI_TIMEOUT_MS }).toBe(3)
      const rows = await people.getByTestId('person').allInnerTexts()
      expect(rows.join('\n')).toContain('Aino')
      expect(rows.find((row) => row.includes('Aino'))).toContain('Kunta')
      expect(rows.find((row) => row.includes('Bertta'))).toContain('Yritys')
      expect(rows.find((row) => row.includes('Fanni'))).toContain('Kehittämisyhtiö')
      const counts = people.getByTestId('people-counts')
      for (const group of ['municipality', 'business', 'development_company']) {
        expect(await counts.locator(`[data-group="${group}"] strong`).innerText()).toBe('1')
      }
      // Everyone but yourself can be followed.
      await expect.poll(() => people.getByRole('button', { name: 'Seuraa: Aino' }).isEnabled()).toBe(true)
      expect(await people.getByRole('button', { name: /^Seuraa: Fanni/ }).count()).toBe(0)
      await fac.screenshot({ path: `${SCREENSHOTS}-people-1440.png` })
      expect(await axeFindings(fac, 'people-panel')).toEqual([])

      // Participants do not see the list until the facilitator shows it.
      expect(await aino.page.getByTestId('people-button').count()).toBe(0)
      await fac.getByTestId('facilitation-button').click()
      const panel = fac.getByTestId('facilitation-panel')
      await panel.getByRole('switch', { name: 'Näytä osallistujalista kaikille' }).check()
      await aino.page.getByTestId('people-button').click()
      await expect
        .poll(() => aino.page.getByTestId('people-panel').getByTestId('person').count(), { timeout: UI_TIMEOUT_MS })
        .toBe(3)
      expect(await axeFindings(aino.page, 'people-panel')).toEqual([])
      await aino.page.getByTestId('people-panel').getByRole('button', { name: 'Sulje' }).click()
      expect(await axeFindings(fac, 'facilitation-panel')).toEqual([])

      await fac.screenshot({ path: `${SCREENSHOTS}-panel-idle-1440.png` })

      // --- Timer: ten minutes, counting down alike on every screen (server clock).
      await panel.getByRole('button', { name: '10 min' }).click()
      await Promise.all(users.map((user) => user.page.getByTestId('timer').waitFor()))
      const remaining = await Promise.all(users.map((user) => remainingMs(user.page)))
      expect(Math.max(...remaining) - Math.min(...remaining)).toBeLessThan(2000)
      expect(Math.min(...remaining)).toBeGreaterThan(9 * 60_000)
      expect(await aino.page.getByTestId('timer').innerText()).toMatch(/0?9:5\d|10:00/)
      await fac.screenshot({ path: `${SCREENSHOTS}-panel-1440.png` })

      // A reload keeps the person (their identity is on the device) and shows the right time at once;
      // a second tab of the same browser is the same person too.
      const berttaBefore = (await peopleByName(created.board.id, created.tokens.facilitator)).get('Bertta')
      await bertta.page.reload()
      await waitForCanvas(bertta.page)
      const [afterReload, facilitatorNow] = await Promise.all([remainingMs(bertta.page), remainingMs(fac)])
      expect(Math.abs(afterReload - facilitatorNow)).toBeLessThan(2000)
      const secondTab = await aino.context.newPage()
      await secondTab.goto(`${server.url}${created.links.edit}`)
      await waitForCanvas(secondTab)
      await expect
        .poll(async () => (await peopleByName(created.board.id, created.tokens.facilitator)).get('Aino')?.connections)
        .toBe(2)
      const present = await peopleByName(created.board.id, created.tokens.facilitator)
      expect(present.size).toBe(3)
      expect(present.get('Bertta')?.participantId).toBe(berttaBefore?.participantId)
      await secondTab.close()

      // --- Everyone follows me: participants' views go where the facilitator's goes.
      const facilitatorUserId = await fac.evaluate(() => window.__tilannekuva!.editor.user.getRecordId())
      await panel.getByRole('button', { name: 'Kaikki seuraavat minua' }).click()
      for (const user of [aino, bertta]) {
        await expect
          .poll(async () => (await camera(user.page)).following, { timeout: UI_TIMEOUT_MS })
          .toBe(facilitatorUserId)
      }
      await fac.evaluate(() => {
        const editor = window.__tilannekuva!.editor
        const { x, y, z } = editor.getCamera()
        editor.setCamera({ x: x - 1800, y: y - 900, z })
      })
      const target = await camera(fac)
      for (const user of [aino, bertta]) {
        await expect
          .poll(
            async () => {
              const view = await camera(user.page)
              return Math.hypot(view.x - target.x, view.y - target.y)
            },
            { timeout: UI_TIMEOUT_MS },
          )
          .toBeLessThan(20)
      }
      // Aino steps out (scrolls her own view) and gets a way back.
      await aino.page.mouse.move(700, 400)
      await aino.page.mouse.wheel(0, 300)
      const again = aino.page.getByRole('button', { name: 'Seuraa fasilitaattoria taas' })
      await again.waitFor()
      await aino.page.screenshot({ path: `${SCREENSHOTS}-stepped-out-1280.png` })
      await again.click()
      await expect.poll(async () => (await camera(aino.page)).following).toBe(facilitatorUserId)
      await panel.getByRole('button', { name: 'Vapauta seuraaminen' }).click()
      for (const user of [aino, bertta]) {
        await expect.poll(async () => (await camera(user.page)).following, { timeout: UI_TIMEOUT_MS }).toBeNull()
      }

      // --- Freeze: participants are read-only and their attempts do not persist; the facilitator edits on.
      await panel.getByRole('switch', { name: 'Jäädytä taulu' }).check()
      await expect.poll(() => isReadonly(aino.page), { timeout: UI_TIMEOUT_MS }).toBe(true)
      await aino.page.getByTestId('frozen-banner').waitFor()
      expect(await aino.page.getByTestId('note-palette').count()).toBe(0)
      expect(await isReadonly(fac)).toBe(false)
      const before = await shapeCount(fac)
      await aino.page.locator('.tl-canvas').click({ position: { x: 900, y: 500 } })
      await aino.page.keyboard.press('n')
      await aino.page.mouse.click(900, 500)
      await aino.page.keyboard.type('ei saa jäädä')
      await aino.page.evaluate(() => {
        window.__tilannekuva!.editor.createShape({
          type: 'situation-note',
          x: 0,
          y: 0,
          props: { text: 'ei tämäkään' },
        })
      })
      // Barrier: Aino's later cursor move reaches the facilitator, so anything sent before it has too.
      await aino.page.mouse.move(650, 620, { steps: 3 })
      await fac.locator('.tl-collaborator__cursor').filter({ hasText: 'Aino' }).waitFor()
      expect(await shapeCount(aino.page)).toBe(before)
      expect(await shapeCount(fac)).toBe(before)
      await aino.page.screenshot({ path: `${SCREENSHOTS}-frozen-1280.png` })

      await panel.getByRole('switch', { name: 'Jäädytä taulu' }).uncheck()
      await expect.poll(() => isReadonly(aino.page), { timeout: UI_TIMEOUT_MS }).toBe(false)
      const kept = await addNoteFromPalette(aino.page, 'Lappu', 'Sulatuksen jälkeen')
      await expect
        .poll(() => fac.evaluate((id) => window.__tilannekuva!.editor.getShape(id as never) !== undefined, kept))
        .toBe(true)

      // --- Anonymous round: Bertta's new note carries no author, and says so.
      await panel.getByRole('switch', { name: 'Anonyymi kierros' }).check()
      await bertta.page.getByTestId('anonymous-banner').waitFor()
      const secret = await addNoteFromPalette(bertta.page, 'Lappu', 'Nimetön ajatus')
      await expect
        .poll(() =>
          fac.evaluate((id) => {
            const shape = window.__tilannekuva!.editor.getShape(id as never)
            return shape ? { author: (shape.props as { author: string }).author, meta: shape.meta } : null
          }, secret),
        )
        .toEqual({ author: '', meta: { anonymous: true } })
      await panel.getByRole('switch', { name: 'Anonyymi kierros' }).uncheck()

      // --- The end of a countdown: announced (and chimed, where sound is allowed) for everyone.
      await command(created.board.id, created.tokens.facilitator, { type: 'timerReset' })
      await command(created.board.id, created.tokens.facilitator, { type: 'timerStart', durationMs: 2000 })
      await expect
        .poll(() => bertta.page.getByTestId('timer-announcement').innerText(), { timeout: UI_TIMEOUT_MS })
        .toBe('Aika päättyi.')
      expect(await bertta.page.getByTestId('timer').innerText()).toContain('00:00')

      // --- The facilitator on a phone (touch, 390×844): both panels fit and pass axe.
      const phoneContext = await browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        deviceScaleFactor: 2,
        locale: 'fi-FI',
      })
      const phonePage = await phoneContext.newPage()
      const phone: UserPage = { context: phoneContext, page: phonePage, requests: [], errors: [] }
      phonePage.on('pageerror', (error) => phone.errors.push(String(error)))
      // The name prompt asks the group too; submitted empty, both fields say what is missing.
      await phonePage.goto(`${server.url}${created.links.facilitator}`)
      const prompt = phonePage.getByTestId('name-prompt')
      await prompt.getByRole('button', { name: 'Jatka' }).tap()
      await prompt.getByText('Valitse edustamasi taho').waitFor()
      expect(await prompt.getByLabel('Nimesi').getAttribute('aria-invalid')).toBe('true')
      expect(await prompt.getByLabel('Edustamasi taho').getAttribute('aria-invalid')).toBe('true')
      await phonePage.screenshot({ path: `${SCREENSHOTS}-name-prompt-390.png` })
      expect(await axeFindings(phonePage, 'name-prompt')).toEqual([])
      await prompt.getByLabel('Nimesi').fill('Fanni puhelimella')
      await prompt.getByLabel('Edustamasi taho').selectOption('development_company')
      await prompt.getByRole('button', { name: 'Jatka' }).tap()
      await waitForCanvas(phonePage)
      await phonePage.getByTestId('facilitation-button').tap()
      await phonePage.getByTestId('facilitation-panel').waitFor()
      await phonePage.screenshot({ path: `${SCREENSHOTS}-panel-390.png` })
      expect(await axeFindings(phonePage, 'facilitation-panel')).toEqual([])
      // On a phone a panel is a sheet over the whole screen: closed from its own button first.
      await phonePage.getByTestId('facilitation-panel').getByRole('button', { name: 'Sulje' }).tap()
      await phonePage.getByTestId('facilitation-panel').waitFor({ state: 'detached' })
      await phonePage.getByTestId('people-button').tap()
      await expect.poll(() => phonePage.getByTestId('people-panel').getByTestId('person').count()).toBe(4)
      await phonePage.screenshot({ path: `${SCREENSHOTS}-people-390.png` })
      expect(await axeFindings(phonePage, 'people-panel')).toEqual([])

      expect(
        foreignRequests(
          users.flatMap((user) => user.requests),
          server.url,
        ),
      ).toEqual([])
      expect([...users.flatMap((user) => user.errors), ...phone.errors]).toEqual([])
      await Promise.all([...users.map((user) => user.context.close()), phoneContext.close()])
    },
    12 * UI_TIMEOUT_MS,
  )
})
