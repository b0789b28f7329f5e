/**
 * Who this device is on a board: its stakeholder group (asked once, remembered for every board)
 * and, per board, the participant identity the server registered for it with its secret. The
 * secret is shared by every tab of this browser, so two tabs count as one person. No tldraw here:
 * the name prompt uses this before the canvas has loaded.
 */
import { useEffect, useState } from 'react'
import {
  PARTICIPANT_NAME_MAX_LENGTH,
  type Participant,
  RegisterParticipantResponse,
  StakeholderGroup,
  type StakeholderGroup as StakeholderGroupValue,
} from '../../shared/facilitation.js'
import { registerParticipant, updateParticipant } from '../api.js'
import { subscribeSavedPreferences } from './savedPreferences.js'

/** A name typed in tldraw's people menu is sent once the typing pauses. */
const RENAME_DELAY_MS = 800

const GROUP_KEY = 'tilannekuva.group'
const identityKey = (boardId: string) => `tilannekuva.participant.${boardId}`

export type ParticipantIdentity = RegisterParticipantResponse

export function getSavedGroup(): StakeholderGroupValue | null {
  try {
    const parsed = StakeholderGroup.safeParse(localStorage.getItem(GROUP_KEY))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

export function saveGroup(group: StakeholderGroupValue): void {
  try {
    localStorage.setItem(GROUP_KEY, group)
  } catch {
    // Without storage the group is asked again next time.
  }
}

export function loadIdentity(boardId: string): ParticipantIdentity | null {
  try {
    const parsed = RegisterParticipantResponse.safeParse(
      JSON.parse(localStorage.getItem(identityKey(boardId)) ?? 'null'),
    )
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

function storeIdentity(boardId: string, identity: ParticipantIdentity): void {
  try {
    localStorage.setItem(identityKey(boardId), JSON.stringify(identity))
  } catch {
    // This page keeps it; another tab registers its own.
  }
}

/** Forgets the identity this device registered on the board (also when the board is forgotten). */
export function forgetIdentity(boardId: string): void {
  try {
    localStorage.removeItem(identityKey(boardId))
  } catch {
    // Nothing stored.
  }
}

/**
 * The identity to open the board with: the one this device registered before (told the new name
 * or group if they changed), or a new registration. Null when the server gives none (the board
 * then still opens, as a person without identity).
 */
export async function ensureIdentity(
  boardId: string,
  token: string,
  wanted: { name: string; group: StakeholderGroupValue },
): Promise<ParticipantIdentity | null> {
  // Two tabs opened at once would register two people; the Web Locks API (secure contexts only)
  // lets the second wait for the first and reuse its identity.
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined
  if (!locks) return ensureIdentityUnlocked(boardId, token, wanted)
  return await locks.request(identityKey(boardId), () => ensureIdentityUnlocked(boardId, token, wanted))
}

async function ensureIdentityUnlocked(
  boardId: string,
  token: string,
  wanted: { name: string; group: StakeholderGroupValue },
): Promise<ParticipantIdentity | null> {
  const stored = loadIdentity(boardId)
  if (stored) {
    if (stored.participant.name === wanted.name && stored.participant.group === wanted.group) return stored
    const updated = await updateParticipant(boardId, token, stored.secret, wanted)
    if (updated.ok) {
      const identity = { ...stored, participant: { ...stored.participant, ...wanted } }
      storeIdentity(boardId, identity)
      return identity
    }
    // Only a secret the server no longer knows is worth replacing; otherwise keep being this person.
    if (updated.reason !== 'unauthorized' && updated.reason !== 'not_found') return stored
    forgetIdentity(boardId)
  }
  const registered = await registerParticipant(boardId, token, wanted)
  if (!registered.ok) return null
  storeIdentity(boardId, registered.data)
  return registered.data
}

/** Tells the server this person's new name (changed in tldraw's people menu); returns the identity to keep. */
export async function renameIdentity(
  boardId: string,
  token: string,
  identity: ParticipantIdentity,
  name: string,
): Promise<ParticipantIdentity> {
  if (name === identity.participant.name) return identity
  const updated = await updateParticipant(boardId, token, identity.secret, { name })
  if (!updated.ok) return identity
  const participant: Participant = { ...identity.participant, name }
  const next = { ...identity, participant }
  // Another tab may have registered meanwhile; only our own secret's record is rewritten.
  if (loadIdentity(boardId)?.secret === identity.secret) storeIdentity(boardId, next)
  return next
}

/**
 * The identity, kept up to date with the name this person gives themselves while on the board
 * (tldraw's people menu): each new name is sent to the server once typing pauses.
 */
export function useIdentityName(
  boardId: string,
  token: string,
  initial: ParticipantIdentity | null,
): ParticipantIdentity | null {
  const [identity, setIdentity] = useState(initial)
  useEffect(() => setIdentity(initial), [initial])
  useEffect(() => {
    if (!identity) return
    let timer: ReturnType<typeof setTimeout> | undefined
    let cancelled = false
    const unsubscribe = subscribeSavedPreferences((preferences) => {
      const name = preferences.name?.trim().slice(0, PARTICIPANT_NAME_MAX_LENGTH) ?? ''
      clearTimeout(timer)
      if (name === '' || name === identity.participant.name) return
      timer = setTimeout(() => {
        void renameIdentity(boardId, token, identity, name).then((next) => {
          if (!cancelled && next !== identity) setIdentity(next)
        })
      }, RENAME_DELAY_MS)
    })
    return () => {
      cancelled = true
      unsubscribe()
      clearTimeout(timer)
    }
  }, [boardId, token, identity])
  return identity
}
