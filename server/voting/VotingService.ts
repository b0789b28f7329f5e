import { randomBytes } from 'node:crypto'
import type * as Y from 'yjs'
import { getRecordsArray, type StoredRecord } from '../../shared/boardDocument.js'
import { NOTE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import { CategoryId } from '../../shared/categories.js'
import {
  FACILITATION_MAP_NAME,
  type Participant,
  STAKEHOLDER_GROUPS,
  type TimerState,
} from '../../shared/facilitation.js'
import { noteZones } from '../../shared/noteZones.js'
import {
  closedIfEnded,
  type MyVotes,
  type NoteResult,
  type OpenRoundRefusal,
  type OpenRoundRequest,
  OpenRoundRequest as OpenRoundSchema,
  type Round,
  type RoundResults,
  readVoting,
  resultsVisible,
  roundEndsAt,
  type VoteRefusal,
  VOTING_STATE_KEY,
  type VotingState,
  noteInRound,
} from '../../shared/voting.js'
import type { Room } from '../rooms/Room.js'
import type { Logger } from '../rooms/types.js'
import type { BoardStorage, StoredVote } from '../storage/BoardStorage.js'

/** Where votes are kept (BoardStorage): never in the document, so hidden counts never reach a device. */
export type VoteStore = Pick<BoardStorage, 'loadVotes' | 'saveVote'>

export class VoteRefused extends Error {
  constructor(readonly reason: VoteRefusal) {
    super(reason)
  }
}

/** A round that cannot be opened as asked (400). */
export class OpenRoundRefused extends Error {
  constructor(readonly reason: OpenRoundRefusal) {
    super(reason)
  }
}

/** Results are rewritten into the document at most this often while votes come in. */
const RESULTS_WRITE_MS = 250
/** setTimeout's longest delay; a later round end is looked at again then. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1

/** A note's words and category as last seen on the board: a deleted note's results keep them. */
interface KnownNote {
  text: string
  category: CategoryId | null
}

/** participantId → noteId → vote. */
type RoundVotes = Map<string, Map<string, StoredVote>>

interface BoardVotes {
  rounds: Map<string, RoundVotes>
  /**
   * roundId → participantId → the group the identity votes as in that round: the one it had at its
   * first vote there, kept in every vote row it stores, so that changing groups mid-round never
   * counts one person in two groups.
   */
  groups: Map<string, Map<string, string>>
  /** Notes that have votes in some round, as last seen (kept when they are deleted). */
  notes: Map<string, KnownNote>
  /** Votes of one board are decided one at a time: a check and its write are never interleaved. */
  queue: Promise<unknown>
  resultsTimer: NodeJS.Timeout | null
}

/** What following one loaded room takes: observers of its document and the next round end. */
interface Attached {
  endTimer: NodeJS.Timeout | null
  /** The workshop timer as the server last set it (never a client's forged write). */
  timer: TimerState
  stop: () => void
}

/**
 * The server keeps the count: allowances per participant identity (across tabs and reconnects),
 * closed rounds, notes outside the round or deleted, and hidden results, whatever a client sends.
 * Rounds and visible results live in the document's facilitation map (shared/voting.ts).
 */
export class VotingService {
  private readonly boards = new Map<string, Promise<BoardVotes>>()
  /** The same boards once loaded, for document observers that cannot wait. */
  private readonly loaded = new Map<string, BoardVotes>()
  private readonly attached = new Map<string, Attached>()

  constructor(
    private readonly store: VoteStore,
    private readonly logger: Logger,
  ) {}

  /** The rounds as stored in the document (results there are the visible ones). */
  rounds(room: Room): Round[] {
    return readVoting({ get: (key) => room.readServerValue(key) }).rounds
  }

  /**
   * Follows a loaded room: writes a round's closure when its end passes (following the workshop
   * timer as it changes), and keeps the last text of voted notes as they are edited or deleted.
   * Stops when the room closes (`flush`, then `forget`).
   */
  attach(room: Room): void {
    const facilitation = room.doc.getMap<unknown>(FACILITATION_MAP_NAME)
    const records = getRecordsArray(room.doc)
    const attached: Attached = {
      endTimer: null,
      timer: room.facilitationState.timer,
      stop: () => {
        facilitation.unobserve(onFacilitation)
        records.unobserve(onRecords)
      },
    }
    const onFacilitation = (event: Y.YMapEvent<unknown>) => {
      const timer = room.facilitationState.timer
      const timerChanged = JSON.stringify(timer) !== JSON.stringify(attached.timer)
      if (timerChanged) {
        // Rounds that ended by the timer as it was are closed before the change can move their end.
        this.closeEnded(room, attached.timer)
        attached.timer = timer
      }
      if (timerChanged || event.keysChanged.has(VOTING_STATE_KEY)) this.scheduleEnd(room)
    }
    const onRecords = (event: Y.YArrayEvent<{ key: string; val: StoredRecord }>) => this.seeNotes(room, event)
    facilitation.observe(onFacilitation)
    records.observe(onRecords)
    this.attached.set(room.boardId, attached)
    if (this.rounds(room).length === 0) return
    // Votes are needed to keep deleted notes' texts; rounds that ended while unloaded close now.
    void this.board(room).catch((error) => this.logger.error({ boardId: room.boardId, err: error }, 'loading votes'))
    this.closeEnded(room)
  }

  /** Every round with results as `viewer` may see them: facilitators always, others when visible. */
  async roundsFor(room: Room, facilitator: boolean, now = Date.now()): Promise<Round[]> {
    const timer = room.facilitationState.timer
    const rounds = this.rounds(room).map((round) => closedIfEnded(round, timer, now))
    if (!facilitator) return rounds.map((round) => (resultsVisible(round) ? round : { ...round, results: null }))
    const board = await this.board(room)
    const records = room.readRecords()
    return rounds.map((round) => ({ ...round, results: this.tallyOf(board, round.id, records) }))
  }

  openRound(room: Room, request: OpenRoundRequest, now = Date.now()): Round {
    const { endWithTimer, ...settings } = OpenRoundSchema.parse(request)
    const records = room.readRecords()
    if (settings.endsAt !== null && settings.endsAt <= now) throw new OpenRoundRefused('ends_in_past')
    const scope = settings.scope
    if (scope.kind === 'zone' && !noteZones(records).zones.some((zone) => zone.id === scope.zoneId)) {
      throw new OpenRoundRefused('zone_unknown')
    }
    const round: Round = {
      ...settings,
      ...(endWithTimer ? { endsWithTimer: true } : {}),
      id: `r_${randomBytes(9).toString('base64url')}`,
      status: 'open',
      revealed: false,
      openedAt: now,
      closedAt: null,
      results: null,
    }
    const rounds = this.rounds(room)
    if (!round.hiddenUntilReveal) round.results = tally(undefined, undefined, () => undefined)
    room.writeServerValue(VOTING_STATE_KEY, { rounds: [...rounds, round] } satisfies VotingState)
    return round
  }

  /** Reveals or closes a round; its results go into the document when they may be seen. */
  async changeRound(room: Room, roundId: string, change: 'reveal' | 'close', now = Date.now()): Promise<Round> {
    const board = await this.board(room)
    return this.serialised(board, async () => {
      const rounds = this.rounds(room)
      const index = rounds.findIndex((round) => round.id === roundId)
      if (index < 0) throw new VoteRefused('round_unknown')
      const round = closedIfEnded(rounds[index]!, room.facilitationState.timer, now)
      const changed: Round =
        change === 'reveal'
          ? { ...round, revealed: true }
          : { ...round, status: 'closed', closedAt: round.closedAt ?? now }
      changed.results = resultsVisible(changed) ? this.tallyOf(board, roundId, room.readRecords()) : null
      rounds[index] = changed
      room.writeServerValue(VOTING_STATE_KEY, { rounds } satisfies VotingState)
      return changed
    })
  }

  async myVotes(room: Room, participant: Participant, roundId: string): Promise<MyVotes> {
    const round = this.rounds(room).find((candidate) => candidate.id === roundId)
    if (!round) throw new VoteRefused('round_unknown')
    const board = await this.board(room)
    return myVotesIn(round, board.rounds.get(roundId)?.get(participant.id))
  }

  /** Puts a dot on a note (+1) or takes one back (-1), within the round's rules. */
  async vote(
    room: Room,
    participant: Participant,
    roundId: string,
    noteId: string,
    delta: 1 | -1,
    now = Date.now(),
  ): Promise<MyVotes> {
    const board = await this.board(room)
    return this.serialised(board, async () => {
      const round = this.rounds(room).find((candidate) => candidate.id === roundId)
      if (!round) throw new VoteRefused('round_unknown')
      if (closedIfEnded(round, room.facilitationState.timer, now).status !== 'open') {
        throw new VoteRefused('round_closed')
      }
      const mine = board.rounds.get(roundId)?.get(participant.id) ?? new Map<string, StoredVote>()
      const current = mine.get(noteId)?.count ?? 0
      if (delta > 0) {
        const records = room.readRecords()
        const note = records.find((record) => record.id === noteId)
        if (!note || note.type !== NOTE_SHAPE_TYPE) throw new VoteRefused('note_deleted')
        if (!noteInRound(round, note, noteZones(records))) throw new VoteRefused('note_not_in_round')
        const used = [...mine.values()].reduce((sum, vote) => sum + vote.count, 0)
        if (used >= round.votesPerParticipant) throw new VoteRefused('no_votes_left')
        if (current >= round.maxVotesPerNote) throw new VoteRefused('note_limit_reached')
        board.notes.set(noteId, knownNote(note))
      } else if (current === 0) {
        throw new VoteRefused('no_vote_to_take_back')
      }
      const vote: StoredVote = {
        roundId,
        participantId: participant.id,
        noteId,
        group: board.groups.get(roundId)?.get(participant.id) ?? participant.group,
        count: current + delta,
      }
      await this.store.saveVote(room.boardId, vote)
      remember(board, vote)
      if (resultsVisible(round)) this.scheduleResults(room, board)
      return myVotesIn(round, board.rounds.get(roundId)?.get(participant.id))
    })
  }

  /**
   * Before a room closes: writes the live results still waiting for their batch (the document is
   * stored once more after this) and stops following the room.
   */
  async flush(room: Room): Promise<void> {
    this.stopEndTimer(room.boardId)
    const board = await this.boards.get(room.boardId)?.catch(() => null)
    if (!board) return
    // Queued after the votes under way, which may still schedule a write.
    await this.serialised(board, async () => {
      if (!board.resultsTimer) return
      clearTimeout(board.resultsTimer)
      board.resultsTimer = null
      this.writeResults(room, board)
    }).catch((error) => this.logger.error({ boardId: room.boardId, err: error }, 'writing vote results failed'))
  }

  /** Forgets a board's votes in memory (its room closed); they stay in storage. */
  forget(boardId: string): void {
    this.stopEndTimer(boardId)
    this.attached.get(boardId)?.stop()
    this.attached.delete(boardId)
    const board = this.loaded.get(boardId)
    if (board?.resultsTimer) clearTimeout(board.resultsTimer)
    this.loaded.delete(boardId)
    this.boards.delete(boardId)
  }

  /** Open rounds show live results: written into the document in batches, not per dot. */
  private scheduleResults(room: Room, board: BoardVotes): void {
    if (board.resultsTimer) return
    board.resultsTimer = setTimeout(() => {
      board.resultsTimer = null
      void this.serialised(board, async () => this.writeResults(room, board)).catch((error) =>
        this.logger.error({ boardId: room.boardId, err: error }, 'writing vote results failed'),
      )
    }, RESULTS_WRITE_MS)
    board.resultsTimer.unref()
  }

  /** Writes the visible rounds' results where they changed. */
  private writeResults(room: Room, board: BoardVotes): void {
    const rounds = this.rounds(room)
    const records = room.readRecords()
    let changed = false
    const next = rounds.map((round) => {
      if (!resultsVisible(round)) return round
      const results = this.tallyOf(board, round.id, records)
      if (JSON.stringify(results) === JSON.stringify(round.results)) return round
      changed = true
      return { ...round, results }
    })
    if (changed) room.writeServerValue(VOTING_STATE_KEY, { rounds: next } satisfies VotingState)
  }

  /** Writes the closure of every open round past its end (by `timer`, else the room's timer now). */
  private closeEnded(room: Room, timer?: TimerState): void {
    const work = async () => {
      const board = await this.board(room)
      await this.serialised(board, async () => {
        if (!this.attached.has(room.boardId)) return
        const now = Date.now()
        const endedBy = timer ?? room.facilitationState.timer
        let changed = false
        const next = this.rounds(room).map((round) => {
          const closed = closedIfEnded(round, endedBy, now)
          if (closed === round) return round
          changed = true
          return {
            ...closed,
            results: resultsVisible(closed) ? this.tallyOf(board, closed.id, room.readRecords()) : null,
          }
        })
        if (changed) room.writeServerValue(VOTING_STATE_KEY, { rounds: next } satisfies VotingState)
      })
    }
    work().catch((error) => this.logger.error({ boardId: room.boardId, err: error }, 'closing ended rounds failed'))
  }

  /** Sets the room's timer for the next end of an open round, by the workshop timer as it is now. */
  private scheduleEnd(room: Room): void {
    const attached = this.attached.get(room.boardId)
    if (!attached) return
    this.stopEndTimer(room.boardId)
    const timer = room.facilitationState.timer
    let next: number | null = null
    for (const round of this.rounds(room)) {
      const end = round.status === 'open' ? roundEndsAt(round, timer) : null
      if (end !== null) next = next === null ? end : Math.min(next, end)
    }
    if (next === null) return
    const end = next
    attached.endTimer = setTimeout(
      () => {
        attached.endTimer = null
        if (Date.now() >= end) this.closeEnded(room)
        else this.scheduleEnd(room)
      },
      Math.min(Math.max(0, end - Date.now()), MAX_TIMEOUT_MS),
    )
    attached.endTimer.unref()
  }

  private stopEndTimer(boardId: string): void {
    const attached = this.attached.get(boardId)
    if (attached?.endTimer) clearTimeout(attached.endTimer)
    if (attached) attached.endTimer = null
  }

  /**
   * Keeps the last words of notes that have votes, from each change to the records: a record's
   * old version is deleted when it changes, so a deleted note's last text is in what is deleted.
   */
  private seeNotes(room: Room, event: Y.YArrayEvent<{ key: string; val: StoredRecord }>): void {
    const board = this.loaded.get(room.boardId)
    if (!board || board.notes.size === 0) return
    const seen = (items: Set<Y.Item>) => {
      const found = new Map<string, StoredRecord>()
      for (const item of items) {
        for (const entry of item.content.getContent() as unknown[]) {
          const val = (entry as { val?: StoredRecord } | null)?.val
          if (val && typeof val.id === 'string' && board.notes.has(val.id)) found.set(val.id, val)
        }
      }
      return found
    }
    const { added, deleted } = event.changes
    const removed = seen(deleted)
    const written = seen(added)
    for (const [id, record] of [...removed, ...written]) board.notes.set(id, knownNote(record))
    // A voted note gone from the board: the live results say so.
    if ([...removed.keys()].some((id) => !written.has(id))) this.scheduleResults(room, board)
  }

  private tallyOf(board: BoardVotes, roundId: string, records: readonly StoredRecord[]): RoundResults {
    const byId = new Map(records.map((record) => [record.id, record]))
    return tally(board.rounds.get(roundId), board.groups.get(roundId), (noteId) => {
      const record = byId.get(noteId)
      return record ? { ...knownNote(record), deleted: false } : { ...board.notes.get(noteId), deleted: true }
    })
  }

  private board(room: Room): Promise<BoardVotes> {
    const boardId = room.boardId
    let loading = this.boards.get(boardId)
    if (!loading) {
      loading = this.store.loadVotes(boardId).then((votes) => {
        const board: BoardVotes = {
          rounds: new Map(),
          groups: new Map(),
          notes: new Map(),
          queue: Promise.resolve(),
          resultsTimer: null,
        }
        for (const vote of votes) remember(board, vote)
        seedKnownNotes(board, this.rounds(room), room.readRecords())
        if (this.boards.get(boardId) === loading) this.loaded.set(boardId, board)
        return board
      })
      loading.catch(() => this.boards.delete(boardId))
      this.boards.set(boardId, loading)
    }
    return loading
  }

  private serialised<T>(board: BoardVotes, work: () => Promise<T>): Promise<T> {
    const result = board.queue.then(work, work)
    board.queue = result.catch(() => {})
    return result
  }
}

function remember(board: BoardVotes, vote: StoredVote): void {
  const round = board.rounds.get(vote.roundId) ?? new Map<string, Map<string, StoredVote>>()
  board.rounds.set(vote.roundId, round)
  const mine = round.get(vote.participantId) ?? new Map<string, StoredVote>()
  round.set(vote.participantId, mine)
  if (vote.count > 0) mine.set(vote.noteId, vote)
  else mine.delete(vote.noteId)
  // The first vote fixes the group (rows stored before this rule: the first one loaded).
  const groups = board.groups.get(vote.roundId) ?? new Map<string, string>()
  board.groups.set(vote.roundId, groups)
  if (!groups.has(vote.participantId)) groups.set(vote.participantId, vote.group)
}

/** Voted notes' words: from the board, else from results written before (a note deleted meanwhile). */
function seedKnownNotes(board: BoardVotes, rounds: readonly Round[], records: readonly StoredRecord[]): void {
  for (const round of rounds) {
    for (const note of round.results?.notes ?? []) {
      if (note.text || note.category) board.notes.set(note.noteId, { text: note.text, category: note.category ?? null })
    }
  }
  const voted = new Set(
    [...board.rounds.values()].flatMap((round) => [...round.values()].flatMap((mine) => [...mine.keys()])),
  )
  for (const record of records) if (voted.has(record.id)) board.notes.set(record.id, knownNote(record))
}

function knownNote(record: StoredRecord): KnownNote {
  const props = (record.props ?? {}) as { text?: unknown; category?: unknown }
  const category = CategoryId.safeParse(props.category)
  return { text: typeof props.text === 'string' ? props.text : '', category: category.success ? category.data : null }
}

function myVotesIn(round: Round, mine: Map<string, StoredVote> | undefined): MyVotes {
  const votes: Record<string, number> = {}
  let used = 0
  for (const vote of mine?.values() ?? []) {
    votes[vote.noteId] = vote.count
    used += vote.count
  }
  return { roundId: round.id, votes, remaining: Math.max(0, round.votesPerParticipant - used) }
}

/**
 * Counts a round's votes: per note and group, ranked, with the voters of each group. Each identity
 * counts in the one group of `groups` (its group at its first vote); `noteOf` says what is known
 * of a note (a deleted one keeps its last words).
 */
export function tally(
  votes: RoundVotes | undefined,
  groups: ReadonlyMap<string, string> | undefined,
  noteOf: (noteId: string) => (Partial<KnownNote> & { deleted: boolean }) | undefined,
): RoundResults {
  const notes = new Map<string, NoteResult>()
  const voters = new Map<string, Set<string>>()
  let votesCast = 0
  for (const [participantId, mine] of votes ?? []) {
    for (const vote of mine.values()) {
      if (vote.count <= 0) continue
      const group = groups?.get(participantId) ?? vote.group
      let result = notes.get(vote.noteId)
      if (!result) {
        const known = noteOf(vote.noteId)
        result = {
          noteId: vote.noteId,
          total: 0,
          byGroup: {},
          deleted: known?.deleted ?? true,
          text: known?.text ?? '',
          category: known?.category ?? null,
        }
        notes.set(vote.noteId, result)
      }
      result.total += vote.count
      result.byGroup[group] = (result.byGroup[group] ?? 0) + vote.count
      votesCast += vote.count
      const groupVoters = voters.get(group) ?? new Set<string>()
      groupVoters.add(participantId)
      voters.set(group, groupVoters)
    }
  }
  const votersByGroup = Object.fromEntries(STAKEHOLDER_GROUPS.map((group) => [group, voters.get(group)?.size ?? 0]))
  const everyone = new Set([...voters.values()].flatMap((set) => [...set]))
  return {
    notes: [...notes.values()].sort((a, b) => b.total - a.total || (a.noteId < b.noteId ? -1 : 1)),
    votersByGroup,
    voters: everyone.size,
    votesCast,
  }
}
