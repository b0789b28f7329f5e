/**
 * For browser tests of the note flow: people on a laptop or a phone whose console errors are
 * recorded too, the palette opened as each screen shows it, and where the notes are.
 */
import type { Browser, Page } from 'playwright-core'
import { UI_TIMEOUT_MS, type UserPage } from './browser.js'

export interface WatchedUser extends UserPage {
  /** console.error messages and browser interventions, with where they came from. */
  consoleErrors: string[]
}

/** A person in a fresh context of `viewport` (touch and a phone's screen with `phone`). */
export async function watchedUser(
  browser: Browser,
  viewport: { width: number; height: number },
  options: { phone?: boolean; locale?: string } = {},
): Promise<WatchedUser> {
  const context = await browser.newContext({
    viewport,
    locale: options.locale ?? 'fi-FI',
    ...(options.phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  })
  context.setDefaultTimeout(UI_TIMEOUT_MS)
  const page = await context.newPage()
  const user: WatchedUser = { context, page, requests: [], errors: [], consoleErrors: [] }
  page.on('request', (request) => user.requests.push(request.url()))
  page.on('websocket', (socket) => user.requests.push(socket.url()))
  page.on('pageerror', (error) => user.errors.push(String(error)))
  page.on('console', (message) => {
    if (message.type() !== 'error') return
    const { url, lineNumber } = message.location()
    user.consoleErrors.push(`${message.text()} (${url}:${lineNumber})`)
  })
  return user
}

/** A person on a 390×844 phone with touch. */
export function phoneUser(browser: Browser, locale?: string): Promise<WatchedUser> {
  return watchedUser(browser, { width: 390, height: 844 }, { phone: true, ...(locale ? { locale } : {}) })
}

/** Makes the palette's buttons reachable: on a narrow screen it is one "+" button until opened. */
export async function openPalette(page: Page): Promise<void> {
  const toggle = page.getByTestId('palette-toggle')
  if ((await toggle.count()) > 0 && (await toggle.getAttribute('aria-expanded')) === 'false') {
    await toggle.click()
  }
  await page.getByTestId('note-palette').getByRole('list').first().waitFor()
}

export interface NoteOnPage {
  id: string
  text: string
  category: string
  /** The category of the zone the note's centre lies in (null outside every zone). */
  zoneCategory: string | null
  x: number
  y: number
  w: number
  h: number
  /** Wholly inside the part of the page in view. */
  inView: boolean
}

export interface NoteLayout {
  notes: NoteOnPage[]
  /** The centre of the view, in page coordinates. */
  view: { cx: number; cy: number }
}

/** Every structured note with its page bounds and the zone it lies in, as this page's editor has them. */
export function noteLayout(page: Page): Promise<NoteLayout> {
  return page.evaluate(() => {
    const editor = window.__tilannekuva!.editor
    const shapes = editor.getCurrentPageShapes()
    const zones = shapes
      .filter((shape) => shape.type === 'situation-zone')
      .map((shape) => ({
        bounds: editor.getShapePageBounds(shape)!,
        category: (shape.props as { category: string | null }).category,
      }))
    const view = editor.getViewportPageBounds()
    const notes = shapes
      .filter((shape) => shape.type === 'situation-note')
      .map((shape) => {
        const bounds = editor.getShapePageBounds(shape)!
        const props = shape.props as { text: string; category: string }
        const containing = zones
          .filter((zone) => zone.category !== null && zone.bounds.containsPoint(bounds.center))
          .sort((a, b) => a.bounds.w * a.bounds.h - b.bounds.w * b.bounds.h)[0]
        return {
          id: shape.id as string,
          text: props.text,
          category: props.category,
          zoneCategory: containing?.category ?? null,
          x: bounds.x,
          y: bounds.y,
          w: bounds.w,
          h: bounds.h,
          inView: view.contains(bounds),
        }
      })
    return { notes, view: { cx: view.center.x, cy: view.center.y } }
  })
}
