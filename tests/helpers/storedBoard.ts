import type { StoredBoard } from '../../server/storage/BoardStorage.js'

/** A board as storage keeps it, for tests that create boards directly in a storage. */
export function storedBoard(id: string, title = 'Testitaulu'): StoredBoard {
  return {
    board: { id, title, template: 'blank', language: 'fi', createdAt: new Date().toISOString() },
    tokenHashes: { facilitator: 'a', edit: 'b', view: 'c' },
    joinCodeHash: null,
    sealedLinks: null,
  }
}
