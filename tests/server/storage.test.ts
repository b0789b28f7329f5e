import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { expect, test } from 'vitest'
import { MemoryStorage } from '../../server/storage/MemoryStorage.js'
import { SqliteStorage } from '../../server/storage/SqliteStorage.js'
import { makeTempDir } from '../helpers/server.js'
import { storedBoard } from '../helpers/storedBoard.js'
import { storageContract } from './storageContract.js'

storageContract('in-memory', async () => ({ storage: new MemoryStorage() }))

storageContract('SQLite', async () => {
  const dir = makeTempDir()
  return { storage: SqliteStorage.inDataDir(dir), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) }
})

test('SQLite keeps its data across reopening the file, in WAL mode', async () => {
  const dir = makeTempDir()
  const first = SqliteStorage.inDataDir(dir)
  await first.createBoard(storedBoard('reopenreopen0000', 'Å'), new Uint8Array([1]))
  await first.appendUpdates('reopenreopen0000', [new Uint8Array([2])])
  await first.close()
  expect(fs.existsSync(path.join(dir, 'tilannekuva.sqlite'))).toBe(true)
  const second = SqliteStorage.inDataDir(dir)
  expect((await second.getBoard('reopenreopen0000'))?.board.title).toBe('Å')
  expect((await second.loadUpdates('reopenreopen0000')).updates).toHaveLength(2)
  await second.close()
  await expect(second.ping()).rejects.toThrow()
})

async function writeEightMiB(dir: string, checkpointIntervalMs: number, truncateWalAfterPages?: number) {
  const storage = SqliteStorage.inDataDir(dir, {
    checkpointIntervalMs,
    ...(truncateWalAfterPages ? { truncateWalAfterPages } : {}),
  })
  const boardId = 'walwalwalwal0000'
  await storage.createBoard(storedBoard(boardId, 'WAL'), new Uint8Array([1]))
  // 8 MiB: far past the 1000 pages (4 MiB) at which a commit would checkpoint by itself.
  const update = new Uint8Array(4096).fill(7)
  for (let i = 0; i < 64; i++)
    await storage.appendUpdates(
      boardId,
      Array.from({ length: 32 }, () => update),
    )
  return { storage, boardId, update }
}

const MIB = 1024 * 1024

test('SQLite commits never checkpoint the WAL; the worker does, and a last time on close', async () => {
  const dir = makeTempDir()
  const file = path.join(dir, 'tilannekuva.sqlite')
  const { storage, boardId, update } = await writeEightMiB(dir, 60_000)
  // The commits only appended to the WAL: the database file has not taken the pages.
  expect(fs.statSync(file).size).toBeLessThan(MIB)
  await storage.close()
  expect(fs.statSync(file).size).toBeGreaterThan(4 * MIB)

  const reopened = SqliteStorage.inDataDir(dir)
  const { updates, lastSeq } = await reopened.loadUpdates(boardId)
  expect(lastSeq).toBe(1 + 64 * 32)
  expect(updates[updates.length - 1]).toEqual(update)
  await reopened.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

test('SQLite checkpoints the WAL periodically while the server runs', async () => {
  const dir = makeTempDir()
  const file = path.join(dir, 'tilannekuva.sqlite')
  const { storage } = await writeEightMiB(dir, 50)
  const deadline = Date.now() + 10_000
  while (fs.statSync(file).size < 4 * MIB && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  expect(fs.statSync(file).size).toBeGreaterThan(4 * MIB)
  await storage.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

test('SQLite truncates a WAL that writes kept from starting over, so it stays bounded', async () => {
  const dir = makeTempDir()
  const wal = path.join(dir, 'tilannekuva.sqlite-wal')
  const { storage, boardId, update } = await writeEightMiB(dir, 20, 256)
  // Past 256 pages (1 MiB) the worker truncates the WAL once it has copied it.
  const deadline = Date.now() + 10_000
  while (fs.statSync(wal).size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
  expect(fs.statSync(wal).size).toBe(0)
  expect((await storage.loadUpdates(boardId)).updates.at(-1)).toEqual(update)
  await storage.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

test('SQLite opens a database made before snapshots kept their seq, and marks those snapshots as behind', async () => {
  const dir = makeTempDir()
  const file = path.join(dir, 'tilannekuva.sqlite')
  const first = SqliteStorage.inDataDir(dir)
  await first.createBoard(storedBoard('oldsnapshot00000', 'Vanha'), new Uint8Array([1]))
  await first.close()
  // Rebuild the snapshot table as the previous schema had it.
  const db = new Database(file)
  db.exec('DROP TABLE board_snapshots')
  db.exec('CREATE TABLE board_snapshots (board_id TEXT PRIMARY KEY REFERENCES boards(id), snapshot TEXT NOT NULL)')
  db.prepare('INSERT INTO board_snapshots (board_id, snapshot) VALUES (?, ?)').run('oldsnapshot00000', '{"old":true}')
  db.close()
  const second = SqliteStorage.inDataDir(dir)
  expect(await second.loadSnapshot('oldsnapshot00000')).toEqual({ json: '{"old":true}', builtFromSeq: 0 })
  await second.saveSnapshot('oldsnapshot00000', { json: '{"new":true}', builtFromSeq: 1 })
  expect(await second.loadSnapshot('oldsnapshot00000')).toEqual({ json: '{"new":true}', builtFromSeq: 1 })
  await second.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

test('SQLite leaves none of a batch when the database refuses one of its rows (a trigger here)', async () => {
  const dir = makeTempDir()
  const storage = SqliteStorage.inDataDir(dir)
  const boardId = 'triggertrigger00'
  try {
    await storage.createBoard(storedBoard(boardId), new Uint8Array([1]))
    // Another connection changes the schema, as a failing disk or constraint would refuse a row.
    const other = new Database(path.join(dir, 'tilannekuva.sqlite'))
    other.exec(`CREATE TRIGGER refuse_seven BEFORE INSERT ON board_updates WHEN NEW.data = x'07'
      BEGIN SELECT RAISE(ABORT, 'refused'); END`)
    other.close()
    const batch = [new Uint8Array([2]), new Uint8Array([7]), new Uint8Array([3])]
    await expect(storage.appendUpdates(boardId, batch)).rejects.toThrow('refused')
    const log = await storage.loadUpdates(boardId)
    expect(log.updates.map((update) => [...update])).toEqual([[1]])
    expect(await storage.appendUpdates(boardId, [new Uint8Array([4])])).toBe(2)
  } finally {
    await storage.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
