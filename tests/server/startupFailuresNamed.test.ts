import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { describeStartupFailure } from '../../server/startupFailure.js'
import { SqliteStorage } from '../../server/storage/SqliteStorage.js'
import { runServerExpectingFailure } from '../helpers/failedStart.js'
import { makeTempDir } from '../helpers/server.js'
import { storedBoard } from '../helpers/storedBoard.js'

const PAGE = 4096
const isRoot = process.getuid?.() === 0
const mounts: string[] = []
afterEach(() => {
  for (const mountPoint of mounts.splice(0)) execFileSync('umount', [mountPoint])
})

/** A real board database of a few hundred pages, closed (WAL checkpointed into the file). */
async function boardDatabase(): Promise<{ dataDir: string; file: string }> {
  const dataDir = makeTempDir()
  const storage = SqliteStorage.inDataDir(dataDir)
  for (let i = 0; i < 20; i++) {
    await storage.createBoard(storedBoard(`board${i}`), new Uint8Array(8 * 1024).fill(i))
    await storage.appendUpdates(`board${i}`, [new Uint8Array(40 * 1024).fill(i + 1)])
  }
  await storage.close()
  const file = path.join(dataDir, 'tilannekuva.sqlite')
  expect(fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0).toBe(0)
  return { dataDir, file }
}

function expectOneLine(stderr: string, ...parts: string[]): void {
  const lines = stderr.trim().split('\n')
  expect(lines).toHaveLength(1)
  for (const part of parts) expect(lines[0]).toContain(part)
  expect(stderr).not.toMatch(/\n\s+at /)
}

test('a truncated database stops the start with one line naming the damaged file', async () => {
  const { dataDir, file } = await boardDatabase()
  fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2))
  const result = await runServerExpectingFailure({ DATA_DIR: dataDir })
  expect(result.exitCode).toBe(1)
  expectOneLine(result.stderr, file, 'damaged', 'backup')
})

// Before quick_check at start, such a database started "ok" and failed later, board by board.
test('a database with garbage pages is caught by the integrity check at start', async () => {
  const { dataDir, file } = await boardDatabase()
  const pages = fs.statSync(file).size / PAGE
  const fd = fs.openSync(file, 'r+')
  fs.writeSync(fd, Buffer.alloc(PAGE * 4, 0x5a), 0, PAGE * 4, PAGE * Math.floor(pages / 2))
  fs.closeSync(fd)
  const result = await runServerExpectingFailure({ DATA_DIR: dataDir })
  expect(result.exitCode).toBe(1)
  expectOneLine(result.stderr, file, 'damaged')
})

test('a file that is not a database at all is named as such', async () => {
  const dataDir = makeTempDir()
  fs.writeFileSync(path.join(dataDir, 'tilannekuva.sqlite'), Buffer.alloc(3 * PAGE, 7))
  const result = await runServerExpectingFailure({ DATA_DIR: dataDir })
  expect(result.exitCode).toBe(1)
  expectOneLine(result.stderr, 'not a database')
})

/** A directory no write can reach: a read-only tmpfs when we may mount, else permissions. */
function readOnlyDir(): string {
  const dir = makeTempDir()
  if (isRoot) {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,ro', 'tmpfs', dir])
    mounts.push(dir)
  } else {
    fs.chmodSync(dir, 0o500)
  }
  return dir
}

test('an unwritable DATA_DIR is named, not a stack trace', async () => {
  const dataDir = readOnlyDir()
  const result = await runServerExpectingFailure({ DATA_DIR: dataDir })
  expect(result.exitCode).toBe(1)
  expectOneLine(result.stderr, `DATA_DIR ${dataDir} cannot be read and written`)
})

test('a DATA_DIR that is a file is named', async () => {
  const dataDir = path.join(makeTempDir(), 'not-a-dir')
  fs.writeFileSync(dataDir, 'x')
  const result = await runServerExpectingFailure({ DATA_DIR: dataDir })
  expect(result.exitCode).toBe(1)
  expectOneLine(result.stderr, `DATA_DIR ${dataDir}`)
})

// A full disk needs a filesystem we can fill: a tiny tmpfs, which only root may mount.
test.runIf(isRoot)('a full disk is named at start', async () => {
  const dataDir = makeTempDir()
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', dataDir])
  mounts.push(dataDir)
  const filler = fs.openSync(path.join(dataDir, 'filler'), 'w')
  try {
    for (;;) fs.writeSync(filler, Buffer.alloc(PAGE))
  } catch (error) {
    expect((error as { code?: string }).code).toBe('ENOSPC')
  } finally {
    fs.closeSync(filler)
  }
  const result = await runServerExpectingFailure({ DATA_DIR: dataDir })
  expect(result.exitCode).toBe(1)
  expectOneLine(result.stderr, `the disk holding DATA_DIR ${dataDir} is full`)
})

test('SQLite and file-system error codes map to the cause an operator can act on', () => {
  const context = { dataDir: '/srv/data', databaseFile: '/srv/data/tilannekuva.sqlite', host: '0.0.0.0', port: 80 }
  const failure = (code: string) => describeStartupFailure(Object.assign(new Error('x'), { code }), context)
  expect(failure('SQLITE_FULL')).toContain('is full')
  expect(failure('ENOSPC')).toContain('is full')
  expect(failure('SQLITE_CORRUPT_INDEX')).toContain('damaged')
  expect(failure('SQLITE_READONLY_DBMOVED')).toContain('cannot be read and written')
  expect(failure('SQLITE_CANTOPEN')).toContain('cannot be read and written')
  expect(failure('EADDRINUSE')).toContain('port 80')
  expect(failure('SQLITE_IOERR_WRITE')).toContain('check the disk')
  expect(failure('SOMETHING_ELSE')).toBeNull()
})
