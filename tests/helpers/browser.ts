import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js'
import { startTestServer, type TestServer } from './server.js'

/** Generous: two browsers and the server share two cores in CI. */
export const UI_TIMEOUT_MS = 20_000

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS })
}

export interface UserPage {
  context: BrowserContext
  page: Page
  /** Every URL the page asked for (HTTP requests and websockets), in order. */
  requests: string[]
  /** Uncaught page errors. */
  errors: string[]
}

/**
 * A fresh browser context (its own localStorage: a different person) with one page that records
 * every request it makes.
 */
export async function newUserPage(browser: Browser): Promise<UserPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fi-FI' })
  context.setDefaultTimeout(UI_TIMEOUT_MS)
  const page = await context.newPage()
  const requests: string[] = []
  const errors: string[] = []
  page.on('request', (request) => requests.push(request.url()))
  page.on('websocket', (socket) => requests.push(socket.url()))
  page.on('pageerror', (error) => errors.push(String(error)))
  return { context, page, requests, errors }
}

/**
 * Answers the first-visit name prompt, if it is shown, with `name` and a stakeholder group
 * (`group`, or "prefer not to say" when the test does not care).
 */
export async function enterNameIfAsked(page: Page, name: string, group = 'undisclosed'): Promise<void> {
  const prompt = page.getByTestId('name-prompt')
  const canvas = page.locator('.tl-canvas')
  await prompt.or(canvas).first().waitFor()
  if (await prompt.isVisible()) {
    await prompt.locator('input[name="displayName"]').fill(name)
    await prompt.locator('select[name="group"]').selectOption(group)
    await prompt.getByRole('button').click()
  }
}

/** Opens a board link as a person called `name` and waits until the synced canvas is shown. */
export async function openBoard(user: UserPage, link: string, name: string, group?: string): Promise<void> {
  await user.page.goto(link)
  await enterNameIfAsked(user.page, name, group)
  await waitForCanvas(user.page)
}

export async function waitForCanvas(page: Page): Promise<void> {
  await page.locator('.tl-canvas').waitFor()
  await page.getByTestId('connection-badge').and(page.locator('[data-phase="connected"]')).waitFor()
  await page.waitForFunction(() => window.__tilannekuva?.editor !== undefined)
}

/** Our structured notes on the canvas, by their DOM (what a person sees). */
export function notes(page: Page) {
  return page.locator('.tl-shape[data-shape-type="situation-note"]')
}

/** Makes a note the way a person does: note tool (N), click the canvas, type, Escape. */
export async function createNoteThroughUi(page: Page, text: string, at: { x: number; y: number }): Promise<void> {
  // Left, below the note palette: an empty spot of the canvas, to give it the keyboard.
  await page.locator('.tl-canvas').click({ position: { x: 20, y: 620 } })
  await page.keyboard.press('n')
  await page.mouse.click(at.x, at.y)
  // A new note opens its editor with the text box focused.
  const editor = page.getByTestId('note-editor')
  await editor.waitFor()
  await page.keyboard.type(text)
  await page.keyboard.press('Escape')
  await editor.waitFor({ state: 'detached' })
}

/** URLs that left the app's own server (data: and blob: URLs stay in the page). */
export function foreignRequests(urls: readonly string[], serverUrl: string): string[] {
  const http = new URL(serverUrl)
  const allowed = [`${http.origin}/`, `ws://${http.host}/`, `wss://${http.host}/`]
  return urls.filter(
    (url) => !url.startsWith('data:') && !url.startsWith('blob:') && !allowed.some((prefix) => url.startsWith(prefix)),
  )
}

/**
 * For a browser test file: starts the real server serving the built client, and a browser, before
 * its tests (handing both to `onReady`), and closes them after.
 */
export function useServerAndBrowser(onReady: (started: { server: TestServer; browser: Browser }) => void): void {
  let started: { server: TestServer; browser: Browser } | undefined
  beforeAll(async () => {
    const [server, browser] = await Promise.all([startTestServer({ serveClient: true }), launchBrowser()])
    started = { server, browser }
    onReady(started)
  })
  afterAll(async () => {
    await started?.browser.close()
    await started?.server.close()
  })
}
