/**
 * A workshop rehearsal on this machine: the built server in its own process, 60 simulated
 * participants (y-websocket clients in this process, each with a registered identity and group,
 * a moving cursor and notes of their own), and three real browser pages — the facilitator at
 * 1440×900, a participant at 1440×900 and one on a 390×844 touch phone. It runs what a
 * facilitator does in a workshop and reports how long each step took to reach everyone, and how
 * responsive the pages stayed meanwhile.
 *
 *   npm run rehearsal [-- --participants=60 --out=bench/results/rehearsal]
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { type Browser, chromium, type Page } from 'playwright-core'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { CreateBoardResponse } from '../shared/api.js'
import { openBoardRecords } from '../shared/boardDocument.js'
import { makeShapeRecord, NOTE_SHAPE_TYPE } from '../shared/canvasShapes.js'
import {
  FACILITATION_MAP_NAME,
  PARTICIPANT_AWARENESS_FIELD,
  type RegisterParticipantResponse,
  readFacilitation,
  STAKEHOLDER_GROUPS,
} from '../shared/facilitation.js'
import { type Round, VOTING_STATE_KEY, VotingState } from '../shared/voting.js'
import { type ChildServer, startChildServer, stopChildServers } from '../tests/helpers/childServer.js'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/helpers/chromium.js'

const args = new Map(
  process.argv.slice(2).flatMap((arg) => {
    const match = arg.match(/^--([^=]+)=(.*)$/)
    return match ? [[match[1]!, match[2]!] as const] : []
  }),
)
const PARTICIPANTS = Number(args.get('participants') ?? 60)
const OUT_DIR = args.get('out') ?? 'bench/results/rehearsal'
const VOTES_EACH = 3
const TIMEOUT_MS = 60_000

interface Simulated {
  name: string
  identity: RegisterParticipantResponse
  doc: Y.Doc
  provider: WebsocketProvider
  cursorTimer: NodeJS.Timeout | null
}

const log = (line: string) => console.log(`[rehearsal ${new Date().toISOString().slice(11, 19)}] ${line}`)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function waitUntil(predicate: () => boolean | Promise<boolean>, what: string): Promise<number> {
  const started = performance.now()
  while (!(await predicate())) {
    if (performance.now() - started > TIMEOUT_MS) throw new Error(`timed out: ${what}`)
    await sleep(5)
  }
  return performance.now() - started
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
}

async function api(server: ChildServer, token: string, method: string, route: string, body?: unknown, secret?: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` }
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (secret) headers['x-participant'] = secret
  const started = performance.now()
  const response = await fetch(`${server.url}${route}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  })
  const json = (await response.json()) as unknown
  return { status: response.status, json, ms: performance.now() - started }
}

/** A participant as a browser would be, minus the canvas: identity, synced document, cursor, notes. */
async function simulate(server: ChildServer, created: CreateBoardResponse, index: number): Promise<Simulated> {
  const name = `Osallistuja ${index + 1}`
  const group = STAKEHOLDER_GROUPS[index % STAKEHOLDER_GROUPS.length]!
  const registered = await api(server, created.tokens.edit, 'POST', `/api/boards/${created.board.id}/participants`, {
    name,
    group,
  })
  const identity = registered.json as RegisterParticipantResponse
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(server.syncUrl, created.board.id, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token: created.tokens.edit, participant: identity.secret },
    disableBc: true,
  })
  provider.awareness.setLocalStateField(PARTICIPANT_AWARENESS_FIELD, identity.participant)
  const simulated: Simulated = { name, identity, doc, provider, cursorTimer: null }
  return simulated
}

