import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { RoundsResponse } from '../../shared/voting.js'
import { axeFindings } from '../helpers/axe.js'
import {
  foreignRequests,
  newUserPage,
  openBoard,
  UI_TIMEOUT_MS,
  type UserPage,
  useServerAndBrowser,
} from '../helpers/browser.js'
import { selectedShapeIds } from '../helpers/canvas.js'
import type { TestServer } from '../helpers/server.js'

let server: TestServer
let browser: Browser

useServerAndBrowser((started) => ({ server, browser } = started))

const SCREENSHOTS = '/tmp/tilannekuva-voting'

const NOTES = {
  osaajat: { id: 'shape:vote-osaajat', text: 'Osaajapula metsäalalla', category: 'need', x: 1140, y: 300 },
  yhteydet: { id: 'shape:vote-yhteydet', text: 'Nopeat junayhteydet', category: 'need', x: 1440, y: 300 },
  rahoitus: { id: 'shape:vote-rahoitus', text: 'Kasvurahoitus yrityksille', category: 'need', x: 1740, y: 300 },
  amk: { id: 'shape:vote-amk', text: 'Vahva ammattikorkeakoulu', category: 'strength', x: 700, y: 300 },
} as const
type NoteKey = keyof typeof NOTES

/** A person on a phone: 390×844, touch. */
async function newPhonePage(): Promise<UserPage> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    locale: 'fi-FI',
  })
  context.setDefaultTimeout(UI_TIMEOUT_MS)
  const page = await context.newPage()
  const user: UserPage = { context, page, requests: [], errors: [] }
  page.on('request', (request) => user.requests.push(request.url()))
  page.on('pageerror', (error) => user.errors.push(String(error)))
  return user
}

/** Brings the given notes into view at a readable zoom, with nothing selected afterwards. */
const zoomTo = (page: Page, keys: readonly NoteKey[]) =>
  page.evaluate(
    (ids) => {
      const editor = window.__tilannekuva!.editor
      editor.select(...(ids as never[]))
      editor.zoomToSelection()
      editor.selectNone()
    },
    keys.map((key) => NOTES[key].id),
  )

/** The canvas control of a note ('vote' or 'unvote'). */
const canvasControl = (page: Page, key: NoteKey, which: 'vote' | 'unvote') =>
  page.locator(`[data-testid="note-votes"][data-note-id="${NOTES[key].id}"] [data-testid="${which}"]`)

const myVotesOnCanvas = (page: Page, key: NoteKey) =>
  page
    .locator(`[data-testid="note-votes"][data-note-id="${NOTES[key].id}"] [data-testid="my-votes"]`)
    .getAttribute('data-count')

const votesLeft = (page: Page) => page.getByTestId('votes-left').getAttribute('data-remaining')

const notePosition = (page: Page, key: NoteKey) =>
  page.evaluate((id) => {
    const shape = window.__tilannekuva!.editor.getShape(id as never)
    return shape ? { x: shape.x, y: shape.y } : null
  }, NOTES[key].id)

/** What the person was told last: the notice's text and, for a refusal, its reason. */
async function lastNotice(page: Page): Promise<{ text: string; reason: string | null }> {
  const notice = page.getByTestId('vote-notice')
  await notice.waitFor()
  return {
    text: await notice.getByTestId('vote-notice-text').innerText(),
    reason: await notice.getAttribute('data-reason'),
  }
}

async function openVotingPanel(page: Page, tap = false): Promise<void> {
  const panel = page.getByTestId('voting-panel')
  if (await panel.isVisible()) return
  const button = page.getByTestId('voting-button')
  await (tap ? button.tap() : button.click())
  await panel.waitFor()
}

