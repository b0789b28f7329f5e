import { useEffect, useState } from 'react'
import { type BoardConnection, openBoardConnection } from './boardConnection.js'

/** Opens the board's connection for as long as the component is mounted. */
export function useBoardConnection(boardId: string, token: string): BoardConnection | null {
  const [connection, setConnection] = useState<BoardConnection | null>(null)
  useEffect(() => {
    const opened = openBoardConnection({ boardId, token })
    setConnection(opened)
    return () => {
      setConnection(null)
      opened.destroy()
    }
  }, [boardId, token])
  return connection
}
