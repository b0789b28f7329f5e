import { randomBytes } from 'node:crypto'
import type { StoredRecord } from '../../shared/boardDocument.js'
import { NOTE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import { type Participant, STAKEHOLDER_GROUPS } from '../../shared/facilitation.js'
import {
  type MyVotes,
  type NoteResult,
  type OpenRoundRequest,
  OpenRoundRequest as OpenRoundSchema,
  type Round,
  type RoundResults,
  type VoteRefusal,
  VOTING_STATE_KEY,
  type VotingState,
  isRoundOpen,
  noteInRound,
  readVoting,
  resultsVisible,
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

/** Results are rewritten into the document at most this often while votes come in. */
const RESULTS_WRITE_MS = 250

interface BoardVotes {
  /** roundId → participantId → noteId → vote. */
  rounds: Map<string, Map<string, Map<string, StoredVote>>>
  /** Votes of one board are decided one at a time: a check and its write are never interleaved. */
  queue: Promise<unknown>
  resultsTimer: NodeJS.Timeout | null
}

/**
 * The server keeps the count: allowances per participant identity (across tabs and reconnects),
 * closed rounds, notes outside the round or deleted, and hidden results, whatever a client sends.
 * Rounds and visible results live in the document's facilitation map (shared/voting.ts).
 */
export class VotingService {
  private readonly boards = new Map<string, Promise<BoardVotes>>()

  constructor(
    private readonly store: VoteStore,
    private readonly logger: Logger,
  ) {}

  /** The rounds as stored in the document (results there are the visible ones). */
  rounds(room: Room): Round[] {
    return readVoting({ get: (key) => room.readServerValue(key) }).rounds
  }

  /** Every round with results as `viewer` may see them: facilitators always, others when visible. */
  async roundsFor(room: Room, facilitator: boolean, now = Date.now()): Promise<Round[]> {
    const rounds = this.rounds(room).map((round) => closedIfEnded(round, now))
    if (!facilitator) return rounds.map((round) => (resultsVisible(round) ? round : { ...round, results: null }))
    const votes = await this.board(room.boardId)
    const records = room.readRecords()
    return rounds.map((round) => ({ ...round, results: tally(votes.rounds.get(round.id), records) }))
  }

  openRound(room: Room, request: OpenRoundRequest, timerEndsAt: number | null, now = Date.now()): Round {
    const settings = OpenRoundSchema.parse(request)
    const { endWithTimer, ...rest } = settings
    const round: Round = {
      ...rest,
      endsAt: endWithTimer && timerEndsAt !== null ? timerEndsAt : settings.endsAt,
      id: `r_${randomBytes(9).toString('base64url')}`,
      status: 'open',
      revealed: false,
      openedAt: now,
      closedAt: null,
      results: null,
    }
    const rounds = this.rounds(room)
    if (!round.hiddenUntilReveal) round.results = tally(undefined, room.readRecords())
    room.writeServerValue(VOTING_STATE_KEY, { rounds: [...rounds, round] } satisfies VotingState)
    return round
  }

  /** Reveals or closes a round; its results go into the document when they may be seen. */
  async changeRound(room: Room, roundId: string, change: 'reveal' | 'close', now = Date.now()): Promise<Round> {
    const board = await this.board(room.boardId)
    return this.serialised(board, async () => {
      const rounds = this.rounds(room)
      const index = rounds.findIndex((round) => round.id === roundId)
      if (index < 0) throw new VoteRefused('round_unknown')
      const round = closedIfEnded(rounds[index]!, now)
      const changed: Round =
        change === 'reveal'
          ? { ...round, revealed: true }
          : { ...round, status: 'closed', closedAt: round.closedAt ?? now }
      changed.results = resultsVisible(changed) ? tally(board.rounds.get(roundId), room.readRecords()) : null
      rounds[index] = changed
      room.writeServerValue(VOTING_STATE_KEY, { rounds } satisfies VotingState)
      return changed
    })
  }

  async myVotes(room: Room, participant: Participant, roundId: string): Promise<MyVotes> {
    const round = this.rounds(room).find((candidate) => candidate.id === roundId)
    if (!round) throw new VoteRefused('round_unknown')
    const board = await this.board(room.boardId)
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
    const board = await this.board(room.boardId)
    return this.serialised(board, async () => {
      const round = this.rounds(room).find((candidate) => candidate.id === roundId)
      if (!round) throw new VoteRefused('round_unknown')
      if (closedIfEnded(round, now).status !== 'open') throw new VoteRefused('round_closed')
      const mine = board.rounds.get(roundId)?.get(participant.id) ?? new Map<string, StoredVote>()
      const current = mine.get(noteId)?.count ?? 0
      if (delta > 0) {
        const records = room.readRecords()
        const note = records.find((record) => record.id === noteId)
        if (!note || note.type !== NOTE_SHAPE_TYPE) throw new VoteRefused('note_deleted')
        if (!noteInRound(round, note, records)) throw new VoteRefused('note_not_in_round')
        const used = [...mine.values()].reduce((sum, vote) => sum + vote.count, 0)
        if (used >= round.votesPerParticipant) throw new VoteRefused('no_votes_left')
        if (current >= round.maxVotesPerNote) throw new VoteRefused('note_limit_reached')
      } else if (current === 0) {
        throw new VoteRefused('no_vote_to_take_back')
      }
      // The group is the one the person had when they voted; changing it later moves nothing.
      const vote: StoredVote = {
        roundId,
        participantId: participant.id,
        noteId,
        group: mine.get(noteId)?.group ?? participant.group,
        count: current + delta,
      }
      await this.store.saveVote(room.boardId, vote)
      remember(board, vote)
      if (resultsVisible(round)) this.scheduleResults(room, board)
      return myVotesIn(round, board.rounds.get(roundId)?.get(participant.id))
    })
  }

  /** Open rounds show live results: written into the document in batches, not per dot. */
  private scheduleResults(room: Room, board: BoardVotes): void {
    if (board.resultsTimer) return
    board.resultsTimer = setTimeout(() => {
      board.resultsTimer = null
      void this.serialised(board, async () => {
        const rounds = this.rounds(room)
        const records = room.readRecords()
        let changed = false
        const next = rounds.map((round) => {
          if (!resultsVisible(round)) return round
          const results = tally(board.rounds.get(round.id), records)
          if (JSON.stringify(results) === JSON.stringify(round.results)) return round
          changed = true
          return { ...round, results }
        })
        if (changed) room.writeServerValue(VOTING_STATE_KEY, { rounds: next } satisfies VotingState)
      }).catch((error) => this.logger.error({ boardId: room.boardId, err: error }, 'writing vote results failed'))
    }, RESULTS_WRITE_MS)
    board.resultsTimer.unref()
  }

  /** Forgets a board's votes in memory (its room closed); they stay in storage. */
  forget(boardId: string): void {
    void this.boards.get(boardId)?.then((board) => {
      if (board.resultsTimer) clearTimeout(board.resultsTimer)
    })
    this.boards.delete(boardId)
  }

  private board(boardId: string): Promise<BoardVotes> {
    let loading = this.boards.get(boardId)
    if (!loading) {
      loading = this.store.loadVotes(boardId).then((votes) => {
        const board: BoardVotes = { rounds: new Map(), queue: Promise.resolve(), resultsTimer: null }
        for (const vote of votes) remember(board, vote)
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

/** A round past its end time is closed, whether or not anyone closed it. */
function closedIfEnded(round: Round, now: number): Round {
  if (round.status === 'open' && !isRoundOpen(round, now)) return { ...round, status: 'closed', closedAt: round.endsAt }
  return round
}

/** Counts a round's votes: per note and group, ranked, with the voters of each group. */
export function tally(
  votes: Map<string, Map<string, StoredVote>> | undefined,
  records: readonly StoredRecord[],
): RoundResults {
  const byId = new Map(records.map((record) => [record.id, record]))
  const notes = new Map<string, NoteResult>()
  const voters = new Map<string, Set<string>>()
  let votesCast = 0
  for (const [participantId, mine] of votes ?? []) {
    for (const vote of mine.values()) {
      if (vote.count <= 0) continue
      const record = byId.get(vote.noteId)
      const result = notes.get(vote.noteId) ?? {
        noteId: vote.noteId,
        total: 0,
        byGroup: {},
        deleted: !record,
        text: record ? String((record.props as { text?: unknown }).text ?? '') : '',
      }
      result.total += vote.count
      result.byGroup[vote.group] = (result.byGroup[vote.group] ?? 0) + vote.count
      notes.set(vote.noteId, result)
      votesCast += vote.count
      const groupVoters = voters.get(vote.group) ?? new Set<string>()
      groupVoters.add(participantId)
      voters.set(vote.group, groupVoters)
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