function movePresence(simulated: Simulated, index: number): void {
  const x = 200 + Math.random() * 1400
  const y = 200 + Math.random() * 900
  simulated.provider.awareness.setLocalStateField('presence', {
    id: `instance_presence:sim-${index}`,
    typeName: 'instance_presence',
    userId: `user:sim-${index}`,
    userName: simulated.name,
    color: '#1b7f5a',
    cursor: { x, y, type: 'default', rotation: 0 },
    lastActivityTimestamp: Date.now(),
    followingUserId: null,
    camera: { x: 0, y: 0, z: 1 },
    screenBounds: { x: 0, y: 0, w: 1280, h: 800 },
    selectedShapeIds: [],
    brush: null,
    scribbles: [],
    chatMessage: '',
    meta: {},
    currentPageId: 'page:page',
  })
}

function addNote(simulated: Simulated, index: number, n: number): string {
  const id = `shape:sim-${index}-${n}`
  openBoardRecords(simulated.doc).set(
    id,
    makeShapeRecord({
      id,
      type: NOTE_SHAPE_TYPE,
      x: 120 + (index % 10) * 90,
      y: 260 + Math.floor(index / 10) * 60 + n * 20,
      // A valid fractional index (no trailing zero), distinct per note; their order does not matter.
      index: `a2${[...String(index * 2 + n)].map((digit) => 'ABCDEFGHIJ'[Number(digit)]).join('')}`,
      props: {
        category: n % 2 === 0 ? 'need' : 'strength',
        text: `${simulated.name}: ajatus ${n + 1}`,
        fields: {},
        author: simulated.name,
        createdAt: Date.now(),
        updatedAt: Date.now(),
        w: 240,
        h: 160,
        categoryChosen: true,
      },
    }),
  )
  return id
}

/** Opens a link in a page as a person, answering the name prompt, until the canvas is synced. */
async function openAs(browser: Browser, link: string, name: string, group: string, phone: boolean): Promise<Page> {
  const context = await browser.newContext({
    viewport: phone ? { width: 390, height: 844 } : { width: 1440, height: 900 },
    hasTouch: phone,
    isMobile: phone,
    locale: 'fi-FI',
  })
  context.setDefaultTimeout(TIMEOUT_MS)
  const page = await context.newPage()
  // Long tasks from the start, read at the end.
  await page.addInitScript(() => {
    const store = { longTasks: [] as number[] }
    ;(window as unknown as { __rehearsal: typeof store }).__rehearsal = store
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) store.longTasks.push(entry.duration)
    }).observe({ type: 'longtask', buffered: true })
  })
  await page.goto(link)
  const prompt = page.getByTestId('name-prompt')
  await prompt.waitFor()
  await prompt.locator('input[name="displayName"]').fill(name)
  await prompt.locator('select[name="group"]').selectOption(group)
  await prompt.getByRole('button').click()
  await page.getByTestId('connection-badge').and(page.locator('[data-phase="connected"]')).waitFor()
  await page.waitForFunction(() => window.__tilannekuva?.editor !== undefined)
  return page
}

