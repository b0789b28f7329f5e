import type { Awareness } from 'y-protocols/awareness'
import { type AwarenessEntry, decodeAwarenessEntries, encodeAwarenessEntries } from './awarenessEntries.js'
import { ProtocolError } from './protocol.js'

const NULL_STATE = new TextEncoder().encode('null')
const utf8 = new TextDecoder('utf-8', { fatal: true })

function isNullState(state: Uint8Array): boolean {
  return state.length === NULL_STATE.length && state.every((byte, i) => byte === NULL_STATE[i])
}

/**
 * The entries of an awareness update that would change `awareness`, as an update of their own;
 * null when none would. Stock y-websocket clients send every cursor they receive back to the
 * server, so most entries that arrive are ones the room already has: they are dropped here
 * before their JSON is parsed. The rule is y-protocols' own (applyAwarenessUpdate): a higher
 * clock wins, and at the same clock only a removal (null state) of a present state counts.
 * Throws ProtocolError for a truncated update or a new entry whose state is not JSON.
 */
export function readFreshAwareness(awareness: Awareness, update: Uint8Array): Uint8Array | null {
  let all: AwarenessEntry[]
  try {
    all = decodeAwarenessEntries(update)
  } catch (error) {
    throw new ProtocolError(`malformed awareness update: ${(error as Error).message}`)
  }
  const entries = all.filter(({ clientId, clock, state }) => {
    const known = awareness.meta.get(clientId)?.clock ?? 0
    return known < clock || (known === clock && awareness.states.has(clientId) && isNullState(state))
  })
  if (entries.length === 0) return null
  for (const entry of entries) {
    try {
      JSON.parse(utf8.decode(entry.state))
    } catch {
      throw new ProtocolError(`awareness state of client ${entry.clientId} is not JSON`)
    }
  }
  if (entries.length === all.length) return update
  return encodeAwarenessEntries(entries)
}
