import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Awareness } from 'y-protocols/awareness'
import { ProtocolError } from './protocol.js'

interface AwarenessEntry {
  clientId: number
  clock: number
  /** The state as UTF-8 JSON, not yet parsed. */
  state: Uint8Array
}

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
  let entries: AwarenessEntry[]
  let count: number
  try {
    const decoder = decoding.createDecoder(update)
    count = decoding.readVarUint(decoder)
    entries = []
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      const state = decoding.readVarUint8Array(decoder)
      const known = awareness.meta.get(clientId)?.clock ?? 0
      const isNews = known < clock || (known === clock && awareness.states.has(clientId) && isNullState(state))
      if (isNews) entries.push({ clientId, clock, state })
    }
  } catch (error) {
    throw new ProtocolError(`malformed awareness update: ${(error as Error).message}`)
  }
  if (entries.length === 0) return null
  for (const entry of entries) {
    try {
      JSON.parse(utf8.decode(entry.state))
    } catch {
      throw new ProtocolError(`awareness state of client ${entry.clientId} is not JSON`)
    }
  }
  if (entries.length === count) return update
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId)
    encoding.writeVarUint(encoder, entry.clock)
    encoding.writeVarUint8Array(encoder, entry.state)
  }
  return encoding.toUint8Array(encoder)
}
