import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { openBoardRecords } from '../../shared/boardDocument.js'
import { axeFindings } from '../helpers/axe.js'
import {
  createNoteThroughUi,
  foreignRequests,
  newUserPage,
  notes,
  openBoard,
  UI_TIMEOUT_MS,
  type UserPage,
  useServerAndBrowser,
  waitForCanvas,
} from '../helpers/browser.js'
import type { TestServer } from '../helpers/server.js'
import { connectClient, waitFor, waitForSync, waitForValue } from '../helpers/yclient.js'

let server: TestServer
let browser: Browser

useServerAndBrowser((started) => ({ server, browser } = started))

const noteWithText = (page: Page, text: string) => notes(page).filter({ hasText: text })
const unconfirmed = (page: Page, count: number) =>
  page.locator(`[data-testid="unconfirmed-changes"][data-count="${count}"]`).waitFor()
const phase = (page: Page, name: string) =>
  page.locator(`[data-testid="connection-badge"][data-phase="${name}"]`).waitFor()

/** Waits until the page's board is kept on the device and the app's service worker controls it. */
async function keptOnDevice(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__tilannekuva?.connection.state.get().localCopy.status === 'on')
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
}

/** Names of this origin's IndexedDB databases, as the page sees them. */
const databases = (page: Page) =>
  page.evaluate(async () => (await indexedDB.databases()).map((database) => database.name ?? ''))

/** Screenshots at a laptop's and a phone's size, named `name`. */
async function screenshots(page: Page, name: string): Promise<void> {
  const before = page.viewportSize()
  for (const [width, height, label] of [
    [1440, 900, 'wide'],
    [390, 844, 'phone'],
  ] as const) {
    await page.setViewportSize({ width, height })
    await page.screenshot({ path: `/tmp/tilannekuva-offline-${name}-${label}.png` })
  }
  if (before) await page.setViewportSize(before)
}

