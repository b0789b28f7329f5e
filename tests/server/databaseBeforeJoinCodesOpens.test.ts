import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, expect, test } from 'vitest'
import { SqliteStorage } from '../../server/storage/SqliteStorage.js'
import { makeTempDir } from '../helpers/server.js'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

/** A data directory as the server wrote it before join codes, sealed links and participants. */
function oldDataDir(): string {
  const dir = makeTempDir()
  dirs.push(dir)
  const db = new Database(path.join(dir, 'tilannekuva.sqlite'))
  db.exec(`
    CREATE TABLE boards (id TEXT PRIMARY KEY, title TEXT NOT NULL, template TEXT NOT NULL, language TEXT NOT NULL,
      created_at TEXT NOT NULL, facilitator_hash TEXT NOT NULL, edit_hash TEXT NOT NULL, view_hash TEXT NOT NULL);
    CREATE TABLE board_updates (board_id TEXT NOT NULL REFERENCES boards(id), seq INTEGER NOT NULL, data BLOB NOT NULL,
      PRIMARY KEY (board_id, seq)) WITHOUT ROWID;
    CREATE TABLE board_snapshots (board_id TEXT PRIMARY KEY REFERENCES boards(id), snapshot TEXT NOT NULL,
      built_from_seq INTEGER NOT NULL DEFAULT 0);
  `)
  for (const id of ['oldboardoldboard', 'secondoldboard00']) {
    db.prepare('INSERT INTO boards VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      id,
      'Vanha taulu',
      'blank',
      'fi',
      '2026-01-01T00:00:00.000Z',
      'a'.repeat(64),
      'b'.repeat(64),
      'c'.repeat(64),
    )
    db.prepare('INSERT INTO board_updates VALUES (?, 1, ?)').run(id, Buffer.from([1]))
  }
  db.close()
  return dir
}

test('a database made before join codes opens: its boards read without join code or links, and gain both', async () => {
  const dir = oldDataDir()
  const storage = SqliteStorage.inDataDir(dir)
  try {
    const old = await storage.getBoard('oldboardoldboard')
    expect(old).toMatchObject({ joinCodeHash: null, sealedLinks: null, tokenHashes: { edit: 'b'.repeat(64) } })
    // Two boards without a join code do not clash with each other.
    await storage.updateBoardAccess('oldboardoldboard', { ...old!, joinCodeHash: 'd'.repeat(64), sealedLinks: 'v1.x' })
    expect((await storage.findBoardByJoinCode('d'.repeat(64)))?.board.id).toBe('oldboardoldboard')
    expect((await storage.getBoard('secondoldboard00'))?.joinCodeHash).toBeNull()
    const participant = { id: 'p_oldboardparticipant', name: 'Aino', group: 'association' }
    await storage.createParticipant('oldboardoldboard', { participant, secretHash: 'e'.repeat(64) })
    expect(await storage.findParticipant('oldboardoldboard', 'e'.repeat(64))).toEqual(participant)
  } finally {
    await storage.close()
  }
  // Opening it again (the columns and table exist now) changes nothing.
  const reopened = SqliteStorage.inDataDir(dir)
  expect((await reopened.getBoard('oldboardoldboard'))?.sealedLinks).toBe('v1.x')
  expect((await reopened.loadUpdates('secondoldboard00')).updates).toHaveLength(1)
  await reopened.close()
})
