import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/** Why an awareness entry was left out. */
export type AwarenessRefusal = 'not-owner' | 'too-many-ids' | 'state-too-large'

export interface OwnedAwareness {
  /** The entries that may apply, as an update of their own; null when none may. */
  update: Uint8Array | null
  refused: Array<{ clientId: number; reason: AwarenessRefusal }>
}

/**
 * Keeps the entries of an awareness update (already checked well-formed) that the sending
 * connection may write: `decide` answers per client id whether it owns it, may claim it, or
 * not. States over `maxStateBytes` are left out too. The update is returned as is when every
 * entry may apply.
 */
export function keepOwnedAwareness(
  update: Uint8Array,
  decide: (clientId: number) => 'owned' | 'claim' | AwarenessRefusal,
  maxStateBytes: number,
): OwnedAwareness {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  const kept: Array<{ clientId: number; clock: number; state: Uint8Array }> = []
  const refused: OwnedAwareness['refused'] = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const state = decoding.readVarUint8Array(decoder)
    const decision = state.byteLength > maxStateBytes ? 'state-too-large' : decide(clientId)
    if (decision === 'owned' || decision === 'claim') kept.push({ clientId, clock, state })
    else refused.push({ clientId, reason: decision })
  }
  if (refused.length === 0) return { update, refused }
  if (kept.length === 0) return { update: null, refused }
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, kept.length)
  for (const entry of kept) {
    encoding.writeVarUint(encoder, entry.clientId)
    encoding.writeVarUint(encoder, entry.clock)
    encoding.writeVarUint8Array(encoder, entry.state)
  }
  return { update: encoding.toUint8Array(encoder), refused }
}
