import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { enterNameIfAsked, UI_TIMEOUT_MS, useServerAndBrowser, waitForCanvas } from '../helpers/browser.js'
import { axeFindings } from '../helpers/axe.js'
import { phoneUser, watchedUser } from '../helpers/noteFlow.js'
import type { TestServer } from '../helpers/server.js'

let server: TestServer
let browser: Browser

useServerAndBrowser((started) => ({ server, browser } = started))

const SCREENSHOTS = '/tmp/tilannekuva-language-rule'

describe('the language rule', () => {
  it(
    'a first visit from a Swedish browser (sv-FI) is in Swedish; the name prompt names the board, in the board’s language',
    async () => {
      const user = await watchedUser(browser, { width: 1440, height: 900 }, { locale: 'sv-FI' })
      const { page } = user
      await page.goto(server.url)
      await page.getByRole('heading', { name: 'Skapa en ny tavla' }).waitFor()
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('sv')
      // The home page says what the board's language decides.
      await page.getByText('Relationernas namn på pilar, importerade lappars författare och exporter').waitFor()
      await page.screenshot({ path: `${SCREENSHOTS}-home-sv-1440.png` })

      // A Finnish board: before any choice of their own, its page speaks the board's language.
      const created = await server.createBoard('Kainuun työpaja')
      const phone = await phoneUser(browser, 'sv-FI')
      await phone.page.goto(`${server.url}${created.links.edit}`)
      const prompt = phone.page.getByTestId('name-prompt')
      await prompt.waitFor()
      expect(await phone.page.getByTestId('name-prompt-board').innerText()).toBe('Liityt tauluun ”Kainuun työpaja”')
      await phone.page.screenshot({ path: `${SCREENSHOTS}-name-prompt-390.png` })
      expect(await axeFindings(phone.page, '[data-testid="name-prompt"]')).toEqual([])
      await enterNameIfAsked(phone.page, 'Sara')
      await waitForCanvas(phone.page)
      expect(await phone.page.locator('.tk-zone-name').allInnerTexts()).toContain('Tarpeet')

      // Chosen on the device, the interface language wins over the board's: zone titles follow it.
      await phone.page.getByRole('combobox', { name: 'Kieli' }).first().selectOption('sv')
      await expect.poll(() => phone.page.locator('.tk-zone-name').allInnerTexts()).toContain('Behov')

      for (const person of [user, phone]) {
        expect(person.consoleErrors).toEqual([])
        expect(person.errors).toEqual([])
        await person.context.close()
      }
    },
    4 * UI_TIMEOUT_MS,
  )
})
