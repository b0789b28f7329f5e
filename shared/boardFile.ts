/**
 * One board as a file, to move it between installations: what the facilitator downloads from
 * `GET /api/boards/:id/file` and what `POST /api/boards/import` turns into a new board there.
 *
 * The file holds the board's Yjs document as it was (`state`), the votes of its rounds (kept by
 * the server, outside the document), and its situational picture (`snapshot`) so that the file
 * can be read without the app. On import only `board`, `state` and `votes` count: the server
 * takes the records, the schema and the voting rounds out of the state and writes them into a
 * fresh document, so that a file from elsewhere cannot bring pending items, foreign root types
 * or a workshop's live state (timer, freeze, following) with it. Tokens, links, participant
 * identities and version history are not in the file: the new board gets new links.
 */
import { z } from 'zod'
import { Board } from './api.js'
import { RoundId } from './voting.js'

export const BOARD_FILE_FORMAT = 'tilannekuva-board'
export const BOARD_FILE_VERSION = 1

export const BoardFileVote = z.strictObject({
  roundId: RoundId,
  participantId: z.string().min(1).max(100),
  noteId: z.string().min(1).max(200),
  group: z.string().max(100),
  count: z.number().int().min(1).max(1000),
})
export type BoardFileVote = z.infer<typeof BoardFileVote>

export const BoardFile = z.object({
  format: z.literal(BOARD_FILE_FORMAT),
  formatVersion: z.literal(BOARD_FILE_VERSION),
  exportedAt: z.iso.datetime(),
  board: Board.pick({ title: true, template: true, language: true, createdAt: true }),
  /** `Y.encodeStateAsUpdate` of the board's document, base64. */
  state: z.base64(),
  votes: z.array(BoardFileVote).max(1_000_000),
  /** The BoardSnapshot at export, for readers of the file; not read on import. */
  snapshot: z.unknown(),
})
export type BoardFile = z.infer<typeof BoardFile>
