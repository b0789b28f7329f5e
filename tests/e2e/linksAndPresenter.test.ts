import fs from 'node:fs'
import { createRequire } from 'node:module'
import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { JOIN_CODE_PATTERN } from '../../shared/facilitation.js'
import {
  enterNameIfAsked,
  foreignRequests,
  newUserPage,
  openBoard,
  UI_TIMEOUT_MS,
  useServerAndBrowser,
  waitForCanvas,
} from '../helpers/browser.js'
import type { TestServer } from '../helpers/server.js'

let server: TestServer
let browser: Browser

useServerAndBrowser((started) => ({ server, browser } = started))

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js')
const SHOTS = '/tmp/tilannekuva-links'

interface AxeViolation {
  id: string
  impact: string | null
  nodes: { target: string[] }[]
}

/** Serious and critical axe-core violations inside `selector` (minor ones are printed, not failed). */
async function axeViolations(page: Page, selector: string): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: the app's CSP rightly refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(fs.readFileSync(AXE_PATH, 'utf8'))
  const violations = await page.evaluate(async (within) => {
    const axe = (window as unknown as { axe: { run(context: Element): Promise<{ violations: AxeViolation[] }> } }).axe
    const result = await axe.run(document.querySelector(within)!)
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      nodes: violation.nodes.map((node) => ({ target: node.target })),
    }))
  }, selector)
  const minor = violations.filter((violation) => violation.impact !== 'serious' && violation.impact !== 'critical')
  if (minor.length > 0) console.log(`axe (${selector}), minor:`, JSON.stringify(minor))
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
}

async function shoot(page: Page, name: string, sizes: { width: number; height: number }[]): Promise<void> {
  const original = page.viewportSize()
  for (const size of sizes) {
    await page.setViewportSize(size)
    // Let layout and tldraw's resize settle before the picture.
    await page.waitForTimeout(300)
    await page.screenshot({ path: `${SHOTS}/${name}-${size.width}x${size.height}.png` })
  }
  if (original) await page.setViewportSize(original)
}

const DESKTOP = { width: 1440, height: 900 }
const PHONE = { width: 390, height: 844 }
const PROJECTOR = { width: 1920, height: 1080 }

/** Where /j/<code> sends a browser, without following it. */
async function joinRedirect(link: string): Promise<{ status: number; location: string | null }> {
  const response = await fetch(link, { redirect: 'manual' })
  return { status: response.status, location: response.headers.get('location') }
}