describe('offline-first boards', () => {
  it(
    'a board keeps working offline, after a reload too, and its edits reach the others once back',
    async () => {
      const created = await server.createBoard('Junassa')
      const aino = await newUserPage(browser)
      const bertta = await newUserPage(browser)
      await Promise.all([
        openBoard(aino, `${server.url}${created.links.facilitator}`, 'Aino'),
        openBoard(bertta, `${server.url}${created.links.edit}`, 'Bertta'),
      ])
      await keptOnDevice(aino.page)
      await unconfirmed(aino.page, 0)

      await aino.context.setOffline(true)
      await phase(aino.page, 'offline')
      await aino.page.waitForFunction(() => !window.__tilannekuva!.connection.provider.wsconnected)
      await createNoteThroughUi(aino.page, 'Junassa kirjoitettu', { x: 520, y: 320 })
      await unconfirmed(aino.page, 1)
      expect(await aino.page.getByTestId('connection-detail').innerText()).toContain('tallessa tällä laitteella')
      await screenshots(aino.page, 'pending')

      // A reload with no connection: the app comes from the service worker, the board from the device.
      const reloaded = await aino.page.reload()
      expect(reloaded?.fromServiceWorker()).toBe(true)
      await aino.page.locator('.tl-canvas').waitFor()
      await noteWithText(aino.page, 'Junassa kirjoitettu').waitFor()
      await phase(aino.page, 'offline')
      // The device still knows the server has not confirmed it.
      await unconfirmed(aino.page, 1)
      await createNoteThroughUi(aino.page, 'Uudelleenlatauksen jälkeen', { x: 820, y: 320 })
      await unconfirmed(aino.page, 2)
      // Meanwhile Bertta works online.
      await createNoteThroughUi(bertta.page, 'Bertan lappu', { x: 520, y: 520 })
      expect(await noteWithText(bertta.page, 'Junassa kirjoitettu').count()).toBe(0)

      // A board this device never opened cannot open offline, and says why.
      const other = await server.createBoard('Toinen taulu')
      const stranger = await aino.context.newPage()
      await stranger.goto(`${server.url}${other.links.edit}`)
      await stranger.getByRole('heading', { name: 'Taulua ei ole tällä laitteella' }).waitFor()
      await stranger.close()

      await aino.context.setOffline(false)
      await phase(aino.page, 'connected')
      await unconfirmed(aino.page, 0)
      await noteWithText(bertta.page, 'Junassa kirjoitettu').waitFor()
      await noteWithText(bertta.page, 'Uudelleenlatauksen jälkeen').waitFor()
      await noteWithText(aino.page, 'Bertan lappu').waitFor()
      await screenshots(aino.page, 'confirmed')

      expect(foreignRequests([...aino.requests, ...bertta.requests], server.url)).toEqual([])
      expect([...aino.errors, ...bertta.errors]).toEqual([])
      await Promise.all([aino.context.close(), bertta.context.close()])
    },
    8 * UI_TIMEOUT_MS,
  )

  it(
    'with storage disabled the board works online and says offline mode is off',
    async () => {
      const created = await server.createBoard('Ilman tallennusta')
      const user = await newUserPage(browser)
      // As in a browser that refuses this site storage: opening any database throws.
      await user.context.addInitScript(() => {
        IDBFactory.prototype.open = () => {
          throw new DOMException('The user denied permission to access the database.', 'SecurityError')
        }
      })
      await openBoard(user, `${server.url}${created.links.edit}`, 'Ulla')
      const off = user.page.getByTestId('offline-mode-off')
      await off.waitFor()
      expect(await off.innerText()).toBe('Offline-tila pois')
      expect(await off.getAttribute('data-reason')).toBe('unavailable')
      expect(await user.page.getByTestId('connection-detail').innerText()).toContain('toimii vain verkossa')

      // Online everything works, and the server's confirmations still count down.
      await createNoteThroughUi(user.page, 'Tallentuu palvelimelle', { x: 520, y: 320 })
      await unconfirmed(user.page, 0)
      const check = connectClient(server.syncUrl, created.board.id, created.tokens.view)
      await waitForSync(check)
      const records = openBoardRecords(check.doc)
      await waitFor(
        () => [...records.map.values()].some((entry) => JSON.stringify(entry.val).includes('Tallentuu palvelimelle')),
        'the note on the server',
      )
      check.destroy()
      expect(await axeFindings(user.page, '.tk-badges')).toEqual([])
      await screenshots(user.page, 'storage-off')
      expect(user.errors).toEqual([])
      await user.context.close()
    },
    4 * UI_TIMEOUT_MS,
  )

  it(
    'a returning visitor sees what changed since their last visit; forgetting the board clears the device',
    async () => {
      const created = await server.createBoard('Palaava kävijä')
      const olli = await newUserPage(browser)
      await openBoard(olli, `${server.url}${created.links.facilitator}`, 'Olli')
      const onOllisBoard = (script: string) => olli.page.evaluate(script)
      await onOllisBoard(`(() => {
        const editor = window.__tilannekuva.editor
        const note = (id, text, x) => ({ id, type: 'situation-note', x, y: 200, props: { text, category: 'need', categoryChosen: true } })
        editor.createShapes([note('shape:keep', 'Pysyy ennallaan', 300), note('shape:edit', 'Ennen muokkausta', 520), note('shape:gone', 'Poistuu pian', 740)])
      })()`)

      const user: UserPage = await newUserPage(browser)
      await openBoard(user, `${server.url}${created.links.edit}`, 'Paula')
      await user.page.waitForFunction(() => window.__tilannekuva!.editor.getShape('shape:gone' as never) !== undefined)
      await keptOnDevice(user.page)
      // A first visit has nothing to compare with.
      expect(await user.page.getByTestId('since-last-visit').count()).toBe(0)
      // Leaving the board writes down what was seen.
      await user.page.goto(`${server.url}/`)

      await onOllisBoard(`(() => {
        const editor = window.__tilannekuva.editor
        editor.createShape({ id: 'shape:new', type: 'situation-note', x: 300, y: 420, props: { text: 'Tuli poissa ollessa', category: 'need', categoryChosen: true } })
        editor.updateShape({ id: 'shape:edit', type: 'situation-note', props: { text: 'Muokattu poissa ollessa' } })
        editor.deleteShape('shape:gone')
      })()`)
      await unconfirmed(olli.page, 0)

      // Back through the home page's list of the boards on this device.
      const listed = user.page.locator(`[data-testid="device-board"][data-board-id="${created.board.id}"]`)
      await listed.getByRole('link', { name: 'Palaava kävijä' }).click()
      await waitForCanvas(user.page)
      const summary = user.page.getByTestId('since-last-visit')
      await summary.waitFor()
      expect(await summary.getByTestId('since-counts').innerText()).toBe(
        'Uusia lappuja: 1 · muokattuja: 1 · poistettuja: 1',
      )
      expect(await summary.getByTestId('since-added').innerText()).toContain('Tuli poissa ollessa')
      expect(await summary.getByTestId('since-edited').innerText()).toContain('Muokattu poissa ollessa')
      expect(await summary.getByTestId('since-removed').innerText()).toContain('Poistuu pian')
      expect(await summary.innerText()).not.toContain('Pysyy ennallaan')
      expect(await axeFindings(user.page, '[data-testid="since-last-visit"]')).toEqual([])
      await screenshots(user.page, 'since-last-visit')

      // A listed note is shown on the canvas; "show on the canvas" selects every changed one there.
      await summary.getByRole('button', { name: 'Tuli poissa ollessa' }).click()
      const selected = () =>
        user.page.evaluate(() => window.__tilannekuva!.editor.getSelectedShapeIds().map(String).sort())
      await waitForValue(selected, (ids) => ids.join() === 'shape:new', 'the new note selected')
      await summary.getByTestId('since-show-all').click()
      await waitForValue(selected, (ids) => ids.join() === 'shape:edit,shape:new', 'the changed notes selected')

      // Keyboard: Escape from inside the summary dismisses it; once dismissed it stays so.
      await summary.getByTestId('since-dismiss').focus()
      await user.page.keyboard.press('Escape')
      await summary.waitFor({ state: 'detached' })
      await user.page.reload()
      await waitForCanvas(user.page)
      await user.page.waitForTimeout(500)
      expect(await user.page.getByTestId('since-last-visit').count()).toBe(0)

      // Forget this board: its copy, token and entry leave the device.
      await user.page.goto(`${server.url}/`)
      expect(await databases(user.page)).toContain(`tilannekuva-board-${created.board.id}`)
      await listed.getByRole('button', { name: 'Unohda tämä taulu: Palaava kävijä' }).click()
      const dialog = user.page.getByTestId('forget-board-dialog')
      await dialog.waitFor()
      expect(await axeFindings(user.page, '[data-testid="forget-board-dialog"]')).toEqual([])
      expect(await axeFindings(user.page, '[data-testid="device-boards"]')).toEqual([])
      await screenshots(user.page, 'forget-dialog')
      await dialog.getByRole('button', { name: 'Unohda tämä taulu' }).click()
      await user.page.getByTestId('device-forgotten').filter({ hasText: 'Palaava kävijä' }).waitFor()
      await listed.waitFor({ state: 'detached' })
      expect(await databases(user.page)).not.toContain(`tilannekuva-board-${created.board.id}`)
      expect(
        await user.page.evaluate((id) => Object.keys(localStorage).filter((key) => key.includes(id)), created.board.id),
      ).toEqual([])
      await screenshots(user.page, 'forgotten')
      // The address alone opens it no more on this device.
      await user.page.goto(`${server.url}/b/${created.board.id}`)
      await user.page.getByRole('heading', { name: 'Linkki ei ole kelvollinen' }).waitFor()

      expect([...user.errors, ...olli.errors]).toEqual([])
      await Promise.all([user.context.close(), olli.context.close()])
    },
    6 * UI_TIMEOUT_MS,
  )
})
