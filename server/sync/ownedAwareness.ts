import { type AwarenessEntry, decodeAwarenessEntries, encodeAwarenessEntries } from './awarenessEntries.js'

/** Why an awareness entry was left out. */
export type AwarenessRefusal = 'not-owner' | 'too-many-ids' | 'state-too-large' | 'forged-participant'

export interface OwnedAwareness {
  /** The entries that may apply, as an update of their own; null when none may. */
  update: Uint8Array | null
  refused: Array<{ clientId: number; reason: AwarenessRefusal }>
}

/**
 * Keeps the entries of an awareness update (already checked well-formed) that the sending
 * connection may write: `decide` answers per client id whether it owns it, may claim it, or
 * not. States over `maxStateBytes` are left out too. The update is returned as is when every
 * entry may apply. `checkState` may refuse a state for what it says (e.g. someone else's identity).
 */
export function keepOwnedAwareness(
  update: Uint8Array,
  decide: (clientId: number) => 'owned' | 'claim' | AwarenessRefusal,
  maxStateBytes: number,
  checkState: (state: Uint8Array) => AwarenessRefusal | null = () => null,
): OwnedAwareness {
  const kept: AwarenessEntry[] = []
  const refused: OwnedAwareness['refused'] = []
  for (const entry of decodeAwarenessEntries(update)) {
    const decision =
      entry.state.byteLength > maxStateBytes ? 'state-too-large' : (checkState(entry.state) ?? decide(entry.clientId))
    if (decision === 'owned' || decision === 'claim') kept.push(entry)
    else refused.push({ clientId: entry.clientId, reason: decision })
  }
  if (refused.length === 0) return { update, refused }
  if (kept.length === 0) return { update: null, refused }
  return { update: encodeAwarenessEntries(kept), refused }
}