describe('links on any facilitator device, rotation and the presenter view', () => {
  it(
    'a facilitator device that did not create the board shows the links; rotating the edit link revokes a participant who joined by the short link; the presenter view shows its QR code',
    async () => {
      fs.mkdirSync(SHOTS, { recursive: true })
      // Made through the API: no browser here has the links the home page would keep.
      const created = await server.createBoard('Pohjois-Savon tilannekuva 2026')
      const boardId = created.board.id
      const facilitator = await newUserPage(browser)
      const { page } = facilitator
      // The presenter view's QR code and the dialogs must live within the app's CSP.
      const cspViolations: string[] = []
      page.on('console', (message) => {
        if (message.text().includes('Content Security Policy')) cspViolations.push(message.text())
      })
      await openBoard(facilitator, `${server.url}${created.links.facilitator}`, 'Fasilitaattori Fanni')
      expect(await page.evaluate((id) => localStorage.getItem(`tilannekuva.shareLinks.${id}`), boardId)).toBeNull()

      await page.getByTestId('share-button').click()
      const share = page.getByTestId('share-links')
      const linkOf = (id: string) => share.getByTestId(`share-${id}`).locator('input')
      await linkOf('join').waitFor()
      expect(await linkOf('edit').inputValue()).toBe(`${server.url}${created.links.edit}`)
      expect(await linkOf('view').inputValue()).toBe(`${server.url}${created.links.view}`)
      const oldJoin = await linkOf('join').inputValue()
      const oldCode = new URL(oldJoin).pathname.replace('/j/', '')
      expect(oldJoin).toBe(`${server.url}/j/${oldCode}`)
      expect(oldCode).toMatch(JOIN_CODE_PATTERN)
      expect(await axeViolations(page, '[data-testid="share-links"]')).toEqual([])
      await shoot(page, '1-share-panel', [DESKTOP, PHONE])

      // A participant scans the QR code: /j/<code> → the board, as an editor, the code gone from the address bar.
      const participant = await newUserPage(browser)
      await participant.page.goto(oldJoin)
      await enterNameIfAsked(participant.page, 'Osallistuja Olli')
      await waitForCanvas(participant.page)
      expect(await participant.page.getByTestId('role-badge').innerText()).toBe('Muokkaaja')
      expect(participant.page.url()).toBe(`${server.url}/b/${boardId}`)
      const rememberedToken = (user: typeof participant) =>
        user.page.evaluate((id) => localStorage.getItem(`tilannekuva.token.${id}`), boardId)
      expect(await rememberedToken(participant)).toBe(oldCode)

      // Rotate the edit link: first cancelled with Escape (focus back on the button), then confirmed.
      const rotateEdit = share.getByTestId('rotate-edit')
      await rotateEdit.click()
      const confirm = page.getByTestId('rotate-confirm')
      await confirm.waitFor()
      expect(await confirm.getAttribute('role')).toBe('alertdialog')
      expect(await confirm.innerText()).toContain('yhteys katkeaa')
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Peruuta')
      expect(await axeViolations(page, '[data-testid="rotate-confirm"]')).toEqual([])
      await shoot(page, '2-confirm-rotate', [DESKTOP, PHONE])
      await page.keyboard.press('Escape')
      await confirm.waitFor({ state: 'detached' })
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('rotate-edit')
      expect(await rotateEdit.isVisible()).toBe(true)

      await rotateEdit.click()
      const revokedAt = Date.now()
      await confirm.getByRole('button', { name: 'Vaihda linkki' }).click()
      await share.getByTestId('share-status').filter({ hasText: 'Uusi linkki on valmis' }).waitFor()
      const newJoin = await linkOf('join').inputValue()
      expect(newJoin).not.toBe(oldJoin)
      expect(await linkOf('edit').inputValue()).not.toBe(`${server.url}${created.links.edit}`)
      expect(await linkOf('view').inputValue()).toBe(`${server.url}${created.links.view}`)

      // The participant is told, on a page of its own, within a few seconds; the device forgets the code.
      const revoked = participant.page.getByTestId('error-page')
      await revoked.waitFor({ timeout: 5_000 })
      console.log(`link-revoked page shown ${Date.now() - revokedAt} ms after the confirmation`)
      expect(await revoked.getByRole('heading').innerText()).toBe('Linkki on vaihdettu')
      expect(await revoked.innerText()).toContain('Fasilitaattori vaihtoi tämän taulun linkin')
      expect(await participant.page.locator('.tl-canvas').count()).toBe(0)
      expect(await rememberedToken(participant)).toBeNull()
      await shoot(participant.page, '3-link-revoked', [DESKTOP, PHONE])
      // No reconnecting behind the page.
      const sockets = () => participant.requests.filter((url) => url.startsWith('ws://')).length
      const socketsAfter = sockets()
      await participant.page.waitForTimeout(1_500)
      expect(sockets()).toBe(socketsAfter)

      // The old short link opens nothing; the new one leads to the board.
      expect((await joinRedirect(oldJoin)).status).toBe(404)
      // A browser lands on a page that says the join link works no more.
      await participant.page.goto(oldJoin)
      expect(new URL(participant.page.url()).pathname).toBe('/join-invalid')
      await participant.page.getByRole('heading', { name: 'Liittymislinkki ei toimi' }).waitFor()
      expect(await participant.page.locator('.tl-canvas').count()).toBe(0)
      const fresh = await joinRedirect(newJoin)
      expect(fresh.status).toBe(302)
      expect(fresh.location).toContain(`/b/${boardId}#token=`)

      // The facilitator was not disconnected.
      expect(await page.getByTestId('connection-badge').getAttribute('data-phase')).toBe('connected')

      // Presenter view: the title, a large QR code of the new join link and the link in big type.
      await share.getByTestId('presenter-button').click()
      const presenter = page.getByTestId('presenter-view')
      await presenter.waitFor()
      await page.setViewportSize(DESKTOP)
      const readable = newJoin.replace(/^https?:\/\//, '')
      expect(await presenter.getByTestId('presenter-link').innerText()).toContain(readable.slice(-14))
      expect((await presenter.getByTestId('presenter-link').textContent()) ?? '').toBe(readable)
      expect(await presenter.getByRole('heading').innerText()).toBe('Pohjois-Savon tilannekuva 2026')
      const qr = presenter.getByTestId('presenter-qr')
      expect(await qr.getAttribute('aria-label')).toBe(`QR-koodi osoitteeseen ${readable}`)
      const box = (await qr.boundingBox())!
      expect(box.width).toBeGreaterThanOrEqual(500)
      expect(box.height).toBeGreaterThanOrEqual(500)
      expect(((await qr.locator('path').getAttribute('d')) ?? '').length).toBeGreaterThan(500)
      expect(await axeViolations(page, '[data-testid="presenter-view"]')).toEqual([])
      await shoot(page, '4-presenter', [DESKTOP, PROJECTOR, PHONE])
      await page.keyboard.press('Escape')
      await presenter.waitFor({ state: 'detached' })
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('presenter-button')

      // The view link by keyboard alone: a viewer is revoked too.
      const viewer = await newUserPage(browser)
      await openBoard(viewer, `${server.url}${created.links.view}`, 'Katselija Kaisa')
      await share.getByTestId('rotate-view').focus()
      await page.keyboard.press('Enter')
      await confirm.waitFor()
      await page.keyboard.press('Tab')
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Vaihda linkki')
      await page.keyboard.press('Enter')
      await share.getByTestId('share-status').filter({ hasText: 'Uusi linkki on valmis' }).waitFor()
      expect(await linkOf('view').inputValue()).not.toBe(`${server.url}${created.links.view}`)
      await viewer.page.getByRole('heading', { name: 'Linkki on vaihdettu' }).waitFor({ timeout: 5_000 })

      const everyone = [facilitator, participant, viewer]
      expect(
        foreignRequests(
          everyone.flatMap((user) => user.requests),
          server.url,
        ),
      ).toEqual([])
      // Tokens and codes travel in fragments and headers; the websocket's own query is the known exception.
      const httpWithSecrets = everyone
        .flatMap((user) => user.requests)
        .filter((url) => url.startsWith('http') && (url.includes('token=') || url.includes(newJoin.slice(-14))))
      expect(httpWithSecrets).toEqual([])
      expect(everyone.flatMap((user) => user.errors)).toEqual([])
      expect(cspViolations).toEqual([])
      await Promise.all(everyone.map((user) => user.context.close()))
    },
    8 * UI_TIMEOUT_MS,
  )

  it(
    'an old board whose links the server never kept: the panel says so and offers rotation, which brings the links',
    async () => {
      const created = await server.createBoard('Vanha taulu')
      const boards = server.app.boards
      const links = boards.links.bind(boards)
      // As for a board made before links were sealed (the server answers links: null).
      boards.links = async () => null
      const facilitator = await newUserPage(browser)
      const { page } = facilitator
      try {
        await openBoard(facilitator, `${server.url}${created.links.facilitator}`, 'Fasilitaattori Fanni')
        await page.getByTestId('share-button').click()
        const share = page.getByTestId('share-links')
        await share.getByTestId('share-no-links').waitFor()
        expect(await share.getByTestId('share-edit').innerText()).toContain('näytetään vain laitteella')
        expect(await share.getByTestId('share-join').count()).toBe(0)
        expect(await share.getByTestId('presenter-button').isDisabled()).toBe(true)
        expect(await axeViolations(page, '[data-testid="share-links"]')).toEqual([])
        await shoot(page, '5-old-board', [DESKTOP, PHONE])

        await share.getByTestId('rotate-edit').click()
        await page.getByTestId('rotate-confirm').getByRole('button', { name: 'Vaihda linkki' }).click()
        await share.getByTestId('share-join').locator('input').waitFor()
        expect(await share.getByTestId('presenter-button').isDisabled()).toBe(false)
        expect(facilitator.errors).toEqual([])
      } finally {
        boards.links = links
        await facilitator.context.close()
      }
    },
    4 * UI_TIMEOUT_MS,
  )
})
