/** Which tldraw user (for following) belongs to which participant, from the awareness states. */
import type { TLUserId } from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'
import { AwarenessParticipant, PARTICIPANT_AWARENESS_FIELD } from '../../shared/facilitation.js'
import { PRESENCE_FIELD } from '../sync/bindPresenceToAwareness.js'

/**
 * The tldraw user id of each participant present, by participant id. Every tab carries both its
 * participant identity and its presence record in its awareness state; our own tab is left out.
 */
export function userIdsByParticipant(awareness: Awareness): Map<string, TLUserId> {
  const found = new Map<string, TLUserId>()
  for (const [clientId, state] of awareness.getStates()) {
    if (clientId === awareness.clientID) continue
    const participant = AwarenessParticipant.safeParse(state[PARTICIPANT_AWARENESS_FIELD])
    const presence: unknown = state[PRESENCE_FIELD]
    if (!participant.success || typeof presence !== 'object' || presence === null) continue
    const userId = (presence as { userId?: unknown }).userId
    if (typeof userId === 'string' && userId.startsWith('user:')) found.set(participant.data.id, userId as TLUserId)
  }
  return found
}
