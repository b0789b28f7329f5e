import { describe, expect, test } from 'vitest'
import type { BoardStorage, StoredBoard, StoredParticipant, StoredVersion } from '../../server/storage/BoardStorage.js'
import { BoardExistsError, JoinCodeTakenError, UnknownBoardError } from '../../server/storage/BoardStorage.js'

let counter = 0
function sampleBoard(): StoredBoard {
  counter++
  return {
    board: {
      id: `board${String(counter).padStart(11, '0')}`,
      title: `Kärkölän tilannekuva ${counter}`,
      template: 'blank',
      language: 'fi',
      createdAt: new Date(Date.UTC(2026, 10, 25, 12, 0, counter)).toISOString(),
    },
    tokenHashes: { facilitator: 'a'.repeat(64), edit: 'b'.repeat(64), view: 'c'.repeat(64) },
    joinCodeHash: `join${counter}`.padEnd(64, '0'),
    sealedLinks: `v1.sealed-${counter}`,
  }
}

function sampleParticipant(name = 'Aino', group = 'municipality'): StoredParticipant {
  counter++
  return {
    participant: { id: `p_participant${String(counter).padStart(8, '0')}`, name, group },
    secretHash: `secret${counter}`.padEnd(64, '0'),
  }
}

const bytes = (...values: number[]) => new Uint8Array(values)

