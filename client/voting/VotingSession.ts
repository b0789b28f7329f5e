import { type Atom, atom, type Computed, computed, react, type Signal, type TLShape, type TLStore } from 'tldraw'
import type * as Y from 'yjs'
import type { Role } from '../../shared/api.js'
import { NOTE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import type { TimerState } from '../../shared/facilitation.js'
import { type NoteZones, noteZones } from '../../shared/noteZones.js'
import type { MyVotes, NoteResult, Round, VoteRefusal, VotingState } from '../../shared/voting.js'
import { facilitationSignal } from '../facilitation/facilitationState.js'
import { measureServerClock, serverNow } from '../facilitation/serverClock.js'
import { castVote, fetchMyVotes } from './votingApi.js'
import { activeRound, currentRound, isRoundOpen, nextRoundEnd, noteInRound, votingSignal } from './votingState.js'

/** What the person is told after pressing a vote control; `seq` tells a repeated message from the last. */
export type VoteNotice =
  | { kind: 'voted' | 'unvoted'; remaining: number; total: number; seq: number }
  | { kind: 'refused'; reason: VoteRefusal | 'network' | 'failed'; seq: number }

export interface VotingSessionOptions {
  boardId: string
  token: string
  role: Role
  doc: Y.Doc
  store: TLStore
  /** This device's participant secret on the board; null without an identity (no votes then). */
  secret: string | null
}

/**
 * One board's voting on this page: the rounds from the document, the open round in the server's
 * clock, this person's dots in it (from the server, which keeps the count) and the votes they
 * cast. The note cards and the list view read it through signals, so a dot re-renders only the
 * notes it concerns.
 */
export class VotingSession {
  readonly state: Signal<VotingState>
  /** Server time, moved on when a round runs out (votes stop counting then). */
  private readonly now = atom('voting clock', serverNow())
  private readonly secret: Atom<string | null>
  readonly active: Computed<Round | null>
  /** The round the note cards show (its dots or results). */
  readonly current: Computed<Round | null>
  /** This person's dots in the active round (null until the server answered, or with none open). */
  readonly mine = atom<MyVotes | null>('my votes', null)
  readonly notice = atom<VoteNotice | null>('vote notice', null)
  readonly canVote: Computed<boolean>
  /** The workshop timer: a round that ends with it follows it. */
  readonly timer: Computed<TimerState>
  /** Every note's zone by the snapshot's rule, for rounds scoped to a zone. */
  private readonly zones: Computed<NoteZones>
  private queue: Promise<void> = Promise.resolve()
  private seq = 0

  constructor(private readonly options: VotingSessionOptions) {
    this.state = votingSignal(options.doc)
    this.secret = atom<string | null>('participant secret', options.secret)
    const facilitation = facilitationSignal(options.doc)
    this.timer = computed('workshop timer', () => facilitation.get().timer, { isEqual: sameJson })
    this.active = computed('active round', () => activeRound(this.state.get(), this.now.get(), this.timer.get()))
    this.current = computed('current round', () => currentRound(this.state.get()))
    // A view link never votes (the server refuses it too); nor does a device without identity.
    this.canVote = computed('can vote', () => options.role !== 'view' && this.secret.get() !== null)
    // Parents place their children, so the rule reads every shape, not only the zones.
    const shapes = options.store.query.records('shape')
    this.zones = computed('note zones', () => noteZones(shapes.get()))
  }

  get role(): Role {
    return this.options.role
  }

  setSecret(secret: string | null): void {
    this.secret.set(secret)
  }

  /** Starts following the rounds and this person's votes; returns the stop. */
  start(): () => void {
    let stopped = false
    let endTimer: ReturnType<typeof setTimeout> | undefined
    const tick = () => {
      if (!stopped) this.now.set(serverNow())
    }
    void measureServerClock().then(tick)
    const stopEnds = react('voting: next round end', () => {
      clearTimeout(endTimer)
      // Read the clock too: once one round has ended, the next one's end is scheduled.
      this.now.get()
      const next = nextRoundEnd(this.state.get(), serverNow(), this.timer.get())
      // A little past the end, so that the round is over by the server's clock as well.
      if (next !== null) endTimer = setTimeout(tick, Math.min(next - serverNow() + 50, 2 ** 31 - 1))
    })
    let lastKey = ''
    const stopMine = react('voting: my votes', () => {
      const round = this.active.get()
      const key = round && this.canVote.get() ? `${round.id} ${this.secret.get()}` : ''
      if (key === lastKey) return
      lastKey = key
      this.mine.set(null)
      if (key) void this.refresh()
    })
    // Votes cast in another tab or on another device of this person show when they come back.
    const onVisible = () => {
      if (document.visibilityState === 'visible') void this.refresh()
    }
    document.addEventListener('visibilitychange', onVisible)
    return () => {
      stopped = true
      clearTimeout(endTimer)
      stopEnds()
      stopMine()
      document.removeEventListener('visibilitychange', onVisible)
    }
  }

  /** Asks the server for this person's dots in the active round. */
  async refresh(): Promise<void> {
    const round = this.active.get()
    const secret = this.secret.get()
    if (!round || !secret || !this.canVote.get()) return
    const result = await fetchMyVotes(this.options.boardId, this.options.token, secret, round.id)
    if (result.ok && this.active.get()?.id === result.data.roundId) this.mine.set(result.data)
  }

  /** Whether votes count in `round` now, in the server's clock. */
  isOpen(round: Round): boolean {
    return isRoundOpen(round, this.now.get(), this.timer.get())
  }

  /** This person's dots on a note in the active round. */
  myVotesOn(noteId: string): number {
    const mine = this.mine.get()
    return mine && mine.roundId === this.active.get()?.id ? (mine.votes[noteId] ?? 0) : 0
  }

  /** Whether this person may put dots on the note now (an open round covers it). */
  canVoteOn(noteId: string): boolean {
    const round = this.active.get()
    if (!round || !this.canVote.get()) return false
    const note = this.options.store.get(noteId as TLShape['id'])
    return note !== undefined && noteInRound(round, note, this.zones.get())
  }

  /** A note's text as the board has it now; null once it is gone from the board. */
  noteText(noteId: string): string | null {
    const note = this.options.store.get(noteId as TLShape['id'])
    return note?.type === NOTE_SHAPE_TYPE ? note.props.text : null
  }

  /** The note's result in the round the cards show, once it may be seen (null before, or without votes). */
  resultOf(noteId: string): NoteResult | null {
    return this.current.get()?.results?.notes.find((note) => note.noteId === noteId) ?? null
  }

  /** Puts a dot on a note or takes one back; votes are sent one after another, in order. */
  vote(noteId: string, delta: 1 | -1): Promise<void> {
    const send = async () => {
      const round = this.active.get()
      const secret = this.secret.get()
      if (!round) return this.say({ kind: 'refused', reason: 'round_closed' })
      if (!secret) return this.say({ kind: 'refused', reason: 'participant_unknown' })
      const result = await castVote(this.options.boardId, this.options.token, secret, round.id, { noteId, delta })
      if (result.ok) {
        if (this.active.get()?.id === result.mine.roundId) this.mine.set(result.mine)
        const kind = delta > 0 ? 'voted' : 'unvoted'
        this.say({ kind, remaining: result.mine.remaining, total: round.votesPerParticipant })
        return
      }
      this.say({ kind: 'refused', reason: result.reason })
      // A refusal may mean this page's count is stale (another tab voted): ask again.
      if (result.reason !== 'network') await this.refresh()
    }
    this.queue = this.queue.then(send, send)
    return this.queue
  }

  private say(notice: DistributiveOmit<VoteNotice, 'seq'>): void {
    this.seq += 1
    this.notice.set({ ...notice, seq: this.seq } as VoteNotice)
  }
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never
