/**
 * Live editing traffic, one load generator's share of it: every client moves or edits its own
 * note at `docRate` and moves its cursor at `awarenessRate`. The harness runs several of these
 * processes at once, each with some clients of every board, and merges what they record
 * (bench/scenarios/common.ts): a document update counts as delivered when every other client on
 * the board, in any process, has it.
 *
 * Every stamp and arrival is wall-clock epoch time with sub-ms precision
 * (performance.timeOrigin + performance.now()): all processes run on one machine and share its
 * clock, so a send time in one process and an arrival in another can be subtracted.
 *
 * A receiver that sees a client's update s also has all of that client's earlier ones (Yjs
 * applies one client's changes in order). A server may merge consecutive updates into one
 * message, in which an earlier version of the note is already gone; so seeing s credits every
 * earlier update of that sender not yet credited at this receiver.
 */
import {
  encodeNumbers,
  epochNow,
  SEQ_LIMIT,
  type SenderWindows,
  type TrafficArrivals,
  type TrafficJob,
  type TrafficReady,
  type TrafficScheduleJob,
  type TrafficSent,
} from '../ipc.js'
import { changedNote, cursorState, randomNote, seededRandom, type Stamp, stampOf } from '../workload.js'
import type { StoredRecord } from '../../shared/boardDocument.js'
import { type BenchClient, connectClient, forEachLimited, waitUntil } from './clients.js'
import { connectLightClient, type LightClient } from './lightClient.js'
import { observeAddedEntries, setRecord } from './records.js'

const CONNECT_TIMEOUT_MS = 120_000

interface Arrival {
  /** Clients of this process that have the update. */
  count: number
  last: number
}

interface Participant {
  /** Global client number (board-major), the same whichever process runs the client. */
  index: number
  board: number
  /** A full client that writes, or null for a light receiver. */
  client: BenchClient | null
  light: LightClient | null
  note: StoredRecord
  random: () => number
  docSeq: number
  awarenessSeq: number
  /** Highest sequence number seen from each sender, by sender index. */
  seen: Map<number, number>
  timers: NodeJS.Timeout[]
}

/** The clients of one traffic run in this process, from connecting until the report. */
export class TrafficSession {
  private readonly participants: Participant[] = []
  /** Updates credited at this process's clients, by key (sender × SEQ_LIMIT + seq). */
  private readonly arrivals = new Map<number, Arrival>()
  private readonly cursorLatencies: number[] = []
  private readonly sentKeys: number[] = []
  private readonly sentAt: number[] = []
  private measureStart = Number.POSITIVE_INFINITY
  private measureEnd = Number.POSITIVE_INFINITY
  private windows: SenderWindows | null = null

  private constructor(private readonly job: TrafficJob) {}

  private inWindow(t: number): boolean {
    return t >= this.measureStart && t < this.measureEnd
  }

  /** Connects this process's clients and places their notes; resolves once every client here sees every note. */
  static async connect(job: TrafficJob): Promise<{ session: TrafficSession; ready: TrafficReady }> {
    const session = new TrafficSession(job)
    try {
      return { session, ready: await session.connectClients() }
    } catch (error) {
      session.close()
      throw error
    }
  }

  private async connectClients(): Promise<TrafficReady> {
    const { job } = this
    const started = epochNow()
    // Round-robin over all clients in board order, so each board's clients are spread over the processes.
    const slots = job.boards
      .flatMap((board, boardIndex) =>
        Array.from({ length: job.clientsPerBoard }, (_, i) => ({
          board,
          boardIndex,
          index: boardIndex * job.clientsPerBoard + i,
        })),
      )
      .filter((slot) => slot.index % job.processCount === job.processIndex)
    const writers = Math.min(job.clientsPerBoard, job.writersPerBoard ?? job.clientsPerBoard)
    await forEachLimited(slots, 25, async ({ board, boardIndex, index }, local) => {
      const random = seededRandom(job.seed * 7919 + index)
      const participant: Participant = {
        index,
        board: boardIndex,
        client: null,
        light: null,
        note: randomNote(1000 + index, random),
        random,
        docSeq: 0,
        awarenessSeq: 0,
        seen: new Map(),
        timers: [],
      }
      this.participants[local] = participant
      if (index % job.clientsPerBoard >= writers) {
        const light = connectLightClient(job.target, board, (stamps) =>
          stamps.forEach((stamp) => {
            this.credit(participant, stamp)
          }),
        )
        participant.light = light
        await waitUntil(() => light.isSynced(), `light client ${index} to sync`, CONNECT_TIMEOUT_MS)
        return
      }
      const client = connectClient(job.target, board)
      participant.client = client
      this.observe(participant, client)
      // The reference server can report sync before it has read the board from disk.
      await waitUntil(
        () => client.isSynced() && client.doc.getArray('records').length >= job.baseRecords,
        `client ${index} to sync`,
        CONNECT_TIMEOUT_MS,
      )
    })
    // Every writer puts its own note on the board; the clock starts only after every full client
    // in every process sees all of them (the harness waits for every process to get here). Light
    // receivers keep no document: the warm-up covers them.
    const full = this.participants.flatMap((p) => (p.client ? [p.client] : []))
    for (const participant of this.participants)
      if (participant.client) setRecord(participant.client.doc, participant.note)
    const notesOnBoard = job.baseRecords + writers
    await waitUntil(
      () => full.every((client) => client.doc.getArray('records').length >= notesOnBoard),
      'every client to see every note',
      CONNECT_TIMEOUT_MS,
    )
    return { clients: this.participants.length, connectMs: epochNow() - started }
  }