/** The behaviour every BoardStorage implementation must have; run once per implementation. */
export function storageContract(name: string, open: () => Promise<{ storage: BoardStorage; cleanup?: () => void }>) {
  describe(`${name} storage contract`, () => {
    const withStorage = (body: (storage: BoardStorage) => Promise<void>) => async () => {
      const { storage, cleanup } = await open()
      try {
        await body(storage)
      } finally {
        await storage.close()
        cleanup?.()
      }
    }

    test(
      'a created board reads back with its first update as seq 1',
      withStorage(async (storage) => {
        const stored = sampleBoard()
        await storage.createBoard(stored, bytes(1, 2, 3))
        expect(await storage.getBoard(stored.board.id)).toEqual(stored)
        const log = await storage.loadUpdates(stored.board.id)
        expect(log.lastSeq).toBe(1)
        expect(log.updates.map((u) => [...u])).toEqual([[1, 2, 3]])
      }),
    )

    test(
      'an unknown board reads as null',
      withStorage(async (storage) => {
        expect(await storage.getBoard('nosuchboard00000')).toBeNull()
      }),
    )

    test(
      'creating the same id twice fails with BoardExistsError',
      withStorage(async (storage) => {
        const stored = sampleBoard()
        await storage.createBoard(stored, bytes(1))
        await expect(storage.createBoard(stored, bytes(2))).rejects.toBeInstanceOf(BoardExistsError)
        expect((await storage.loadUpdates(stored.board.id)).updates).toHaveLength(1)
      }),
    )

    test(
      'appended updates come back in order with increasing seq',
      withStorage(async (storage) => {
        const stored = sampleBoard()
        await storage.createBoard(stored, bytes(0))
        expect(await storage.appendUpdates(stored.board.id, [bytes(1), bytes(2)])).toBe(3)
        expect(await storage.appendUpdates(stored.board.id, [bytes(3)])).toBe(4)
        const log = await storage.loadUpdates(stored.board.id)
        expect(log.updates.map((u) => u[0])).toEqual([0, 1, 2, 3])
        expect(log.lastSeq).toBe(4)
      }),
    )

    test(
      'boards keep separate logs',
      withStorage(async (storage) => {
        const first = sampleBoard()
        const second = sampleBoard()
        await storage.createBoard(first, bytes(10))
        await storage.createBoard(second, bytes(20))
        await storage.appendUpdates(first.board.id, [bytes(11)])
        expect((await storage.loadUpdates(first.board.id)).updates.map((u) => u[0])).toEqual([10, 11])
        expect((await storage.loadUpdates(second.board.id)).updates.map((u) => u[0])).toEqual([20])
      }),
    )

    test(
      'compaction replaces updates through a seq and keeps later ones',
      withStorage(async (storage) => {
        const stored = sampleBoard()
        await storage.createBoard(stored, bytes(0))
        await storage.appendUpdates(stored.board.id, [bytes(1), bytes(2), bytes(3)])
        await storage.compact(stored.board.id, bytes(99), 3)
        let log = await storage.loadUpdates(stored.board.id)
        expect(log.updates.map((u) => u[0])).toEqual([99, 3])
        expect(log.lastSeq).toBe(4)
        // Appending after compaction continues the sequence.
        expect(await storage.appendUpdates(stored.board.id, [bytes(5)])).toBe(5)
        log = await storage.loadUpdates(stored.board.id)
        expect(log.updates.map((u) => u[0])).toEqual([99, 3, 5])
      }),
    )

    test(
      'compacting everything leaves one state and the seq does not go back',
      withStorage(async (storage) => {
        const stored = sampleBoard()
        await storage.createBoard(stored, bytes(0))
        await storage.appendUpdates(stored.board.id, [bytes(1), bytes(2)])
        await storage.compact(stored.board.id, bytes(42), 3)
        const log = await storage.loadUpdates(stored.board.id)
        expect(log.updates.map((u) => u[0])).toEqual([42])
        expect(log.lastSeq).toBe(3)
        expect(await storage.appendUpdates(stored.board.id, [bytes(7)])).toBe(4)
      }),
    )

    test(
      'large updates round-trip byte for byte',
      withStorage(async (storage) => {
        const stored = sampleBoard()
        const big = new Uint8Array(2 * 1024 * 1024).map((_, i) => (i * 31) % 251)
        await storage.createBoard(stored, bytes(0))
        await storage.appendUpdates(stored.board.id, [big])
        const log = await storage.loadUpdates(stored.board.id)
        expect(Buffer.from(log.updates[1]!).equals(Buffer.from(big))).toBe(true)
      }),
    )

    test(
      'the latest snapshot replaces the previous one',
      withStorage(async (storage) => {
        const stored = sampleBoard()
        await storage.createBoard(stored, bytes(0))
        expect(await storage.loadSnapshot(stored.board.id)).toBeNull()
        await storage.saveSnapshot(stored.board.id, { json: '{"n":1}', builtFromSeq: 1 })
        await storage.saveSnapshot(stored.board.id, { json: '{"n":2,"text":"Åland – Ahvenanmaa"}', builtFromSeq: 1 })
        expect((await storage.loadSnapshot(stored.board.id))?.json).toBe('{"n":2,"text":"Åland – Ahvenanmaa"}')
      }),
    )

    test(
      'ping answers while open',
      withStorage(async (storage) => {
        await expect(storage.ping()).resolves.toBeUndefined()
      }),
    )
  })

  describe(`${name} storage: the seq a snapshot was built from`, () => {
    const run = (body: (storage: BoardStorage, boardId: string) => Promise<void>) => async () => {
      const { storage, cleanup } = await open()
      try {
        const stored = sampleBoard()
        await storage.createBoard(stored, bytes(0))
        await body(storage, stored.board.id)
      } finally {
        await storage.close()
        cleanup?.()
      }
    }

    test(
      'lastSeq follows appends and stays put through compaction',
      run(async (storage, boardId) => {
        expect(await storage.lastSeq(boardId)).toBe(1)
        await storage.appendUpdates(boardId, [bytes(1), bytes(2)])
        expect(await storage.lastSeq(boardId)).toBe(3)
        await storage.compact(boardId, bytes(9), 3)
        expect(await storage.lastSeq(boardId)).toBe(3)
      }),
    )

    test(
      'a snapshot comes back with the seq it was built from, replaced by the next',
      run(async (storage, boardId) => {
        await storage.saveSnapshot(boardId, { json: '{"a":1}', builtFromSeq: 1 })
        await storage.appendUpdates(boardId, [bytes(1)])
        await storage.saveSnapshot(boardId, { json: '{"a":2}', builtFromSeq: 2 })
        expect(await storage.loadSnapshot(boardId)).toEqual({ json: '{"a":2}', builtFromSeq: 2 })
      }),
    )
  })

  describe(`${name} storage: atomic appends, unknown boards, sequence through compaction`, () => {
    const run = (body: (storage: BoardStorage, boardId: string) => Promise<void>) => async () => {
      const { storage, cleanup } = await open()
      try {
        const stored = sampleBoard()
        await storage.createBoard(stored, bytes(0))
        await body(storage, stored.board.id)
      } finally {
        await storage.close()
        cleanup?.()
      }
    }
    const bytesOfLog = async (storage: BoardStorage, boardId: string) =>
      (await storage.loadUpdates(boardId)).updates.map((update) => [...update])

    test(
      'a batch with one write that fails leaves none of it, and the log goes on as before',
      run(async (storage, boardId) => {
        await storage.appendUpdates(boardId, [bytes(1)])
        // Not bytes: neither SQLite nor memory can store it, and it sits after two that could be.
        const broken = [bytes(2), bytes(3), { length: 1 } as unknown as Uint8Array, bytes(4)]
        await expect(storage.appendUpdates(boardId, broken)).rejects.toThrow()
        expect(await bytesOfLog(storage, boardId)).toEqual([[0], [1]])
        expect(await storage.lastSeq(boardId)).toBe(2)
        expect(await storage.appendUpdates(boardId, [bytes(5)])).toBe(3)
        expect(await bytesOfLog(storage, boardId)).toEqual([[0], [1], [5]])
      }),
    )

    test(
      'every board-scoped call on an unknown board rejects with UnknownBoardError',
      run(async (storage) => {
        const unknown = 'nosuchboard00000'
        const calls: [string, () => Promise<unknown>][] = [
          ['appendUpdates', () => storage.appendUpdates(unknown, [bytes(1)])],
          ['loadUpdates', () => storage.loadUpdates(unknown)],
          ['compact', () => storage.compact(unknown, bytes(9), 1)],
          ['lastSeq', () => storage.lastSeq(unknown)],
          ['saveSnapshot', () => storage.saveSnapshot(unknown, { json: '{}', builtFromSeq: 1 })],
          ['loadSnapshot', () => storage.loadSnapshot(unknown)],
          ['updateBoardAccess', () => storage.updateBoardAccess(unknown, sampleBoard())],
          ['createParticipant', () => storage.createParticipant(unknown, sampleParticipant())],
          ['findParticipant', () => storage.findParticipant(unknown, 'f'.repeat(64))],
          ['updateParticipant', () => storage.updateParticipant(unknown, sampleParticipant().participant)],
          ['loadVotes', () => storage.loadVotes(unknown)],
          [
            'saveVote',
            () =>
              storage.saveVote(unknown, { roundId: 'r_1', participantId: 'p', noteId: 'n', group: 'other', count: 1 }),
          ],
        ]
        for (const [method, call] of calls) {
          await expect(call(), method).rejects.toBeInstanceOf(UnknownBoardError)
          await expect(call(), method).rejects.toThrow(unknown)
        }
        // Nothing was created on the way.
        expect(await storage.getBoard(unknown)).toBeNull()
      }),
    )

    test(
      'a batch over several boards appends to each in order; an unknown board is refused alone',
      run(async (storage, boardId) => {
        if (!storage.appendBatch) return
        const other = sampleBoard()
        await storage.createBoard(other, bytes(10))
        const outcomes = await storage.appendBatch([
          { boardId, updates: [bytes(1), bytes(2)] },
          { boardId: 'nosuchboard00000', updates: [bytes(3)] },
          { boardId: other.board.id, updates: [bytes(11)] },
        ])
        expect(outcomes[0]).toEqual({ status: 'fulfilled', value: 3 })
        expect(outcomes[1]?.status === 'rejected' && outcomes[1].reason).toBeInstanceOf(UnknownBoardError)
        expect(outcomes[2]).toEqual({ status: 'fulfilled', value: 2 })
        expect(await bytesOfLog(storage, boardId)).toEqual([[0], [1], [2]])
        expect(await bytesOfLog(storage, other.board.id)).toEqual([[10], [11]])
        expect(await storage.appendUpdates(boardId, [bytes(4)])).toBe(4)
      }),
    )

    test(
      'a batch with one write that fails stores nothing of any board',
      run(async (storage, boardId) => {
        if (!storage.appendBatch) return
        const other = sampleBoard()
        await storage.createBoard(other, bytes(10))
        const broken = { length: 1 } as unknown as Uint8Array
        await expect(
          storage.appendBatch([
            { boardId: other.board.id, updates: [bytes(11)] },
            { boardId, updates: [bytes(1), broken] },
          ]),
        ).rejects.toThrow()
        expect(await bytesOfLog(storage, boardId)).toEqual([[0]])
        expect(await bytesOfLog(storage, other.board.id)).toEqual([[10]])
        expect(await storage.lastSeq(other.board.id)).toBe(1)
      }),
    )

    test(
      'compaction keeps every update appended after throughSeq, in order',
      run(async (storage, boardId) => {
        await storage.appendUpdates(boardId, [bytes(1), bytes(2)])
        // The room compacts the state it had at seq 3 while these arrive.
        await storage.appendUpdates(boardId, [bytes(3), bytes(4)])
        await storage.appendUpdates(boardId, [bytes(5)])
        await storage.compact(boardId, bytes(90), 3)
        expect(await bytesOfLog(storage, boardId)).toEqual([[90], [3], [4], [5]])
        expect(await storage.lastSeq(boardId)).toBe(6)
      }),
    )

    test(
      'sequence numbers strictly increase across repeated compactions',
      run(async (storage, boardId) => {
        const seqs = [await storage.lastSeq(boardId)]
        for (let round = 0; round < 4; round++) {
          seqs.push(await storage.appendUpdates(boardId, [bytes(round), bytes(round)]))
          await storage.compact(boardId, bytes(100 + round), seqs.at(-1)! - 1)
          seqs.push(await storage.appendUpdates(boardId, [bytes(50 + round)]))
          expect((await storage.loadUpdates(boardId)).lastSeq).toBe(seqs.at(-1))
        }
        for (let i = 1; i < seqs.length; i++) expect(seqs[i]!).toBeGreaterThan(seqs[i - 1]!)
      }),
    )
  })
  describe(`${name} storage: what opens a board`, () => {
    const withStorage = (body: (storage: BoardStorage) => Promise<void>) => async () => {
      const { storage, cleanup } = await open()
      try {
        await body(storage)
      } finally {
        await storage.close()
        cleanup?.()
      }
    }

    test(
      'new access replaces the token hashes, join code, sealed links and retired hashes at once; the board is found by its new join code only',
      withStorage(async (storage) => {
        const stored = sampleBoard()
        await storage.createBoard(stored, bytes(0))
        expect((await storage.findBoardByJoinCode(stored.joinCodeHash!))?.board.id).toBe(stored.board.id)
        const access = {
          tokenHashes: { ...stored.tokenHashes, edit: 'e'.repeat(64) },
          joinCodeHash: 'd'.repeat(64),
          sealedLinks: 'v1.resealed',
          retiredHashes: [stored.tokenHashes.edit, stored.joinCodeHash!],
        }
        await storage.updateBoardAccess(stored.board.id, access)
        expect(await storage.getBoard(stored.board.id)).toEqual({ board: stored.board, ...access })
        expect(await storage.findBoardByJoinCode(stored.joinCodeHash!)).toBeNull()
        expect(await storage.findBoardByJoinCode(access.joinCodeHash)).toEqual({ board: stored.board, ...access })
        // The log is untouched.
        expect((await storage.loadUpdates(stored.board.id)).updates).toHaveLength(1)
      }),
    )

    test(
      'a board made before join codes reads back without one, and an unknown join code finds nothing',
      withStorage(async (storage) => {
        const stored = { ...sampleBoard(), joinCodeHash: null, sealedLinks: null }
        const another = { ...sampleBoard(), joinCodeHash: null, sealedLinks: null }
        await storage.createBoard(stored, bytes(0))
        await storage.createBoard(another, bytes(0))
        expect(await storage.getBoard(stored.board.id)).toEqual(stored)
        expect(await storage.findBoardByJoinCode('9'.repeat(64))).toBeNull()
      }),
    )

    test(
      'a join code belongs to one board: creating or rotating onto a taken one fails and changes nothing',
      withStorage(async (storage) => {
        const first = sampleBoard()
        const second = sampleBoard()
        await storage.createBoard(first, bytes(0))
        await storage.createBoard(second, bytes(0))
        const clash = { ...sampleBoard(), joinCodeHash: first.joinCodeHash }
        await expect(storage.createBoard(clash, bytes(0))).rejects.toBeInstanceOf(JoinCodeTakenError)
        expect(await storage.getBoard(clash.board.id)).toBeNull()
        const access = {
          tokenHashes: { ...second.tokenHashes, edit: 'e'.repeat(64) },
          joinCodeHash: first.joinCodeHash,
          sealedLinks: 'x',
        }
        await expect(storage.updateBoardAccess(second.board.id, access)).rejects.toBeInstanceOf(JoinCodeTakenError)
        expect(await storage.getBoard(second.board.id)).toEqual(second)
        // Keeping its own join code is no clash.
        await storage.updateBoardAccess(first.board.id, { ...first, sealedLinks: 'v1.same-code' })
        expect((await storage.getBoard(first.board.id))?.sealedLinks).toBe('v1.same-code')
      }),
    )
  })

  describe(`${name} storage: participants`, () => {
    const run = (body: (storage: BoardStorage, boardId: string, otherBoardId: string) => Promise<void>) => async () => {
      const { storage, cleanup } = await open()
      try {
        const stored = sampleBoard()
        const other = sampleBoard()
        await storage.createBoard(stored, bytes(0))
        await storage.createBoard(other, bytes(0))
        await body(storage, stored.board.id, other.board.id)
      } finally {
        await storage.close()
        cleanup?.()
      }
    }

    test(
      "a participant is found by its secret's hash on its own board only",
      run(async (storage, boardId, otherBoardId) => {
        const aino = sampleParticipant('Aino Äijälä', 'municipality')
        const pekka = sampleParticipant('Pekka', 'company')
        await storage.createParticipant(boardId, aino)
        await storage.createParticipant(boardId, pekka)
        expect(await storage.findParticipant(boardId, aino.secretHash)).toEqual(aino.participant)
        expect(await storage.findParticipant(boardId, pekka.secretHash)).toEqual(pekka.participant)
        expect(await storage.findParticipant(otherBoardId, aino.secretHash)).toBeNull()
        expect(await storage.findParticipant(boardId, 'f'.repeat(64))).toBeNull()
      }),
    )

    test(
      'participants are counted per board; an unknown board has none',
      run(async (storage, boardId, otherBoardId) => {
        expect(await storage.countParticipants(boardId)).toBe(0)
        await storage.createParticipant(boardId, sampleParticipant())
        await storage.createParticipant(boardId, sampleParticipant())
        await storage.createParticipant(otherBoardId, sampleParticipant())
        expect(await storage.countParticipants(boardId)).toBe(2)
        expect(await storage.countParticipants(otherBoardId)).toBe(1)
        expect(await storage.countParticipants('b_unknownboard00000')).toBe(0)
      }),
    )

    test(
      "changing a participant's name and group keeps its id and secret; another board cannot change it",
      run(async (storage, boardId, otherBoardId) => {
        const aino = sampleParticipant('Aino', 'municipality')
        await storage.createParticipant(boardId, aino)
        const renamed = { ...aino.participant, name: 'Aino K.', group: 'undisclosed' }
        expect(await storage.updateParticipant(otherBoardId, { ...renamed, name: 'Huijari' })).toBe(false)
        expect(await storage.updateParticipant(boardId, renamed)).toBe(true)
        expect(await storage.findParticipant(boardId, aino.secretHash)).toEqual(renamed)
        const unknown = sampleParticipant().participant
        expect(await storage.updateParticipant(boardId, unknown)).toBe(false)
        expect(await storage.findParticipant(boardId, aino.secretHash)).toEqual(renamed)
      }),
    )

    test(
      'a participant id or secret hash is registered once',
      run(async (storage, boardId, otherBoardId) => {
        const aino = sampleParticipant()
        await storage.createParticipant(boardId, aino)
        await expect(storage.createParticipant(boardId, { ...aino, secretHash: 'e'.repeat(64) })).rejects.toThrow()
        await expect(storage.createParticipant(otherBoardId, aino)).rejects.toThrow()
        const newId = { ...sampleParticipant(), secretHash: aino.secretHash }
        await expect(storage.createParticipant(boardId, newId)).rejects.toThrow()
        expect(await storage.findParticipant(boardId, aino.secretHash)).toEqual(aino.participant)
        expect(await storage.findParticipant(otherBoardId, aino.secretHash)).toBeNull()
      }),
    )
  })

  describe(`${name} storage: votes`, () => {
    test('a vote count per round, identity and note is replaced, removed at 0, and kept per board', async () => {
      const { storage, cleanup } = await open()
      try {
        const stored = sampleBoard()
        const other = sampleBoard()
        await storage.createBoard(stored, bytes(0))
        await storage.createBoard(other, bytes(0))
        const boardId = stored.board.id
        const vote = { roundId: 'r_round0001', participantId: 'p_a', noteId: 'shape:n1', group: 'business', count: 1 }
        await storage.saveVote(boardId, vote)
        await storage.saveVote(boardId, { ...vote, noteId: 'shape:n2', count: 2 })
        await storage.saveVote(boardId, { ...vote, count: 3 })
        await storage.saveVote(other.board.id, { ...vote, participantId: 'p_b' })
        const sorted = (votes: Awaited<ReturnType<BoardStorage['loadVotes']>>) =>
          [...votes].sort((a, b) => a.noteId.localeCompare(b.noteId))
        expect(sorted(await storage.loadVotes(boardId))).toEqual([
          { ...vote, count: 3 },
          { ...vote, noteId: 'shape:n2', count: 2 },
        ])
        await storage.saveVote(boardId, { ...vote, count: 0 })
        expect(await storage.loadVotes(boardId)).toEqual([{ ...vote, noteId: 'shape:n2', count: 2 }])
        expect(await storage.loadVotes(other.board.id)).toEqual([{ ...vote, participantId: 'p_b' }])
      } finally {
        await storage.close()
        cleanup?.()
      }
    })
  })

  describe(`${name} storage: versions`, () => {
    const withStorage = (body: (storage: BoardStorage) => Promise<void>) => async () => {
      const { storage, cleanup } = await open()
      try {
        await body(storage)
      } finally {
        await storage.close()
        cleanup?.()
      }
    }
    const version = (id: string, createdAt: string, extra: Partial<StoredVersion> = {}): StoredVersion => ({
      id,
      kind: 'automatic',
      name: null,
      createdAt,
      createdBy: null,
      sizeBytes: 5,
      state: bytes(1, 2, 3),
      snapshotJson: '{"v":1}',
      ...extra,
    })

    test(
      'versions list newest first without contents, load with them, and belong to one board',
      withStorage(async (storage) => {
        const stored = sampleBoard()
        const other = sampleBoard()
        await storage.createBoard(stored, bytes(0))
        await storage.createBoard(other, bytes(0))
        const boardId = stored.board.id
        await storage.saveVersion(boardId, version('v_aaaaaaaaaaaaaaa1', '2026-06-03T09:00:00.000Z'))
        await storage.saveVersion(
          boardId,
          version('v_aaaaaaaaaaaaaaa2', '2026-06-03T10:00:00.000Z', {
            kind: 'named',
            name: 'Työpaja 1 jälkeen',
            createdBy: 'facilitator',
            state: bytes(9, 8),
            snapshotJson: '{"v":2}',
          }),
        )
        await storage.saveVersion(other.board.id, version('v_bbbbbbbbbbbbbbb1', '2026-06-03T11:00:00.000Z'))
        expect(await storage.listVersions(boardId)).toEqual([
          {
            id: 'v_aaaaaaaaaaaaaaa2',
            kind: 'named',
            name: 'Työpaja 1 jälkeen',
            createdAt: '2026-06-03T10:00:00.000Z',
            createdBy: 'facilitator',
            sizeBytes: 5,
          },
          {
            id: 'v_aaaaaaaaaaaaaaa1',
            kind: 'automatic',
            name: null,
            createdAt: '2026-06-03T09:00:00.000Z',
            createdBy: null,
            sizeBytes: 5,
          },
        ])
        const loaded = await storage.loadVersion(boardId, 'v_aaaaaaaaaaaaaaa2')
        expect(loaded && [...loaded.state]).toEqual([9, 8])
        expect(loaded?.snapshotJson).toBe('{"v":2}')
        // Another board's version is not this board's.
        expect(await storage.loadVersion(boardId, 'v_bbbbbbbbbbbbbbb1')).toBeNull()
        expect(await storage.loadVersion(boardId, 'v_nosuchversion00')).toBeNull()
        await expect(
          storage.saveVersion(boardId, version('v_aaaaaaaaaaaaaaa1', '2026-06-03T12:00:00.000Z')),
        ).rejects.toThrow()
      }),
    )

    test(
      "deleting versions removes only this board's; unknown boards are refused",
      withStorage(async (storage) => {
        const stored = sampleBoard()
        const other = sampleBoard()
        await storage.createBoard(stored, bytes(0))
        await storage.createBoard(other, bytes(0))
        await storage.saveVersion(stored.board.id, version('v_ccccccccccccccc1', '2026-06-03T09:00:00.000Z'))
        await storage.saveVersion(stored.board.id, version('v_ccccccccccccccc2', '2026-06-03T09:30:00.000Z'))
        await storage.saveVersion(other.board.id, version('v_ddddddddddddddd1', '2026-06-03T09:00:00.000Z'))
        await storage.deleteVersions(stored.board.id, ['v_ccccccccccccccc1', 'v_ddddddddddddddd1'])
        expect((await storage.listVersions(stored.board.id)).map((v) => v.id)).toEqual(['v_ccccccccccccccc2'])
        expect((await storage.listVersions(other.board.id)).map((v) => v.id)).toEqual(['v_ddddddddddddddd1'])
        await expect(storage.listVersions('nosuchboard00000')).rejects.toBeInstanceOf(UnknownBoardError)
        await expect(
          storage.saveVersion('nosuchboard00000', version('v_eeeeeeeeeeeeeee1', '2026-06-03T09:00:00.000Z')),
        ).rejects.toBeInstanceOf(UnknownBoardError)
        await expect(storage.loadVersion('nosuchboard00000', 'v_ccccccccccccccc2')).rejects.toBeInstanceOf(
          UnknownBoardError,
        )
      }),
    )
  })
}