describe('dot voting split by stakeholder group', () => {
  it(
    'a hidden round: votes on the canvas and in the list, refusals explained, the same ranking and split for everyone after the reveal',
    async () => {
      const created = await server.createBoard('Kainuun kärkihankkeet')
      const facilitator = await newUserPage(browser)
      await facilitator.page.setViewportSize({ width: 1440, height: 900 })
      const aino = await newUserPage(browser)
      await aino.page.setViewportSize({ width: 1440, height: 900 })
      const bertta = await newPhonePage()
      const users: UserPage[] = [facilitator, aino, bertta]
      await Promise.all([
        openBoard(facilitator, `${server.url}${created.links.facilitator}`, 'Fanni', 'development_company'),
        openBoard(aino, `${server.url}${created.links.edit}`, 'Aino', 'municipality'),
        openBoard(bertta, `${server.url}${created.links.edit}`, 'Bertta', 'business'),
      ])
      const fac = facilitator.page

      // --- Four notes, written by the facilitator's editor; everyone has them.
      await fac.evaluate((notes) => {
        const editor = window.__tilannekuva!.editor
        for (const note of notes) {
          editor.createShape({
            id: note.id as never,
            type: 'situation-note',
            x: note.x,
            y: note.y,
            props: { text: note.text, category: note.category, categoryChosen: true },
          })
        }
      }, Object.values(NOTES))
      for (const user of users) {
        await expect
          .poll(() => user.page.locator('[data-testid="situation-note"]').count(), { timeout: UI_TIMEOUT_MS })
          .toBe(4)
      }

      // --- Participants see no voting until there is a round.
      expect(await aino.page.getByTestId('voting-button').count()).toBe(0)

      // --- The facilitator opens a hidden round: 3 votes each, at most 2 on one note.
      await fac.getByTestId('voting-button').click()
      const panel = fac.getByTestId('voting-panel')
      const form = panel.getByTestId('open-round-form')
      await form.getByLabel('Kierroksen nimi (valinnainen)').fill('Tärkeimmät tarpeet')
      await form.getByLabel('Ääniä osallistujaa kohden').fill('3')
      // More per note than per person is explained, not sent.
      await form.getByLabel('Ääniä enintään yhdelle lapulle').fill('4')
      await form.getByRole('button', { name: 'Avaa äänestys' }).click()
      await form.getByText('Yhdelle lapulle voi antaa enintään yhtä monta ääntä kuin osallistujalla on (3).').waitFor()
      expect(await form.getByLabel('Ääniä enintään yhdelle lapulle').getAttribute('aria-invalid')).toBe('true')
      await form.getByLabel('Ääniä enintään yhdelle lapulle').fill('2')
      expect(await form.getByLabel('Tulokset piilossa, kunnes paljastat ne').isChecked()).toBe(true)
      // Without a running timer the round cannot end with it.
      expect(await form.getByLabel('Päätä äänestys, kun ajastin loppuu').isDisabled()).toBe(true)
      await fac.screenshot({ path: `${SCREENSHOTS}-form-1440.png` })
      expect(await axeFindings(fac, '[data-testid="voting-panel"]')).toEqual([])
      await form.getByRole('button', { name: 'Avaa äänestys' }).click()
      await panel.getByTestId('active-round').waitFor()
      expect(await panel.getByTestId('active-round').innerText()).toContain('Käynnissä: Tärkeimmät tarpeet')

      // --- Aino votes on the canvas: each press is a dot, and the note is neither selected nor moved.
      await expect.poll(() => votesLeft(aino.page), { timeout: UI_TIMEOUT_MS }).toBe('3')
      expect(await aino.page.getByTestId('votes-left').innerText()).toContain('Ääniä jäljellä 3/3')
      await zoomTo(aino.page, ['amk', 'osaajat', 'yhteydet', 'rahoitus'])
      const before = await notePosition(aino.page, 'osaajat')
      await canvasControl(aino.page, 'osaajat', 'vote').click()
      await expect.poll(() => myVotesOnCanvas(aino.page, 'osaajat')).toBe('1')
      expect((await lastNotice(aino.page)).text).toBe('Ääni annettu. Ääniä jäljellä 2/3.')
      await canvasControl(aino.page, 'osaajat', 'vote').click()
      await expect.poll(() => myVotesOnCanvas(aino.page, 'osaajat')).toBe('2')
      expect(await selectedShapeIds(aino.page)).toEqual([])
      expect(await notePosition(aino.page, 'osaajat')).toEqual(before)
      // A third dot on one note is one too many.
      await canvasControl(aino.page, 'osaajat', 'vote').click()
      await expect.poll(async () => (await lastNotice(aino.page)).reason).toBe('note_limit_reached')
      expect((await lastNotice(aino.page)).text).toBe(
        'Tällä lapulla on jo niin monta ääntäsi kuin yhdelle lapulle saa antaa.',
      )
      await canvasControl(aino.page, 'yhteydet', 'vote').click()
      await expect.poll(() => votesLeft(aino.page)).toBe('0')
      // The fourth vote is refused, and she is told why.
      await canvasControl(aino.page, 'rahoitus', 'vote').click()
      await expect.poll(async () => (await lastNotice(aino.page)).reason).toBe('no_votes_left')
      expect((await lastNotice(aino.page)).text).toContain('Olet käyttänyt kaikki äänesi tällä kierroksella.')
      expect(await aino.page.getByTestId('vote-refusal').getAttribute('role')).toBe('alert')
      await aino.page.screenshot({ path: `${SCREENSHOTS}-refused-1440.png` })
      expect(await axeFindings(aino.page, '[data-testid="note-votes"], [data-testid="vote-notice"]')).toEqual([])
      // Before the reveal nobody's card shows a count.
      expect(await aino.page.getByTestId('note-vote-total').count()).toBe(0)

      // She takes one back on the canvas and moves it in the list view, by keyboard.
      await canvasControl(aino.page, 'yhteydet', 'unvote').click()
      await expect.poll(() => votesLeft(aino.page)).toBe('1')
      await aino.page.getByTestId('list-button').click()
      const ainoList = aino.page.getByTestId('picture-list')
      const listVote = ainoList.getByRole('button', { name: 'Äänestä: Kasvurahoitus yrityksille' })
      await listVote.focus()
      await aino.page.keyboard.press('Enter')
      await expect.poll(() => votesLeft(aino.page)).toBe('0')
      expect(await ainoList.getByRole('button', { name: 'Poista ääni: Kasvurahoitus yrityksille' }).count()).toBe(1)
      await aino.page.screenshot({ path: `${SCREENSHOTS}-list-1440.png` })
      expect(await axeFindings(aino.page, '[data-testid="picture-list"]')).toEqual([])

      // --- Bertta on her phone: a tap on the canvas, then the list view.
      await expect.poll(() => votesLeft(bertta.page), { timeout: UI_TIMEOUT_MS }).toBe('3')
      await zoomTo(bertta.page, ['osaajat'])
      await canvasControl(bertta.page, 'osaajat', 'vote').tap()
      await expect.poll(() => votesLeft(bertta.page)).toBe('2')
      expect(await selectedShapeIds(bertta.page)).toEqual([])
      await bertta.page.screenshot({ path: `${SCREENSHOTS}-canvas-390.png` })
      await bertta.page.getByTestId('list-button').tap()
      const berttaList = bertta.page.getByTestId('picture-list')
      await berttaList.getByRole('button', { name: 'Äänestä: Vahva ammattikorkeakoulu' }).tap()
      await expect.poll(() => votesLeft(bertta.page)).toBe('1')
      await berttaList.getByRole('button', { name: 'Äänestä: Kasvurahoitus yrityksille' }).tap()
      await expect.poll(() => votesLeft(bertta.page)).toBe('0')
      await berttaList.getByRole('button', { name: 'Äänestä: Nopeat junayhteydet' }).tap()
      await expect.poll(async () => (await lastNotice(bertta.page)).reason).toBe('no_votes_left')
      await bertta.page.screenshot({ path: `${SCREENSHOTS}-list-390.png` })
      expect(await axeFindings(bertta.page, '[data-testid="picture-list"]')).toEqual([])

      // The facilitator votes too (a third group) in the list view, with the panel out of the way.
      await panel.getByRole('button', { name: 'Sulje' }).first().click()
      await fac.getByTestId('list-button').click()
      await fac.getByTestId('picture-list').getByRole('button', { name: 'Äänestä: Vahva ammattikorkeakoulu' }).click()
      await expect.poll(() => votesLeft(fac)).toBe('2')
      await openVotingPanel(fac)

      // --- Before the reveal: participants see that results are hidden; the facilitator sees who voted.
      await openVotingPanel(aino.page)
      expect(await aino.page.getByTestId('vote-results').innerText()).toContain(
        'Tulokset näytetään, kun fasilitaattori paljastaa ne.',
      )
      expect(await aino.page.getByTestId('vote-result').count()).toBe(0)
      expect(await aino.page.getByTestId('active-round').innerText()).toContain('Ääniä jäljellä 0/3')
      await aino.page.screenshot({ path: `${SCREENSHOTS}-hidden-1440.png` })
      expect(await axeFindings(aino.page, '[data-testid="voting-panel"]')).toEqual([])
      await expect
        .poll(() => panel.getByTestId('voters-live').innerText(), { timeout: UI_TIMEOUT_MS })
        .toBe('Äänestäneitä: 3')
      const byGroup = panel.getByTestId('live-voters-by-group')
      for (const [group, label] of [
        ['municipality', 'Kunta'],
        ['business', 'Yritys'],
        ['development_company', 'Kehittämisyhtiö'],
      ]) {
        expect((await byGroup.locator(`li[data-group="${group}"]`).innerText()).replace(/\s+/g, ' ')).toBe(`${label} 1`)
      }
      expect(await panel.getByTestId('vote-result').count()).toBe(0)
      await fac.screenshot({ path: `${SCREENSHOTS}-live-1440.png` })
      expect(await axeFindings(fac, '[data-testid="voting-panel"]')).toEqual([])

      // --- Reveal: the same ranking and split on every page, and as the API gives it.
      await panel.getByRole('button', { name: 'Paljasta tulokset' }).click()
      await openVotingPanel(bertta.page, true)
      const texts: string[] = []
      for (const user of users) {
        const results = user.page.getByTestId('vote-results')
        await expect.poll(() => results.getByTestId('vote-result').count(), { timeout: UI_TIMEOUT_MS }).toBe(3)
        texts.push(await results.innerText())
      }
      expect(texts[1]).toBe(texts[0])
      expect(texts[2]).toBe(texts[0])
      const rows = await fac.getByTestId('vote-result').allInnerTexts()
      expect(rows[0]).toMatch(/^1\.\s+Osaajapula metsäalalla\s+3 ääntä\s+Kunta 2, Yritys 1$/)
      // Two notes tie for second place (the server orders them by id).
      expect(rows[1]).toMatch(/^2\.\s+Vahva ammattikorkeakoulu\s+2 ääntä\s+Yritys 1, Kehittämisyhtiö 1$/)
      expect(rows[2]).toMatch(/^2\.\s+Kasvurahoitus yrityksille\s+2 ääntä\s+Kunta 1, Yritys 1$/)
      const voters = await fac.getByTestId('vote-results').getByTestId('voters-by-group').innerText()
      expect(voters.replace(/\s+/g, ' ')).toBe('Kunta 1 Yritys 1 Kehittämisyhtiö 1')

      const api = (await (
        await fetch(`${server.url}/api/boards/${created.board.id}/rounds`, {
          headers: { authorization: `Bearer ${created.tokens.facilitator}` },
        })
      ).json()) as RoundsResponse
      const results = api.rounds[0]!.results!
      const shownIds = await fac
        .getByTestId('vote-result')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-note-id')))
      expect(shownIds).toEqual(results.notes.map((note) => note.noteId))
      expect(results.notes.map((note) => [note.total, note.byGroup])).toEqual([
        [3, { municipality: 2, business: 1 }],
        [2, { business: 1, development_company: 1 }],
        [2, { municipality: 1, business: 1 }],
      ])
      expect(results.votersByGroup).toMatchObject({ municipality: 1, business: 1, development_company: 1 })

      // The cards show the totals now, as numbers beside the bars.
      await expect
        .poll(() =>
          aino.page
            .locator(`[data-testid="note-votes"][data-note-id="${NOTES.osaajat.id}"] [data-testid="note-vote-total"]`)
            .innerText(),
        )
        .toBe('3')
      expect(
        await aino.page
          .locator(`[data-testid="note-votes"][data-note-id="${NOTES.osaajat.id}"] [role="img"]`)
          .getAttribute('aria-label'),
      ).toBe('3 ääntä: Kunta 2, Yritys 1')
      await aino.page.getByTestId('voting-panel').getByRole('button', { name: 'Sulje' }).click()
      await aino.page.screenshot({ path: `${SCREENSHOTS}-cards-1440.png` })
      await fac.screenshot({ path: `${SCREENSHOTS}-results-1440.png` })
      await bertta.page.screenshot({ path: `${SCREENSHOTS}-results-390.png` })
      expect(await axeFindings(fac, '[data-testid="voting-panel"]')).toEqual([])
      expect(await axeFindings(bertta.page, '[data-testid="voting-panel"]')).toEqual([])

      // --- The facilitator shows the results on the shared screen; Escape ends it.
      await panel.getByTestId('present-results').click()
      const presentation = fac.getByTestId('results-presentation')
      await presentation.waitFor()
      expect(await presentation.getByTestId('vote-results').innerText()).toBe(texts[0])
      await fac.screenshot({ path: `${SCREENSHOTS}-presentation-1440.png` })
      // As people without colour vision, and with the commonest colour blindness, see it (to look at).
      const devtools = await fac.context().newCDPSession(fac)
      for (const type of ['achromatopsia', 'deuteranopia'] as const) {
        await devtools.send('Emulation.setEmulatedVisionDeficiency', { type })
        await fac.screenshot({ path: `${SCREENSHOTS}-presentation-${type}-1440.png` })
      }
      await devtools.send('Emulation.setEmulatedVisionDeficiency', { type: 'none' })
      expect(await axeFindings(fac, '[data-testid="results-presentation"]')).toEqual([])
      // A modal <dialog>: the page behind is inert, so Tab never reaches it (past the dialog's last
      // control the focus goes to the browser itself, then back into the dialog).
      expect(await presentation.evaluate((element) => element.tagName === 'DIALOG' && element.matches(':modal'))).toBe(
        true,
      )
      for (const key of ['Tab', 'Tab', 'Shift+Tab', 'Tab']) {
        await fac.keyboard.press(key)
        expect(
          await fac.evaluate(() => {
            const active = document.activeElement
            return (
              !active || active === document.body || active.closest('[data-testid="results-presentation"]') !== null
            )
          }),
        ).toBe(true)
      }
      await fac.keyboard.press('Escape')
      await presentation.waitFor({ state: 'detached' })
      expect(await fac.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('present-results')

      // --- Ending the round: no more votes, and it is listed among the rounds.
      await panel.getByRole('button', { name: 'Päätä äänestys' }).click()
      await panel.getByTestId('open-round-form').waitFor()
      expect(await panel.getByTestId('vote-round').innerText()).toContain('Tärkeimmät tarpeet')
      await aino.page.getByTestId('votes-left').waitFor({ state: 'detached' })
      expect(await aino.page.getByTestId('vote-controls').count()).toBe(0)

      // --- A view link sees the results, never a vote control.
      const viewer = await newUserPage(browser)
      await openBoard(viewer, `${server.url}${created.links.view}`, 'Ville')
      await openVotingPanel(viewer.page)
      await expect.poll(() => viewer.page.getByTestId('vote-result').count(), { timeout: UI_TIMEOUT_MS }).toBe(3)
      expect(await viewer.page.getByTestId('vote-results').innerText()).toBe(texts[0])
      expect(await viewer.page.getByTestId('vote-controls').count()).toBe(0)
      expect(await viewer.page.getByTestId('votes-left').count()).toBe(0)

      expect(
        foreignRequests(
          [...users, viewer].flatMap((user) => user.requests),
          server.url,
        ),
      ).toEqual([])
      expect([...users, viewer].flatMap((user) => user.errors)).toEqual([])
      await Promise.all([...users, viewer].map((user) => user.context.close()))
    },
    16 * UI_TIMEOUT_MS,
  )

  it(
    'a round of one zone with live results ends with the workshop timer; a deleted note keeps its votes',
    async () => {
      const created = await server.createBoard('Tarpeiden pikaäänestys')
      const facilitator = await newUserPage(browser)
      await facilitator.page.setViewportSize({ width: 1440, height: 900 })
      const aino = await newUserPage(browser)
      await aino.page.setViewportSize({ width: 1440, height: 900 })
      await Promise.all([
        openBoard(facilitator, `${server.url}${created.links.facilitator}`, 'Fanni', 'development_company'),
        openBoard(aino, `${server.url}${created.links.edit}`, 'Aino', 'association'),
      ])
      const fac = facilitator.page
      await fac.evaluate((notes) => {
        const editor = window.__tilannekuva!.editor
        for (const note of notes) {
          editor.createShape({
            id: note.id as never,
            type: 'situation-note',
            x: note.x,
            y: note.y,
            props: { text: note.text, category: note.category, categoryChosen: true },
          })
        }
      }, Object.values(NOTES))
      await expect.poll(() => aino.page.locator('[data-testid="situation-note"]').count()).toBe(4)

      // A running timer; the round ends with it.
      const timer = await fetch(`${server.url}/api/boards/${created.board.id}/facilitation`, {
        method: 'POST',
        headers: { authorization: `Bearer ${created.tokens.facilitator}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'timerStart', durationMs: 9000 }),
      })
      expect(timer.status).toBe(200)
      await fac.getByTestId('timer').waitFor()
      await fac.getByTestId('voting-button').click()
      const form = fac.getByTestId('open-round-form')
      await form.getByLabel('Yksi alue').check()
      await form.getByLabel('Alue', { exact: true }).selectOption({ label: 'Tarpeet' })
      await form.getByLabel('Ääniä osallistujaa kohden').fill('2')
      await form.getByLabel('Tulokset piilossa, kunnes paljastat ne').uncheck()
      await form.getByLabel('Päätä äänestys, kun ajastin loppuu').check()
      await fac.screenshot({ path: `${SCREENSHOTS}-zone-form-1440.png` })
      await form.getByRole('button', { name: 'Avaa äänestys' }).click()
      const active = fac.getByTestId('active-round')
      await active.waitFor()
      expect(await active.innerText()).toContain('Äänestetään: Tarpeet')
      expect(await active.innerText()).toMatch(/Päättyy, kun ajastin loppuu\. Päättyy klo \d/)

      // Only the notes in the zone take votes; results are live.
      await expect.poll(() => votesLeft(aino.page), { timeout: UI_TIMEOUT_MS }).toBe('2')
      await zoomTo(aino.page, ['amk', 'osaajat', 'yhteydet', 'rahoitus'])
      await expect.poll(() => aino.page.getByTestId('vote-controls').count()).toBe(3)
      expect(await aino.page.locator(`[data-testid="note-votes"][data-note-id="${NOTES.amk.id}"]`).count()).toBe(0)
      await canvasControl(aino.page, 'yhteydet', 'vote').click()
      await canvasControl(aino.page, 'rahoitus', 'vote').click()
      await expect.poll(() => votesLeft(aino.page)).toBe('0')
      await expect
        .poll(() => fac.getByTestId('vote-results').getByTestId('vote-result').count(), { timeout: UI_TIMEOUT_MS })
        .toBe(2)
      expect((await fac.getByTestId('vote-result').first().innerText()).replace(/\s+/g, ' ')).toContain(
        '1 ääni Yhdistys 1',
      )

      // A voted note deleted: its votes stay, listed as a deleted note.
      await fac.evaluate((id) => {
        window.__tilannekuva!.editor.deleteShape(id as never)
      }, NOTES.rahoitus.id)
      await openVotingPanel(aino.page)
      await expect
        .poll(() => aino.page.getByTestId('vote-results').innerText(), { timeout: UI_TIMEOUT_MS })
        .toContain('(poistettu lappu)')
      expect(await aino.page.getByTestId('deleted-note-text').innerText()).toContain('Tarve: Kasvurahoitus yrityksille')
      await aino.page.screenshot({ path: `${SCREENSHOTS}-zone-live-1440.png` })

      // The timer runs out: the round is over for everyone, and the server refuses a late vote.
      await aino.page.getByTestId('votes-left').waitFor({ state: 'detached', timeout: 15_000 })
      expect(await aino.page.getByTestId('vote-controls').count()).toBe(0)
      await aino.page.getByTestId('vote-round').waitFor()
      expect(await aino.page.getByTestId('vote-round').innerText()).toContain('päättynyt')
      const secret = await aino.page.evaluate(
        (boardId) => JSON.parse(localStorage.getItem(`tilannekuva.participant.${boardId}`)!).secret as string,
        created.board.id,
      )
      const roundId = (
        (await (
          await fetch(`${server.url}/api/boards/${created.board.id}/rounds`, {
            headers: { authorization: `Bearer ${created.tokens.edit}` },
          })
        ).json()) as RoundsResponse
      ).rounds[0]!.id
      const late = await fetch(`${server.url}/api/boards/${created.board.id}/rounds/${roundId}/votes`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${created.tokens.edit}`,
          'x-participant': secret,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ noteId: NOTES.osaajat.id, delta: 1 }),
      })
      expect(late.status).toBe(409)
      expect(((await late.json()) as { reason: string }).reason).toBe('round_closed')
      await aino.page.screenshot({ path: `${SCREENSHOTS}-zone-ended-1440.png` })
      expect(await axeFindings(aino.page, '[data-testid="voting-panel"]')).toEqual([])

      // The facilitator on a phone: the form for the next round and the results full screen fit and pass axe.
      const phone = await newPhonePage()
      await openBoard(phone, `${server.url}${created.links.facilitator}`, 'Fanni puhelimella', 'development_company')
      await openVotingPanel(phone.page, true)
      await phone.page.getByTestId('open-round-form').waitFor()
      await phone.page.screenshot({ path: `${SCREENSHOTS}-form-390.png` })
      expect(await axeFindings(phone.page, '[data-testid="voting-panel"]')).toEqual([])
      await phone.page.getByTestId('present-results').tap()
      await phone.page.getByTestId('results-presentation').waitFor()
      await phone.page.screenshot({ path: `${SCREENSHOTS}-presentation-390.png` })
      expect(await axeFindings(phone.page, '[data-testid="results-presentation"]')).toEqual([])
      await phone.page.getByRole('button', { name: 'Sulje esitys' }).tap()
      await phone.page.getByTestId('results-presentation').waitFor({ state: 'detached' })

      expect([facilitator, aino, phone].flatMap((user) => user.errors)).toEqual([])
      await Promise.all([facilitator, aino, phone].map((user) => user.context.close()))
    },
    8 * UI_TIMEOUT_MS,
  )
})
