import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { CATEGORIES, UNSORTED } from '../../shared/categories.js'
import { type Language, LANGUAGES } from '../../shared/language.js'
import { openBoard, UI_TIMEOUT_MS, useServerAndBrowser } from '../helpers/browser.js'
import { axeFindings } from '../helpers/axe.js'
import { openPalette, phoneUser, type WatchedUser, watchedUser } from '../helpers/noteFlow.js'
import type { TestServer } from '../helpers/server.js'

let server: TestServer
let browser: Browser

useServerAndBrowser((started) => ({ server, browser } = started))

const SCREENSHOTS = '/tmp/tilannekuva-note-editor'
const LANGUAGE_LABEL: Record<Language, string> = { fi: 'Kieli', sv: 'Språk', en: 'Language' }
const DONE: Record<Language, string> = { fi: 'Valmis', sv: 'Klar', en: 'Done' }
const SORTED = CATEGORIES.filter((category) => category.id !== UNSORTED)
/** The template's zones, one note in each: left and right, top and bottom of the board. */
const ZONE_CATEGORIES = ['strength', 'need', 'actor', 'action'] as const

/**
 * What of the open editor a person cannot reach: the form leaving the view or going under
 * tldraw's toolbar, Done not hit-testable, or a control that cannot be scrolled into sight
 * inside the form. Empty when everything is reachable.
 */
async function unreachable(page: Page): Promise<string[]> {
  // The editor moves once it has measured its new content (a frame after it changes).
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
  return page.evaluate(() => {
    const problems: string[] = []
    const form = document.querySelector<HTMLElement>('[data-testid="note-editor"]')
    if (!form) return ['no editor']
    const view = { w: window.innerWidth, h: window.innerHeight }
    const toolbar = document.querySelector('.tlui-main-toolbar')?.getBoundingClientRect()
    const rect = form.getBoundingClientRect()
    if (rect.left < 0 || rect.top < 0 || rect.right > view.w || rect.bottom > view.h) {
      problems.push(`form outside the view: ${JSON.stringify(rect)}`)
    }
    if (toolbar && rect.bottom > toolbar.top + 1 && rect.right > toolbar.left && rect.left < toolbar.right) {
      problems.push('form under the toolbar')
    }
    const hits = (element: Element) => {
      const box = element.getBoundingClientRect()
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)
      return hit !== null && (element === hit || element.contains(hit))
    }
    const scroller = form.querySelector<HTMLElement>('.tk-note-editor-scroll')!
    for (const control of form.querySelectorAll<HTMLElement>(
      '.tk-note-editor-fields input, .tk-note-editor-fields select, .tk-note-editor-fields textarea',
    )) {
      const offset = control.getBoundingClientRect().top - scroller.getBoundingClientRect().top
      scroller.scrollTop += offset - 8
      if (!hits(control)) problems.push(`${control.getAttribute('name')} cannot be reached`)
    }
    scroller.scrollTop = 0
    const done = form.querySelector('button[type="submit"]')
    if (!done || !hits(done)) problems.push('Done cannot be reached')
    return problems
  })
}

async function setLanguage(page: Page, from: Language, to: Language): Promise<void> {
  if (from !== to) await page.getByRole('combobox', { name: LANGUAGE_LABEL[from] }).first().selectOption(to)
}

/** For each of the four zones: a note from the palette, then its editor in every category. */
async function checkEveryCategory(user: WatchedUser, language: Language, size: string): Promise<string[]> {
  const { page } = user
  const problems: string[] = []
  for (const [i, zoneCategory] of ZONE_CATEGORIES.entries()) {
    await openPalette(page)
    const button = page.locator(`[data-testid="note-palette"] button[data-category="${zoneCategory}"]`)
    if (size === '390') await button.tap()
    else await button.click()
    const form = page.getByTestId('note-editor')
    await form.waitFor()
    for (const category of SORTED) {
      await form.locator('select[name="category"]').selectOption(category.id)
      await form.locator(`[data-category-fields="${category.id}"]`).waitFor()
      if (category.id === 'actor') {
        // A wrong business ID shows its error: Done and the error must still be in view.
        await form.locator('input[name="businessId"]').fill('1234567-8')
        await form.getByRole('alert').waitFor()
        if (i === 0) await page.screenshot({ path: `${SCREENSHOTS}-actor-invalid-${language}-${size}.png` })
      }
      for (const problem of await unreachable(page))
        problems.push(`${language} ${size} ${zoneCategory}/${category.id}: ${problem}`)
    }
    if (i === 1) {
      expect(await axeFindings(page, '[data-testid="note-editor"]')).toEqual([])
      await page.screenshot({ path: `${SCREENSHOTS}-${language}-${size}.png` })
    }
    await form.getByRole('button', { name: DONE[language] }).click()
    await form.waitFor({ state: 'detached' })
  }
  return problems
}

describe('the note editor fits the screen', () => {
  for (const size of ['1440', '390'] as const) {
    it(
      `at ${size === '1440' ? '1440×900' : '390×844 with touch'}: every field and Done reachable, for every category, in fi, sv and en`,
      async () => {
        const created = await server.createBoard('Editorin paikka')
        const user =
          size === '1440' ? await watchedUser(browser, { width: 1440, height: 900 }) : await phoneUser(browser)
        const { page } = user
        await openBoard(user, `${server.url}${created.links.edit}`, 'Eetu')
        await openPalette(page)
        expect(await axeFindings(page, '[data-testid="note-palette"]')).toEqual([])
        await page.screenshot({ path: `${SCREENSHOTS}-palette-${size}.png` })
        if (size === '390') await page.getByTestId('palette-toggle').tap()

        let language: Language = 'fi'
        const problems: string[] = []
        for (const next of LANGUAGES) {
          await setLanguage(page, language, next)
          language = next
          // Closer up too: notes then sit near the view's edges, where the editor must flip or shift.
          for (const zoom of [undefined, 1]) {
            if (zoom) {
              await page.evaluate((z) => {
                const editor = window.__tilannekuva!.editor
                editor.setCamera({ ...editor.getCamera(), z })
              }, zoom)
            } else await page.evaluate(() => void window.__tilannekuva!.editor.zoomToFit())
            problems.push(...(await checkEveryCategory(user, language, size)))
          }
        }
        expect(problems).toEqual([])
        expect(user.consoleErrors).toEqual([])
        expect(user.errors).toEqual([])
        await user.context.close()
      },
      20 * UI_TIMEOUT_MS,
    )
  }
})