/** Frame times of a page over `ms`, from requestAnimationFrame (a page that stalls has long frames). */
function frameTimes(page: Page, ms: number): Promise<number[]> {
  // A string: tsx would wrap a named function in a helper the page does not have.
  return page.evaluate(`new Promise((resolve) => {
    const times = []
    let last = performance.now()
    const end = last + ${ms}
    function tick(now) {
      times.push(now - last)
      last = now
      if (now < end) requestAnimationFrame(tick)
      else resolve(times)
    }
    requestAnimationFrame(tick)
  })`) as Promise<number[]>
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilannekuva-rehearsal-'))
  const server = await startChildServer({ DATA_DIR: dataDir, LOG_LEVEL: 'info' })
  const figures: Array<[string, string]> = []
  const record = (what: string, value: string) => {
    figures.push([what, value])
    log(`${what}: ${value}`)
  }
  let browser: Browser | null = null
  const simulated: Simulated[] = []
  try {
    const createdResponse = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Harjoitustyöpaja', region: 'Keski-Suomi' }),
    })
    const created = (await createdResponse.json()) as CreateBoardResponse
    const boardPath = `/api/boards/${created.board.id}`

    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS })
    const facilitator = await openAs(
      browser,
      `${server.url}${created.links.facilitator}`,
      'Fasilitaattori',
      'development_company',
      false,
    )
    const laptop = await openAs(browser, `${server.url}${created.links.edit}`, 'Aino', 'municipality', false)
    const phone = await openAs(browser, `${server.url}${created.links.edit}`, 'Bertta', 'business', true)
    const pages = { facilitator, laptop, phone }

    // --- 60 people join within a few seconds of each other, as after "open the link now".
    let started = performance.now()
    for (let i = 0; i < PARTICIPANTS; i++) simulated.push(await simulate(server, created, i))
    await waitUntil(() => simulated.every((person) => person.provider.synced), 'all simulated participants synced')
    record(`${PARTICIPANTS} participants registered and synced`, `${(performance.now() - started).toFixed(0)} ms`)
    simulated.forEach((person, index) => {
      movePresence(person, index)
      // Cursors move twice a second each: 120 presence updates a second into the room.
      person.cursorTimer = setInterval(() => movePresence(person, index), 500)
    })
    const noteIds = simulated.flatMap((person, index) => [addNote(person, index, 0), addNote(person, index, 1)])
    started = performance.now()
    await facilitator.waitForFunction(
      (count) =>
        window.__tilannekuva!.editor.getCurrentPageShapes().filter((s) => s.type === 'situation-note').length >= count,
      noteIds.length,
      { timeout: TIMEOUT_MS },
    )
    record(
      `${noteIds.length} notes from everyone on the facilitator's canvas`,
      `${(performance.now() - started).toFixed(0)} ms`,
    )

    // --- Who is here: the People panel lists everyone with their groups.
    started = performance.now()
    await facilitator.getByTestId('people-button').click()
    await facilitator.waitForFunction(
      (count) => document.querySelectorAll('[data-testid="people-panel"] [data-testid="person"]').length >= count,
      PARTICIPANTS + 3,
      { timeout: TIMEOUT_MS },
    )
    record(`People panel lists all ${PARTICIPANTS + 3}`, `${(performance.now() - started).toFixed(0)} ms after opening`)
    await facilitator.screenshot({ path: path.join(OUT_DIR, 'people-panel-1440.png') })
    await facilitator.getByTestId('people-panel').getByRole('button', { name: 'Sulje' }).click()

    // --- Timer: started by the facilitator, seen by everyone.
    started = performance.now()
    await api(server, created.tokens.facilitator, 'POST', `${boardPath}/facilitation`, {
      type: 'timerStart',
      durationMs: 10 * 60_000,
    })
    await waitUntil(
      () =>
        simulated.every(
          (person) => readFacilitation(person.doc.getMap(FACILITATION_MAP_NAME)).timer.status === 'running',
        ),
      'timer everywhere',
    )
    record(`Timer start reaches all ${PARTICIPANTS} simulated`, `${(performance.now() - started).toFixed(0)} ms`)
    await Promise.all(Object.values(pages).map((page) => page.getByTestId('timer').waitFor()))
    record('…and the three pages show it', `${(performance.now() - started).toFixed(0)} ms`)

    // --- Freeze: everyone read-only at once.
    started = performance.now()
    await api(server, created.tokens.facilitator, 'POST', `${boardPath}/facilitation`, { type: 'freeze', frozen: true })
    await waitUntil(
      () => simulated.every((person) => readFacilitation(person.doc.getMap(FACILITATION_MAP_NAME)).frozen),
      'freeze everywhere',
    )
    const freezeSimulated = performance.now() - started
    await Promise.all(
      [laptop, phone].map((page) =>
        page.waitForFunction(() => window.__tilannekuva!.editor.getInstanceState().isReadonly, undefined, {
          timeout: TIMEOUT_MS,
        }),
      ),
    )
    record(`Freeze reaches all ${PARTICIPANTS} simulated`, `${freezeSimulated.toFixed(0)} ms`)
    record('…and both participant pages are read-only', `${(performance.now() - started).toFixed(0)} ms`)
    // One participant's client keeps writing while frozen (a stale tab): undone for everyone.
    openBoardRecords(simulated[0]!.doc).set('shape:while-frozen', openBoardRecords(simulated[0]!.doc).get(noteIds[0]!)!)
    started = performance.now()
    await waitUntil(() => !openBoardRecords(simulated[0]!.doc).has('shape:while-frozen'), 'refused change undone')
    record("A frozen participant's change undone on their own device", `${(performance.now() - started).toFixed(0)} ms`)
    await api(server, created.tokens.facilitator, 'POST', `${boardPath}/facilitation`, {
      type: 'freeze',
      frozen: false,
    })

    // --- Follow me: everyone's view follows the facilitator's.
    started = performance.now()
    const facilitatorUserId = await facilitator.evaluate(() => window.__tilannekuva!.editor.user.getId())
    await api(server, created.tokens.facilitator, 'POST', `${boardPath}/facilitation`, {
      type: 'follow',
      mode: 'follow',
      userId: facilitatorUserId,
      name: 'Fasilitaattori',
    })
    await Promise.all(
      [laptop, phone].map((page) =>
        page.waitForFunction(
          () => window.__tilannekuva!.editor.getInstanceState().followingUserId !== null,
          undefined,
          {
            timeout: TIMEOUT_MS,
          },
        ),
      ),
    )
    record('Follow me: both participant pages follow', `${(performance.now() - started).toFixed(0)} ms`)
    await api(server, created.tokens.facilitator, 'POST', `${boardPath}/facilitation`, { type: 'followRelease' })

    // --- Dot voting: a hidden round, everyone votes at once, then the reveal.
    const opened = await api(server, created.tokens.facilitator, 'POST', `${boardPath}/rounds`, {
      title: 'Tärkeimmät tarpeet',
      scope: { kind: 'category', category: 'need' },
      votesPerParticipant: VOTES_EACH,
      maxVotesPerNote: 2,
      hiddenUntilReveal: true,
    })
    const round = opened.json as Round
    const needIds = noteIds.filter((_, i) => i % 2 === 0)
    const expectedTotals = new Map<string, number>()
    const frameSampling = Promise.all(Object.values(pages).map((page) => frameTimes(page, 8_000)))
    started = performance.now()
    const voteResults = await Promise.all(
      simulated.flatMap((person, index) =>
        Array.from({ length: VOTES_EACH }, (_, n) => {
          // Everyone favours a few notes, so the ranking is not flat.
          const noteId = needIds[(index * n + n) % 7]!
          return api(
            server,
            created.tokens.edit,
            'POST',
            `${boardPath}/rounds/${round.id}/votes`,
            { noteId, delta: 1 },
            person.identity.secret,
          ).then((result) => {
            if (result.status === 200) expectedTotals.set(noteId, (expectedTotals.get(noteId) ?? 0) + 1)
            return result
          })
        }),
      ),
    )
    const voteMs = voteResults.map((result) => result.ms)
    const accepted = voteResults.filter((result) => result.status === 200).length
    const refusedByLimit = voteResults.filter((result) => result.status === 409).length
    record(
      `${voteResults.length} votes cast at once`,
      `${accepted} accepted, ${refusedByLimit} refused (per-note limit); latency p50 ${percentile(voteMs, 50).toFixed(0)} ms, p95 ${percentile(voteMs, 95).toFixed(0)} ms, max ${Math.max(...voteMs).toFixed(0)} ms; all in ${(performance.now() - started).toFixed(0)} ms`,
    )
    const extra = await api(
      server,
      created.tokens.edit,
      'POST',
      `${boardPath}/rounds/${round.id}/votes`,
      { noteId: needIds[0], delta: 1 },
      simulated[1]!.identity.secret,
    )
    record('A vote beyond the allowance', `${extra.status} ${(extra.json as { reason?: string }).reason ?? ''}`)
    const hiddenOnDevices = simulated.every(
      (person) =>
        VotingState.parse(person.doc.getMap(FACILITATION_MAP_NAME).get(VOTING_STATE_KEY)).rounds[0]?.results === null,
    )
    record(
      'Before the reveal, results on participant devices',
      hiddenOnDevices ? 'none (as required)' : 'PRESENT (wrong)',
    )

    started = performance.now()
    await api(server, created.tokens.facilitator, 'POST', `${boardPath}/rounds/${round.id}/reveal`)
    const revealMs = await waitUntil(
      () =>
        simulated.every(
          (person) =>
            VotingState.parse(person.doc.getMap(FACILITATION_MAP_NAME).get(VOTING_STATE_KEY)).rounds[0]?.results !==
            null,
        ),
      'results everywhere',
    )
    record(`Reveal → the last of ${PARTICIPANTS} simulated participants has the results`, `${revealMs.toFixed(0)} ms`)
    const results = VotingState.parse(simulated.at(-1)!.doc.getMap(FACILITATION_MAP_NAME).get(VOTING_STATE_KEY))
      .rounds[0]!.results!
    const exact =
      results.votesCast === accepted &&
      results.notes.every((note) => expectedTotals.get(note.noteId) === note.total) &&
      results.notes.reduce((sum, note) => sum + Object.values(note.byGroup).reduce((a, b) => a + b, 0), 0) === accepted
    record('Counts at the reveal', exact ? `exactly right (${accepted} votes, ${results.voters} voters)` : 'WRONG')

    // --- How the pages felt meanwhile.
    const frames = await frameSampling
    for (const [name, times] of Object.entries(pages).map(([name], i) => [name, frames[i]!] as const)) {
      record(
        `Frame time on the ${name} page while 60 vote and move cursors`,
        `p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${Math.max(...times).toFixed(0)} ms`,
      )
    }
    for (const [name, page] of Object.entries(pages)) {
      const longTasks = await page.evaluate(
        () => (window as unknown as { __rehearsal: { longTasks: number[] } }).__rehearsal.longTasks,
      )
      const after = longTasks.slice(-200)
      record(
        `Long tasks on the ${name} page (whole rehearsal)`,
        `${longTasks.length}, longest ${Math.max(0, ...longTasks).toFixed(0)} ms`,
      )
      void after
    }
    started = performance.now()
    await laptop.getByRole('button', { name: 'Lista' }).click()
    await laptop.getByTestId('picture-list').waitFor()
    record(
      'Opening the list view on a participant laptop (click → shown)',
      `${(performance.now() - started).toFixed(0)} ms`,
    )
    await laptop.screenshot({ path: path.join(OUT_DIR, 'participant-list-1440.png') })
    await phone.screenshot({ path: path.join(OUT_DIR, 'participant-phone-390.png') })
    await facilitator.screenshot({ path: path.join(OUT_DIR, 'facilitator-1440.png') })
  } finally {
    for (const person of simulated) {
      if (person.cursorTimer) clearInterval(person.cursorTimer)
      person.provider.destroy()
      person.doc.destroy()
    }
    await browser?.close()
    await stopChildServers()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
  const table = [
    `# Workshop rehearsal, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `${PARTICIPANTS} simulated participants (y-websocket clients with identities, cursors moving twice a second, two notes each) and three Chromium pages (facilitator 1440×900, participant 1440×900, participant phone 390×844 touch), server in its own process, all on this ${os.cpus().length}-core machine (load average at the end ${os.loadavg()[0]!.toFixed(1)}).`,
    '',
    '| step | figure |',
    '| --- | --- |',
    ...figures.map(([what, value]) => `| ${what} | ${value} |`),
    '',
  ].join('\n')
  fs.writeFileSync(path.join(OUT_DIR, 'latest.md'), table)
  console.log(`\n${table}`)
}

fs.mkdirSync(OUT_DIR, { recursive: true })
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
