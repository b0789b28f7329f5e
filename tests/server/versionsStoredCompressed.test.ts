import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, expect, test } from 'vitest'
import type { StoredVersion } from '../../server/storage/BoardStorage.js'
import { SqliteStorage } from '../../server/storage/SqliteStorage.js'
import { makeTempDir } from '../helpers/server.js'
import { storedBoard } from '../helpers/storedBoard.js'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

const BOARD_ID = 'compressedvers00'
/** A snapshot of the size of a 500-note board's, repetitive as real notes are. */
const bigJson = JSON.stringify({
  notes: Array.from({ length: 500 }, (_, i) => ({
    id: `shape:n${i}`,
    text: `Lappu ${i}: osaajapula`,
    category: 'need',
  })),
})
const bigState = new Uint8Array(Buffer.from(bigJson.repeat(2)))

const version = (id: string): StoredVersion => ({
  id,
  kind: 'automatic',
  name: null,
  createdAt: '2026-06-03T09:00:00.000Z',
  createdBy: null,
  sizeBytes: bigState.byteLength + bigJson.length,
  state: bigState,
  snapshotJson: bigJson,
})

test('SQLite stores a version compressed, reads it back exactly, and still reads rows stored uncompressed', async () => {
  const dir = makeTempDir()
  dirs.push(dir)
  const storage = SqliteStorage.inDataDir(dir)
  await storage.createBoard(storedBoard(BOARD_ID, 'Pakattu'), new Uint8Array([1]))
  await storage.saveVersion(BOARD_ID, version('v_compressed00001'))

  // A row as the server stored them before compression: the state as encoded, the snapshot as TEXT.
  const raw = new Database(path.join(dir, 'tilannekuva.sqlite'))
  try {
    raw
      .prepare(
        `INSERT INTO versions (id, board_id, kind, name, created_at, created_by, state, snapshot, size_bytes)
         VALUES (?, ?, 'named', 'Vanha', '2026-06-02T09:00:00.000Z', 'facilitator', ?, ?, 7)`,
      )
      .run('v_uncompressed001', BOARD_ID, Buffer.from([4, 5, 6]), '{"old":true}')
    const stored = raw
      .prepare<[string], { state: Buffer; snapshot: Buffer }>('SELECT state, snapshot FROM versions WHERE id = ?')
      .get('v_compressed00001')
    expect(Buffer.isBuffer(stored?.snapshot)).toBe(true)
    // The snapshot and the state each take a small part of their plain size.
    expect(stored!.snapshot.byteLength).toBeLessThan(bigJson.length / 10)
    expect(stored!.state.byteLength).toBeLessThan(bigState.byteLength / 10)
  } finally {
    raw.close()
  }

  const compressed = await storage.loadVersion(BOARD_ID, 'v_compressed00001')
  expect(compressed?.snapshotJson).toBe(bigJson)
  expect(Buffer.from(compressed!.state).equals(Buffer.from(bigState))).toBe(true)
  const old = await storage.loadVersion(BOARD_ID, 'v_uncompressed001')
  expect(old).toMatchObject({ name: 'Vanha', sizeBytes: 7, snapshotJson: '{"old":true}' })
  expect([...old!.state]).toEqual([4, 5, 6])
  expect((await storage.listVersions(BOARD_ID)).map((listed) => listed.id)).toEqual([
    'v_compressed00001',
    'v_uncompressed001',
  ])
  await storage.close()
})
