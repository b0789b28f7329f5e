/**
 * The two apps of the browser benchmark as servers on this machine: ours is the built app run as
 * `npm start` runs it (dist/server/main.js of a repository copy, in its own process); the anchor
 * is the built bench/anchor served as static files with the notes as /notes.json.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import path from 'node:path'
import { getIndices } from '@tldraw/utils'
import { getRecordsArray, type StoredRecord } from '../../shared/boardDocument.js'
import { makeShapeRecord, NOTE_DEFAULT_SIZE, NOTE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import { connectClient, waitUntil } from '../load/clients.js'
import { MirroredWriter, recordsOf } from '../load/records.js'
import { type BenchNote, benchNoteId, MOVE_INTERVAL_MS, MOVED_NOTES, movedPosition } from './moves.js'

const START_TIMEOUT_MS = 60_000
const CATEGORIES = ['strength', 'weakness', 'opportunity', 'threat', 'need', 'action'] as const

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

/** Builds the app in `root` if its sources are newer than its build (scripts/buildIfNeeded.mjs). */
export function buildOurApp(root: string): void {
  const result = spawnSync(process.execPath, ['scripts/buildIfNeeded.mjs'], { cwd: root, encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`building the app in ${root} failed:\n${result.stdout}\n${result.stderr}`)
}

/** Our app, served by its own server process. */
export class OurApp {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly pid: number,
  ) {}

  /** Starts `root`'s built server on a free port with its data in `dataDir`. */
  static async start(root: string, dataDir: string): Promise<OurApp> {
    const port = await freePort()
    const child = spawn(process.execPath, ['dist/server/main.js'], {
      cwd: root,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    const errors: string[] = []
    child.stderr?.on('data', (chunk: Buffer) => errors.push(chunk.toString('utf8')))
    const app = new OurApp(child, `http://127.0.0.1:${port}`, child.pid ?? 0)
    const deadline = Date.now() + START_TIMEOUT_MS
    for (;;) {
      if (child.exitCode !== null) throw new Error(`our server exited (${child.exitCode}): ${errors.join('')}`)
      const up = await fetch(`${app.url}/api/health`).then(
        (response) => response.ok,
        () => false,
      )
      if (up) return app
      if (Date.now() > deadline) {
        child.kill('SIGKILL')
        throw new Error(`our server did not start: ${errors.join('')}`)
      }
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }

  /** Creates a blank board through the API and puts `notes` on it as our note shapes; returns the edit link. */
  async createBoard(notes: readonly BenchNote[]): Promise<{ link: string; boardId: string; token: string }> {
    const response = await fetch(`${this.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Selainmittaus', template: 'blank' }),
    })
    if (response.status !== 201) throw new Error(`creating a board failed: ${response.status} ${await response.text()}`)
    const created = (await response.json()) as {
      board: { id: string }
      tokens: { edit: string }
      links: { edit: string }
    }
    const board = { id: created.board.id, token: created.tokens.edit }
    const client = connectClient(this.target(), board)
    try {
      await waitUntil(
        () => client.isSynced() && recordsOf(client.doc).length > 0,
        'the new board to sync',
        START_TIMEOUT_MS,
      )
      const records = getRecordsArray(client.doc)
      const now = Date.UTC(2026, 0, 1)
      const indices = getIndices(notes.length)
      for (let first = 0; first < notes.length; first += 100) {
        const batch = notes.slice(first, first + 100).map((note, offset) => {
          const i = first + offset
          const record = makeShapeRecord({
            id: benchNoteId(i),
            type: NOTE_SHAPE_TYPE,
            x: note.x,
            y: note.y,
            index: indices[i]!,
            props: {
              category: CATEGORIES[i % CATEGORIES.length],
              text: note.text,
              fields: {},
              author: `Osallistuja ${i % 40}`,
              createdAt: now + i * 1000,
              updatedAt: now + i * 1000,
              ...NOTE_DEFAULT_SIZE,
              categoryChosen: true,
            },
          })
          return { key: record.id, val: record }
        })
        client.doc.transact(() => records.push(batch))
      }
      // A second client holding every note means the server has them all.
      const expected = records.length
      const checker = connectClient(this.target(), board)
      try {
        await waitUntil(
          () => checker.isSynced() && recordsOf(checker.doc).length >= expected,
          'the seeded board to reach a second client',
          120_000,
        )
      } finally {
        checker.destroy()
      }
    } finally {
      client.destroy()
    }
    return { link: `${this.url}${created.links.edit}`, boardId: board.id, token: board.token }
  }

  target() {
    return {
      server: 'tilannekuva' as const,
      client: 'tilannekuva' as const,
      url: `${this.url.replace(/^http/, 'ws')}/sync`,
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return
    const exited = new Promise((resolve) => this.child.once('exit', resolve))
    this.child.kill('SIGTERM')
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000)
    await exited
    clearTimeout(timer)
  }
}

/**
 * The second participant on our board: a real client through the server that drags the first
 * MOVED_NOTES notes together, one update every MOVE_INTERVAL_MS, until stopped.
 */
export async function startRemoteMover(
  app: OurApp,
  board: { boardId: string; token: string },
  notes: readonly BenchNote[],
): Promise<() => Promise<number>> {
  const client = connectClient(app.target(), { id: board.boardId, token: board.token })
  await waitUntil(() => client.isSynced() && recordsOf(client.doc).length >= notes.length, 'the mover to sync', 120_000)
  const writer = new MirroredWriter(client.doc)
  const current = new Map<string, StoredRecord>(
    recordsOf(client.doc)
      .toArray()
      .map((entry) => [entry.key, entry.val]),
  )
  let step = 0
  const timer = setInterval(() => {
    step++
    client.doc.transact(() => {
      for (let i = 0; i < Math.min(MOVED_NOTES, notes.length); i++) {
        const previous = current.get(benchNoteId(i))
        if (!previous) continue
        const next = { ...previous, ...movedPosition(notes[i]!, i, step) }
        current.set(next.id, next)
        writer.set(next)
      }
    })
  }, MOVE_INTERVAL_MS)
  return async () => {
    clearInterval(timer)
    // Let the last updates leave before the socket closes.
    await new Promise((resolve) => setTimeout(resolve, 100))
    client.destroy()
    return step
  }
}

/** The anchor app and its notes, served over HTTP from this process. */
export async function serveAnchor(
  builtDir: string,
  notes: readonly BenchNote[],
): Promise<{ url: string; close(): Promise<void> }> {
  const notesJson = JSON.stringify(notes)
  const types: Record<string, string> = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.json': 'application/json',
    '.woff2': 'font/woff2',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
  }
  const server = http.createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://anchor').pathname
    if (pathname === '/notes.json') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(notesJson)
      return
    }
    const file = path.join(
      builtDir,
      pathname === '/' ? 'index.html' : path.normalize(pathname).replace(/^([/\\])+/, ''),
    )
    if (!file.startsWith(builtDir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      response.writeHead(404).end()
      return
    }
    response.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' })
    fs.createReadStream(file).pipe(response)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('anchor server has no port')
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** `count` notes on a jittered grid (about 1.3 notes' spacing), texts as a workshop writes them. */
export function benchNotes(count: number, random: () => number, text: (random: () => number) => string): BenchNote[] {
  const columns = Math.ceil(Math.sqrt(count * 1.5))
  return Array.from({ length: count }, (_, i) => ({
    x: (i % columns) * 320 + Math.round(random() * 40),
    y: Math.floor(i / columns) * 240 + Math.round(random() * 40),
    text: text(random),
  }))
}
