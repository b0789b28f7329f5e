import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { NOTE_SHAPE_TYPE, ZONE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import { FACILITATION_MAP_NAME, type TimerState } from '../../shared/facilitation.js'
import { noteZones, type PlacedShape } from '../../shared/noteZones.js'
import { buildBoardSnapshot } from '../../shared/snapshot.js'
import { closedIfEnded, type Round, VOTING_STATE_KEY, type VotingState } from '../../shared/voting.js'
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

const note = (x: number, y: number, category = 'need', parentId = 'page:page'): PlacedShape => ({
  id: 'shape:n',
  type: NOTE_SHAPE_TYPE,
  parentId,
  x,
  y,
  props: { w: 240, h: 160, category },
})
const zone = (id: string, x: number, y: number, w: number, h: number, kind = 'category'): PlacedShape => ({
  id,
  type: ZONE_SHAPE_TYPE,
  parentId: 'page:page',
  x,
  y,
  props: { kind, category: kind === 'category' ? 'need' : null, heading: '', subheading: '', w, h },
})
const idle: TimerState = { status: 'idle' }

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
    expect(activeRound({ rounds: [first, timed, closed] }, 4999, idle)?.id).toBe('r_timed00000')
    // At its end a timed round stops counting votes, though the document still says open.
    expect(isRoundOpen(timed, 5000, idle)).toBe(false)
    expect(activeRound({ rounds: [first, timed, closed] }, 5000, idle)?.id).toBe('r_first00000')
    expect(activeRound({ rounds: [closed] }, 0, idle)).toBeNull()
    expect(nextRoundEnd({ rounds: [first, timed, closed] }, 4000, idle)).toBe(5000)
    expect(nextRoundEnd({ rounds: [first, timed, closed] }, 5000, idle)).toBeNull()
    // The cards show the latest round, whatever its state.
    expect(currentRound({ rounds: [first, timed, closed] })?.id).toBe('r_closed0000')
    expect(currentRound({ rounds: [] })).toBeNull()
  })

  it('a round covers notes as the server decides: the board, a category, or the smallest zone holding the centre', () => {
    const zones = noteZones([zone('shape:zone-big', 0, 0, 1000, 1000), zone('shape:zone-small', 100, 100, 400, 400)])
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

  it('a round that ends with the timer follows it: added time, pause and reset', () => {
    const withTimer = round({ id: 'r_withtimer0', endsWithTimer: true })
    const running = (endsAt: number): TimerState => ({ status: 'running', endsAt, durationMs: 60_000 })
    expect(nextRoundEnd({ rounds: [withTimer] }, 1000, running(5000))).toBe(5000)
    // Time added after the round opened moves its end.
    expect(nextRoundEnd({ rounds: [withTimer] }, 1000, running(9000))).toBe(9000)
    expect(isRoundOpen(withTimer, 6000, running(9000))).toBe(true)
    expect(isRoundOpen(withTimer, 9000, running(9000))).toBe(false)
    // Paused: no end while paused; reset: no end at all.
    const paused: TimerState = { status: 'paused', remainingMs: 1000, durationMs: 60_000 }
    expect(nextRoundEnd({ rounds: [withTimer] }, 1000, paused)).toBeNull()
    expect(isRoundOpen(withTimer, 99_000, paused)).toBe(true)
    expect(activeRound({ rounds: [withTimer] }, 99_000, idle)?.id).toBe('r_withtimer0')
    expect(closedIfEnded(withTimer, running(9000), 9500)).toMatchObject({ status: 'closed', closedAt: 9000 })
  })

  it('a zone round covers the notes the snapshot puts in the zone: page positions, category zones only', () => {
    const frame: PlacedShape = { id: 'shape:frame', type: 'frame', parentId: 'page:page', x: 2000, y: 0, props: {} }
    const shapes = [
      zone('shape:zone-left', 0, 0, 1000, 1000),
      zone('shape:zone-right', 2000, 0, 1000, 1000),
      zone('shape:title', 0, 0, 3000, 300, 'title'),
      frame,
    ]
    const zones = noteZones(shapes)
    const inRight = round({ scope: { kind: 'zone', zoneId: 'shape:zone-right' } })
    const inLeft = round({ scope: { kind: 'zone', zoneId: 'shape:zone-left' } })
    const inTitle = round({ scope: { kind: 'zone', zoneId: 'shape:title' } })
    // At (100, 400) inside the frame: on the page it lies at (2100, 400), in the right zone.
    const framed = note(100, 400, 'need', 'shape:frame')
    expect(noteInRound(inRight, framed, zones)).toBe(true)
    expect(noteInRound(inLeft, framed, zones)).toBe(false)
    // A note in the title band counts in its category zone, never in the title zone.
    const inBand = note(100, 20)
    expect(noteInRound(inLeft, inBand, zones)).toBe(true)
    expect(noteInRound(inTitle, inBand, zones)).toBe(false)
    // The same answer as the snapshot's zone of that note.
    const records = [...shapes, framed].map((shape) => ({
      typeName: 'shape',
      rotation: 0,
      index: 'a1',
      isLocked: false,
      opacity: 1,
      meta: {},
      ...shape,
      ...(shape.type === NOTE_SHAPE_TYPE
        ? {
            props: {
              category: 'need',
              text: 'x',
              fields: {},
              author: '',
              createdAt: 1,
              updatedAt: 1,
              w: 240,
              h: 160,
              categoryChosen: true,
            },
          }
        : {}),
    }))
    const snapshot = buildBoardSnapshot({
      board: { id: 'b', title: '', template: 'blank', language: 'fi' },
      records,
      takenAt: new Date(0),
    })
    expect(snapshot.notes.find((candidate) => candidate.id === framed.id)?.zone?.id).toBe('shape:zone-right')
  })

  it('ranks ties at the same place', () => {
    expect(ranks([5, 3, 3, 1])).toEqual([1, 2, 2, 4])
    expect(ranks([2, 2, 2])).toEqual([1, 1, 1])
    expect(ranks([])).toEqual([])
  })
})