  /** Credits `stamp`, and every earlier update of its sender not yet seen, as arrived at `p` now. */
  private credit(p: Participant, stamp: Stamp): void {
    if (stamp.c === p.index) return
    const from = (p.seen.get(stamp.c) ?? -1) + 1
    if (stamp.s < from) return
    p.seen.set(stamp.c, stamp.s)
    // Everything this credits was sent no later than stamp.t: before the window, it is not measured.
    if (stamp.t < this.measureStart) return
    const now = epochNow()
    for (let s = from; s <= stamp.s; s++) {
      const key = stamp.c * SEQ_LIMIT + s
      const arrival = this.arrivals.get(key)
      if (arrival) {
        arrival.count++
        arrival.last = now
      } else {
        this.arrivals.set(key, { count: 1, last: now })
      }
    }
  }

  private observe(p: Participant, client: BenchClient): void {
    observeAddedEntries(client.doc, (entry, local) => {
      const stamp = stampOf(entry.val)
      if (!local && stamp) this.credit(p, stamp)
    })
    client.awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }, origin: unknown) => {
      if (origin === 'local') return
      const now = epochNow()
      const states = client.awareness.getStates()
      for (const id of added.concat(updated)) {
        const stamp = (states.get(id) as { bench?: Stamp } | undefined)?.bench
        if (stamp && stamp.c !== p.index && this.inWindow(stamp.t)) this.cursorLatencies.push(now - stamp.t)
      }
    })
  }

  /** Sends on the harness's schedule; resolves once the window has ended and sending stopped. */
  async run(plan: TrafficScheduleJob): Promise<TrafficSent> {
    const { job } = this
    this.measureStart = plan.measureStart
    this.measureEnd = plan.measureEnd
    const sendDoc = (p: Participant) => {
      if (!p.client || p.docSeq >= SEQ_LIMIT) return
      const now = epochNow()
      const stamp: Stamp = { c: p.index, s: p.docSeq++, t: now }
      if (this.inWindow(now)) {
        this.sentKeys.push(stamp.c * SEQ_LIMIT + stamp.s)
        this.sentAt.push(now)
      }
      p.note = changedNote(p.note, p.random, stamp)
      setRecord(p.client.doc, p.note)
    }
    const sendCursor = (p: Participant) => {
      if (!p.client) return
      const stamp: Stamp = { c: p.index, s: p.awarenessSeq++, t: epochNow() }
      p.client.awareness.setLocalState(
        cursorState(p.index, Math.round(p.random() * 4000), Math.round(p.random() * 3000), stamp),
      )
    }
    for (const p of this.participants) {
      if (!p.client) continue
      scheduleSends(p, job.docRate, plan.sendStart, () => sendDoc(p))
      scheduleSends(p, job.awarenessRate, plan.sendStart, () => sendCursor(p))
    }

    await sleepUntil(plan.measureStart)
    const cpuBefore = process.cpuUsage()
    const cpuFrom = epochNow()
    await sleepUntil(plan.measureEnd)
    const cpu = process.cpuUsage(cpuBefore)
    const cpuTo = epochNow()
    this.stopSending()
    return {
      keys: encodeNumbers(this.sentKeys),
      sentAt: encodeNumbers(this.sentAt),
      cpuPercent: ((cpu.user + cpu.system) / 1000 / (cpuTo - cpuFrom)) * 100,
    }
  }

  /** (Receiving client, update sent in the window) pairs still missing here. */
  missing(windows: SenderWindows | undefined): number {
    if (windows) this.windows = windows
    const known = this.windows
    if (!known) throw new Error('traffic progress asked before the senders’ windows were given')
    const { clientsPerBoard } = this.job
    let missing = 0
    for (const p of this.participants) {
      const firstSender = p.board * clientsPerBoard
      for (let c = firstSender; c < firstSender + clientsPerBoard; c++) {
        const first = known.first[c]!
        const last = known.last[c]!
        if (c === p.index || last < first) continue
        missing += Math.max(0, last - Math.max(p.seen.get(c) ?? -1, first - 1))
      }
    }
    return missing
  }

  /** What arrived here; the session is closed afterwards. */
  report(): TrafficArrivals {
    const keys: number[] = []
    const counts: number[] = []
    const lastArrival: number[] = []
    for (const [key, arrival] of this.arrivals) {
      keys.push(key)
      counts.push(arrival.count)
      lastArrival.push(arrival.last)
    }
    return {
      keys: encodeNumbers(keys),
      counts: encodeNumbers(counts),
      lastArrival: encodeNumbers(lastArrival),
      cursorLatencies: encodeNumbers(this.cursorLatencies),
    }
  }

  private stopSending(): void {
    for (const p of this.participants) {
      if (p) for (const timer of p.timers) clearTimeout(timer)
    }
  }

  close(): void {
    this.stopSending()
    for (const p of this.participants) {
      p?.client?.destroy()
      p?.light?.destroy()
    }
  }
}

/**
 * Calls `send` `rate` times a second from `started` plus a random phase. A tick that comes late
 * is caught up at most once; the rest are skipped, so an overloaded generator does not send bursts.
 */
function scheduleSends(p: Participant, rate: number, started: number, send: () => void): void {
  if (rate <= 0) return
  const period = 1000 / rate
  let due = started + p.random() * period
  const tick = () => {
    send()
    const now = epochNow()
    due += period
    if (due < now - period) due = now
    p.timers[slot] = setTimeout(tick, Math.max(0, due - now))
  }
  const slot = p.timers.length
  p.timers.push(setTimeout(tick, Math.max(0, due - epochNow())))
}

function sleepUntil(epochMs: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, epochMs - epochNow())))
}
