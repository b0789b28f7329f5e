import { useEffect, useState } from 'react'
import type { StakeholderGroup } from '../../shared/facilitation.js'
import type { ParticipantIdentity } from '../user/participantIdentity.js'
import { type BoardConnection, openBoardConnection } from './boardConnection.js'

/** Opens the board's connection for as long as the component is mounted. */
export function useBoardConnection(
  boardId: string,
  token: string,
  identity: ParticipantIdentity | null = null,
): BoardConnection | null {
  const [connection, setConnection] = useState<BoardConnection | null>(null)
  // A rename keeps the connection; only another person (secret) or group opens a new one.
  const secret = identity?.secret ?? null
  const id = identity?.participant.id ?? null
  const group: StakeholderGroup | null = identity?.participant.group ?? null
  useEffect(() => {
    const participant = secret && id && group ? { secret, id, group } : null
    const opened = openBoardConnection({ boardId, token, participant })
    setConnection(opened)
    return () => {
      setConnection(null)
      opened.destroy()
    }
  }, [boardId, token, secret, id, group])
  return connection
}
