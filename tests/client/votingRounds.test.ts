import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { NOTE_SHAPE_TYPE, ZONE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import { FACILITATION_MAP_NAME } from '../../shared/facilitation.js'
import { type Round, VOTING_STATE_KEY, type VotingState } from '../../shared/voting.js'
import {
  activeRound,
  currentRound,
  isRoundOpen,
  nextRoundEnd,
  noteInRound,
  ranks,
  readVoting,
  votingSignal,
} from '../../client/voting/votingState.js'

function round(overrides: Partial<Round> = {}): Round {
  return {
    id: 'r_aaaaaaaaaa',
    title: '',
    scope: { kind: 'board' },
    votesPerParticipant: 3,
    maxVotesPerNote: 1,
    hiddenUntilReveal: true,
    endsAt: null,
    status: 'open',
    revealed: false,
    openedAt: 1000,
    closedAt: null,
    results: null,
    ...overrides,
  }
}

const note = (x: number, y: number, category = 'need') => ({
  id: 'shape:n',
  type: NOTE_SHAPE_TYPE,
  x,
  y,
  props: { w: 240, h: 160, category },
})
const zone = (id: string, x: number, y: number, w: number, h: number) => ({
  id,
  type: ZONE_SHAPE_TYPE,
  x,
  y,
  props: { w, h },
})

describe('voting rounds as the client reads them', () => {
  it('reads the rounds the server writes, and follows their changes; anything malformed is no rounds', () => {
    const server = new Y.Doc()
    const client = new Y.Doc()
    const signal = votingSignal(client)
    expect(signal.get()).toEqual({ rounds: [] })
    const state: VotingState = { rounds: [round()] }
    server.getMap(FACILITATION_MAP_NAME).set(VOTING_STATE_KEY, state)
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
    expect(signal.get()).toEqual(state)
    expect(readVoting(new Map([[VOTING_STATE_KEY, { rounds: [{ id: 'nonsense' }] }]]))).toEqual({ rounds: [] })
  })

  it('the open round is the latest open one not past its end in the server clock', () => {
    const first = round({ id: 'r_first00000' })
    const timed = round({ id: 'r_timed00000', endsAt: 5000 })
    const closed = round({ id: 'r_closed0000', status: 'closed', closedAt: 2000 })
    expect(activeRound({ rounds: [first, timed, closed] }, 4999)?.id).toBe('r_timed00000')
    // At its end a timed round stops counting votes, though the document still says open.
    expect(isRoundOpen(timed, 5000)).toBe(false)
    expect(activeRound({ rounds: [first, timed, closed] }, 5000)?.id).toBe('r_first00000')
    expect(activeRound({ rounds: [closed] }, 0)).toBeNull()
    expect(nextRoundEnd({ rounds: [first, timed, closed] }, 4000)).toBe(5000)
    expect(nextRoundEnd({ rounds: [first, timed, closed] }, 5000)).toBeNull()
    // The cards show the latest round, whatever its state.
    expect(currentRound({ rounds: [first, timed, closed] })?.id).toBe('r_closed0000')
    expect(currentRound({ rounds: [] })).toBeNull()
  })

  it('a round covers notes as the server decides: the board, a category, or the smallest zone holding the centre', () => {
    const zones = [zone('shape:zone-big', 0, 0, 1000, 1000), zone('shape:zone-small', 100, 100, 400, 400)]
    expect(noteInRound(round(), note(5000, 5000), zones)).toBe(true)
    expect(noteInRound(round({ scope: { kind: 'category', category: 'need' } }), note(0, 0), zones)).toBe(true)
    expect(noteInRound(round({ scope: { kind: 'category', category: 'strength' } }), note(0, 0), zones)).toBe(false)
    const inSmall = round({ scope: { kind: 'zone', zoneId: 'shape:zone-small' } })
    const inBig = round({ scope: { kind: 'zone', zoneId: 'shape:zone-big' } })
    // Centre (300, 260) lies in both zones: the smaller one has it.
    expect(noteInRound(inSmall, note(180, 180), zones)).toBe(true)
    expect(noteInRound(inBig, note(180, 180), zones)).toBe(false)
    // Centre (720, 680): only the big zone.
    expect(noteInRound(inBig, note(600, 600), zones)).toBe(true)
    expect(noteInRound(inSmall, note(600, 600), zones)).toBe(false)
    // Only structured notes take votes.
    expect(noteInRound(round(), { ...note(0, 0), type: 'geo' }, zones)).toBe(false)
  })

  it('ranks ties at the same place', () => {
    expect(ranks([5, 3, 3, 1])).toEqual([1, 2, 2, 4])
    expect(ranks([2, 2, 2])).toEqual([1, 1, 1])
    expect(ranks([])).toEqual([])
  })
})
