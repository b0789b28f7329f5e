import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { MemoryStorage } from '../../server/storage/MemoryStorage.js'
import { SqliteStorage } from '../../server/storage/SqliteStorage.js'
import { makeTempDir } from '../helpers/server.js'
import { storageContract } from './storageContract.js'

storageContract('in-memory', async () => ({ storage: new MemoryStorage() }))

storageContract('SQLite', async () => {
  const dir = makeTempDir()
  return { storage: SqliteStorage.inDataDir(dir), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) }
})

test('SQLite keeps its data across reopening the file, in WAL mode', async () => {
  const dir = makeTempDir()
  const first = SqliteStorage.inDataDir(dir)
  await first.createBoard(
    {
      board: { id: 'reopenreopen0000', title: 'Å', template: 'blank',
      language: 'fi', createdAt: new Date().toISOString() },
      tokenHashes: { facilitator: 'a', edit: 'b', view: 'c' },
    },
    new Uint8Array([1]),
  )
  await first.appendUpdates('reopenreopen0000', [new Uint8Array([2])])
  await first.close()
  expect(fs.existsSync(path.join(dir, 'tilannekuva.sqlite'))).toBe(true)
  const second = SqliteStorage.inDataDir(dir)
  expect((await second.getBoard('reopenreopen0000'))?.board.title).toBe('Å')
  expect((await second.loadUpdates('reopenreopen0000')).updates).toHaveLength(2)
  await second.close()
  await expect(second.ping()).rejects.toThrow()
})
