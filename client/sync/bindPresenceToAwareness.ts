import { InstancePresenceRecordType, react, type Signal, type TLInstancePresence, type TLStore } from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'

/** The awareness field holding a client's tldraw presence record. */
export const PRESENCE_FIELD = 'presence'

export interface BindPresenceOptions {
  /** Least time between two local presence broadcasts (cursor moves come at pointer rate). */
  throttleMs?: number
  /** Clock for activity stamps; tests may replace it. */
  now?: () => number
}

interface AwarenessChange {
  added: number[]
  updated: number[]
  removed: number[]
}

/** Remote presence records are keyed by awareness client id: one per open tab, never our own. */
export function presenceIdForClient(clientId: number): TLInstancePresence['id'] {
  return InstancePresenceRecordType.createId(`yjs-${clientId}`)
}

/**
 * Shares the local user's presence (cursor, name, colour, selection, viewport) through Yjs
 * awareness, and mirrors other clients' awareness states into the store as `instance_presence`
 * records, which tldraw draws as live cursors. Presence never enters the document. Returns the
 * unsubscribe, which also clears our presence and removes the mirrored records.
 */
export function bindPresenceToAwareness(
  store: TLStore,
  awareness: Awareness,
  $presence: Signal<TLInstancePresence | null>,
  options: BindPresenceOptions = {},
): () => void {
  const throttleMs = options.throttleMs ?? 50
  const now = options.now ?? Date.now

  // --- local → awareness, at most once per throttleMs, always ending with the latest state
  let lastSentAt = -Infinity
  let timer: ReturnType<typeof setTimeout> | null = null
  const send = () => {
    timer = null
    lastSentAt = now()
    awareness.setLocalStateField(PRESENCE_FIELD, $presence.get())
  }
  const stopReacting = react('share presence through awareness', () => {
    $presence.get()
    if (timer !== null) return
    const wait = lastSentAt + throttleMs - now()
    if (wait <= 0) send()
    else timer = setTimeout(send, wait)
  })

  // --- awareness → store
  // Peers stamp activity with their own clocks; tldraw hides cursors by comparing those stamps
  // with ours. Re-stamping with our receive time keeps cursors visible despite clock skew.
  const activity = new Map<number, { theirs: number; ours: number }>()
  const toRecord = (clientId: number, presence: Record<string, unknown>): TLInstancePresence => {
    const theirs = typeof presence.lastActivityTimestamp === 'number' ? presence.lastActivityTimestamp : 0
    let seen = activity.get(clientId)
    if (!seen || seen.theirs !== theirs) {
      seen = { theirs, ours: now() }
      activity.set(clientId, seen)
    }
    return {
      ...(presence as unknown as TLInstancePresence),
      id: presenceIdForClient(clientId),
      typeName: 'instance_presence',
      lastActivityTimestamp: theirs === 0 ? 0 : seen.ours,
    }
  }

  const apply = (clientIds: Iterable<number>) => {
    const puts: TLInstancePresence[] = []
    const removals: TLInstancePresence['id'][] = []
    const states = awareness.getStates()
    for (const clientId of clientIds) {
      if (clientId === awareness.clientID) continue
      const presence: unknown = states.get(clientId)?.[PRESENCE_FIELD]
      const id = presenceIdForClient(clientId)
      if (typeof presence === 'object' && presence !== null) {
        puts.push(toRecord(clientId, presence as Record<string, unknown>))
      } else {
        activity.delete(clientId)
        if (store.has(id)) removals.push(id)
      }
    }
    if (puts.length === 0 && removals.length === 0) return
    try {
      store.mergeRemoteChanges(() => {
        if (puts.length > 0) store.put(puts)
        if (removals.length > 0) store.remove(removals)
      })
    } catch {
      // A peer sent an invalid presence: keep everyone else's.
      for (const record of puts) {
        try {
          store.mergeRemoteChanges(() => store.put([record]))
        } catch {
          // skipped
        }
      }
      if (removals.length > 0) store.mergeRemoteChanges(() => store.remove(removals))
    }
  }

  const onChange = ({ added, updated, removed }: AwarenessChange) => {
    apply([...added, ...updated, ...removed])
  }
  awareness.on('change', onChange)
  apply(awareness.getStates().keys())

  return () => {
    stopReacting()
    if (timer !== null) clearTimeout(timer)
    awareness.off('change', onChange)
    if (awareness.getLocalState() !== null) awareness.setLocalStateField(PRESENCE_FIELD, null)
    const mirrored = store.query
      .records('instance_presence')
      .get()
      .map((record) => record.id)
    if (mirrored.length > 0) store.mergeRemoteChanges(() => store.remove(mirrored))
  }
}
