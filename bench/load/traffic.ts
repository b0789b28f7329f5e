/**
 * Live editing traffic: every client moves or edits its own note at `docRate` and moves its
 * cursor at `awarenessRate`. Each update carries the sender's performance.now(); receivers are
 * in this same process, so the latency needs no clock sync. A document update counts as
 * delivered when every other client on the board has it; one that misses any client is lost.
 *
 * A receiver that sees a client's update s also has all of that client's earlier ones (Yjs
 * applies one client's changes in order). A server may merge consecutive updates into one
 * message, in which an earlier version of the note is already gone; so seeing s credits every
 * earlier update of that sender still pending at this receiver.
 */
import type { TrafficJob, TrafficResult } from '../ipc.js'
import { summarize } from '../stats.js'
import { changedNote, cursorState, randomNote, seededRandom, type Stamp, stampOf } from '../workload.js'
import type { StoredRecord } from '../../shared/boardDocument.js'
import { type BenchClient, connectClient, forEachLimited, waitUntil } from './clients.js'
import { observeAddedEntries, setRecord } from './records.js'

interface Pending {
  sentAt: number
  remaining: number
  lastArrival: number
}

/** Sequence numbers per client stay below this, so (client, seq) packs into one number. */
const SEQ_LIMIT = 1 << 20
const CONNECT_TIMEOUT_MS = 120_000
/** However slowly updates still arrive, stop waiting for them after this long. */
const MAX_DRAIN_MS = 180_000

interface Participant {
  index: number
  board: number
  client: BenchClient
  note: StoredRecord
  random: () => number
  docSeq: number
  awarenessSeq: number
  timers: NodeJS.Timeout[]
}

