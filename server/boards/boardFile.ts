import * as Y from 'yjs'
import type { Board } from '../../shared/api.js'
import { BOARD_FILE_FORMAT, BOARD_FILE_VERSION, type BoardFile, type BoardFileVote } from '../../shared/boardFile.js'
import {
  DOCUMENT_RECORD_TYPES,
  getMetaMap,
  META_SCHEMA_KEY,
  newBoardDocumentUpdate,
  readBoardRecords,
  type StoredRecord,
} from '../../shared/boardDocument.js'
import { FACILITATION_MAP_NAME, readFacilitation } from '../../shared/facilitation.js'
import { readVoting, VOTING_STATE_KEY } from '../../shared/voting.js'
import type { StoredVote } from '../storage/BoardStorage.js'

/** A board file that cannot become a board; `message` says why, for the 400 (or 413) answer. */
export class BoardFileError extends Error {
  constructor(
    message: string,
    readonly tooLarge = false,
  ) {
    super(message)
  }
}

/** The file a facilitator downloads (shared/boardFile.ts). */
export function writeBoardFile(
  board: Board,
  state: Uint8Array,
  votes: readonly StoredVote[],
  snapshot: unknown,
  exportedAt: Date,
): BoardFile {
  return {
    format: BOARD_FILE_FORMAT,
    formatVersion: BOARD_FILE_VERSION,
    exportedAt: exportedAt.toISOString(),
    board: { title: board.title, template: board.template, language: board.language, createdAt: board.createdAt },
    state: Buffer.from(state).toString('base64'),
    votes: votes.filter((vote) => vote.count > 0),
    snapshot,
  }
}

export interface ImportedBoard {
  /** The new board's first update: a fresh document with the file's records, schema and rounds. */
  document: Uint8Array
  votes: BoardFileVote[]
  recordCount: number
}

const isDocumentRecord = (value: unknown): value is StoredRecord =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as StoredRecord).id === 'string' &&
  DOCUMENT_RECORD_TYPES.has((value as StoredRecord).typeName)

/**
 * What of a file becomes the new board. Its state is applied to a scratch document only to read
 * the records out of it: whatever else the file's document holds stays behind (see
 * shared/boardFile.ts). Votes for rounds the file does not have are dropped.
 */
export function readBoardFile(file: BoardFile, maxBoardBytes: number): ImportedBoard {
  const bytes = Buffer.from(file.state, 'base64')
  if (maxBoardBytes > 0 && bytes.byteLength > maxBoardBytes) {
    throw new BoardFileError(`the board in the file is larger than this server's limit of ${maxBoardBytes} bytes`, true)
  }
  const scratch = new Y.Doc()
  try {
    try {
      Y.applyUpdate(scratch, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))
    } catch {
      throw new BoardFileError('state is not a board document')
    }
    if (scratch.store.pendingStructs !== null || scratch.store.pendingDs !== null) {
      throw new BoardFileError('state refers to parts of a document that the file does not contain')
    }
    const schema = getMetaMap(scratch).get(META_SCHEMA_KEY)
    const records = readBoardRecords(scratch).filter(isDocumentRecord)
    if (typeof schema !== 'object' || schema === null || !records.some((record) => record.typeName === 'page')) {
      throw new BoardFileError('state is not a board document (no schema or no page)')
    }
    const facilitation = scratch.getMap(FACILITATION_MAP_NAME)
    const voting = readVoting(facilitation)
    const { peopleVisible } = readFacilitation(facilitation)

    const fresh = new Y.Doc()
    Y.applyUpdate(fresh, newBoardDocumentUpdate(schema, records))
    fresh.transact(() => {
      const map = fresh.getMap(FACILITATION_MAP_NAME)
      if (voting.rounds.length > 0) map.set(VOTING_STATE_KEY, voting)
      if (peopleVisible) map.set('peopleVisible', true)
    })
    const document = Y.encodeStateAsUpdate(fresh)
    fresh.destroy()
    const rounds = new Set(voting.rounds.map((round) => round.id))
    return {
      document,
      votes: file.votes.filter((vote) => rounds.has(vote.roundId)),
      recordCount: records.length,
    }
  } finally {
    scratch.destroy()
  }
}
