/** A board with notes on a real test server, and the voting routes as a client calls them. */
import { expect } from 'vitest'
import type * as Y from 'yjs'
import type { CreateBoardResponse } from '../../shared/api.js'
import { openBoardRecords, type StoredRecord } from '../../shared/boardDocument.js'
import { makeShapeRecord, NOTE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import type { CategoryId } from '../../shared/categories.js'
import { FACILITATION_MAP_NAME, type RegisterParticipantResponse } from '../../shared/facilitation.js'
import { type OpenRoundRequest, type Round, VOTING_STATE_KEY, VotingState } from '../../shared/voting.js'
import type { TestServer } from './server.js'
import { connectClient, waitFor, waitForSync, type YClient } from './yclient.js'

export function noteRecord(key: string, category: CategoryId, text = key, at = { x: 0, y: 0 }): StoredRecord {
  return makeShapeRecord({
    id: `shape:${key}`,
    type: NOTE_SHAPE_TYPE,
    ...at,
    index: 'a5',
    props: { category, text, fields: {}, author: '', createdAt: 1, updatedAt: 1, w: 240, h: 160, categoryChosen: true },
  })
}

export const votingIn = (doc: Y.Doc) =>
  VotingState.parse(doc.getMap(FACILITATION_MAP_NAME).get(VOTING_STATE_KEY) ?? { rounds: [] })

export interface VotingBoard {
  created: CreateBoardResponse
  api(
    method: string,
    path: string,
    options?: { role?: keyof CreateBoardResponse['tokens']; secret?: string; body?: unknown },
  ): Promise<{ status: number; body: Record<string, unknown> }>
  register(name: string, group: string): Promise<RegisterParticipantResponse>
  openRound(settings?: Partial<OpenRoundRequest>): Promise<Round>
  vote(roundId: string, secret: string, noteId: string, delta?: 1 | -1): ReturnType<VotingBoard['api']>
  /** A facilitator's client with notes n1, n2 (need) and n3 (strength) on the board, once the server has them. */
  withNotes(records?: StoredRecord[]): Promise<YClient>
}

/** `server()` is read on each call, so a test may restart its server. */
export function votingBoard(server: () => TestServer, created: CreateBoardResponse, clients: YClient[]): VotingBoard {
  const api: VotingBoard['api'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { authorization: `Bearer ${created.tokens[options.role ?? 'edit']}` }
    if (options.secret) headers['x-participant'] = options.secret
    if (options.body !== undefined) headers['content-type'] = 'application/json'
    const response = await fetch(`${server().url}/api/boards/${created.board.id}${path}`, {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    })
    return { status: response.status, body: (await response.json()) as Record<string, unknown> }
  }
  return {
    created,
    api,
    async register(name, group) {
      const { status, body } = await api('POST', '/participants', { body: { name, group } })
      expect(status).toBe(201)
      return body as unknown as RegisterParticipantResponse
    },
    async openRound(settings = {}) {
      const { status, body } = await api('POST', '/rounds', {
        role: 'facilitator',
        body: {
          scope: { kind: 'board' },
          votesPerParticipant: 3,
          maxVotesPerNote: 2,
          hiddenUntilReveal: true,
          ...settings,
        },
      })
      expect(status, JSON.stringify(body)).toBe(201)
      return body as unknown as Round
    },
    vote: (roundId, secret, noteId, delta = 1) =>
      api('POST', `/rounds/${roundId}/votes`, { secret, body: { noteId, delta } }),
    async withNotes(records = [noteRecord('n1', 'need'), noteRecord('n2', 'need'), noteRecord('n3', 'strength')]) {
      const facilitator = connectClient(server().syncUrl, created.board.id, created.tokens.facilitator)
      clients.push(facilitator)
      await waitForSync(facilitator)
      const board = openBoardRecords(facilitator.doc)
      for (const record of records) board.set(record.id, record)
      const room = await server().app.rooms.getRoom(created.board.id)
      const last = records.at(-1)!.id
      await waitFor(() => room.readRecords().some((record) => record.id === last), 'notes reach the server')
      return facilitator
    },
  }
}