export async function runTraffic(job: TrafficJob, onPhase: (phase: 'measure-start' | 'measure-end') => void): Promise<TrafficResult> {
  const participants: Participant[] = []
  const receivers = job.clientsPerBoard - 1
  const pendingDoc = new Map<number, Pending>()
  const docLatencies: number[] = []
  const awarenessLatencies: number[] = []
  let measureStart = Number.POSITIVE_INFINITY
  let measureEnd = Number.POSITIVE_INFINITY
  let sent = 0
  let delivered = 0
  const inWindow = (t: number) => t >= measureStart && t < measureEnd

  const connectStarted = performance.now()
  const slots = job.boards.flatMap((board, boardIndex) =>
    Array.from({ length: job.clientsPerBoard }, () => ({ board, boardIndex })),
  )
  try {
    await forEachLimited(slots, 25, async ({ board, boardIndex }, index) => {
      const client = connectClient(job.target, board)
      const random = seededRandom(job.seed * 7919 + index)
      participants[index] = {
        index,
        board: boardIndex,
        client,
        note: randomNote(1000 + index, random),
        random,
        docSeq: 0,
        awarenessSeq: 0,
        timers: [],
      }
      // Highest sequence number seen from each sender, by sender index.
      const seen = new Map<number, number>()
      observeAddedEntries(client.doc, (entry, local) => {
        const stamp = stampOf(entry.val)
        if (local || !stamp || stamp.c === index) return
        const from = (seen.get(stamp.c) ?? -1) + 1
        if (stamp.s < from) return
        seen.set(stamp.c, stamp.s)
        const now = performance.now()
        for (let s = from; s <= stamp.s; s++) {
          const key = stamp.c * SEQ_LIMIT + s
          const pending = pendingDoc.get(key)
          if (!pending) continue
          pending.lastArrival = now
          if (--pending.remaining === 0) {
            pendingDoc.delete(key)
            if (inWindow(pending.sentAt)) {
              delivered++
              docLatencies.push(pending.lastArrival - pending.sentAt)
            }
          }
        }
      })
      client.awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }, origin: unknown) => {
        if (origin === 'local') return
        const now = performance.now()
        const states = client.awareness.getStates()
        for (const id of added.concat(updated)) {
          const stamp = (states.get(id) as { bench?: Stamp } | undefined)?.bench
          if (stamp && stamp.c !== index && inWindow(stamp.t)) awarenessLatencies.push(now - stamp.t)
        }
      })
      // The reference server can report sync before it has read the board from disk.
      await waitUntil(
        () => client.isSynced() && client.doc.getArray('records').length >= job.baseRecords,
        `client ${index} to sync`,
        CONNECT_TIMEOUT_MS,
      )
    })
    // Every client puts its own note on the board before the clock starts.
    for (const participant of participants) setRecord(participant.client.doc, participant.note)
    const notesOnBoard = job.baseRecords + job.clientsPerBoard
    await waitUntil(
      () => participants.every((p) => p.client.doc.getArray('records').length >= notesOnBoard),
      'every client to see every note',
      CONNECT_TIMEOUT_MS,
    )
    const connectMs = performance.now() - connectStarted

    const sendDoc = (p: Participant) => {
      if (p.docSeq >= SEQ_LIMIT) return
      const now = performance.now()
      const stamp: Stamp = { c: p.index, s: p.docSeq++, t: now }
      if (receivers > 0) pendingDoc.set(stamp.c * SEQ_LIMIT + stamp.s, { sentAt: now, remaining: receivers, lastArrival: now })
      if (inWindow(now)) sent++
      p.note = changedNote(p.note, p.random, stamp)
      setRecord(p.client.doc, p.note)
    }
    const sendCursor = (p: Participant) => {
      const stamp: Stamp = { c: p.index, s: p.awarenessSeq++, t: performance.now() }
      p.client.awareness.setLocalState(cursorState(p.index, Math.round(p.random() * 4000), Math.round(p.random() * 3000), stamp))
    }
    const started = performance.now()
    for (const p of participants) {
      schedule(p, job.docRate, started, () => sendDoc(p))
      schedule(p, job.awarenessRate, started, () => sendCursor(p))
    }

    await sleep(job.warmupMs)
    const cpuBefore = process.cpuUsage()
    measureStart = performance.now()
    onPhase('measure-start')
    await sleep(job.measureMs)
    measureEnd = performance.now()
    const cpu = process.cpuUsage(cpuBefore)
    onPhase('measure-end')
    for (const p of participants) p.timers.forEach((timer) => clearTimeout(timer))

    // Wait for what was sent in the window while it keeps arriving (an overloaded run can be
    // seconds behind); what has not arrived once nothing moves for drainMs is lost.
    const undelivered = () => {
      let count = 0
      for (const pending of pendingDoc.values()) if (inWindow(pending.sentAt)) count++
      return count
    }
    const drainDeadline = performance.now() + MAX_DRAIN_MS
    let lastProgress = performance.now()
    let remaining = undelivered()
    while (remaining > 0 && performance.now() < drainDeadline && performance.now() - lastProgress < job.drainMs) {
      await sleep(50)
      const now = undelivered()
      if (now < remaining) lastProgress = performance.now()
      remaining = now
    }
    const windowSeconds = (measureEnd - measureStart) / 1000
    return {
      clients: participants.length,
      sent,
      delivered,
      lost: sent - delivered,
      sentPerSecond: sent / windowSeconds,
      doc: summarize(docLatencies),
      awareness: summarize(awarenessLatencies),
      loadCpuPercent: ((cpu.user + cpu.system) / 1000 / (measureEnd - measureStart)) * 100,
      connectMs,
    }
  } finally {
    for (const p of participants) {
      if (!p) continue
      p.timers.forEach((timer) => clearTimeout(timer))
      p.client.destroy()
    }
  }
}

/**
 * Calls `send` `rate` times a second from a random phase. A tick that comes late is caught up
 * at most once; the rest are skipped, so an overloaded generator does not send bursts.
 */
function schedule(p: Participant, rate: number, started: number, send: () => void): void {
  if (rate <= 0) return
  const period = 1000 / rate
  let due = started + p.random() * period
  const tick = () => {
    send()
    const now = performance.now()
    due += period
    if (due < now - period) due = now
    p.timers[slot] = setTimeout(tick, Math.max(0, due - now))
  }
  const slot = p.timers.length
  p.timers.push(setTimeout(tick, Math.max(0, due - performance.now())))
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
