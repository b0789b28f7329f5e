import path from 'node:path'
import Database from 'better-sqlite3'
import { openBoardRecords } from '../../shared/boardDocument.js'
import { startChildServer } from './childServer.js'
import { noteRecord } from './records.js'
import { connectClient, waitFor, waitForSync } from './yclient.js'

export interface KillRoundResult {
  /** Notes the reader had received when the server was killed. */
  received: number
  /** Of those, the ones the restarted server did not have. */
  missing: string[]
  /** `PRAGMA quick_check` of the database right after the kill: 'ok' or SQLite's findings. */
  integrity: string
}

/** `PRAGMA quick_check` of the server's database, opened as the next start would open it. */
export function quickCheck(dataDir: string): string {
  const db = new Database(path.join(dataDir, 'tilannekuva.sqlite'))
  try {
    return (db.pragma('quick_check') as { quick_check: string }[]).map((row) => row.quick_check).join('; ')
  } finally {
    db.close()
  }
}

/**
 * One kill -9 trial on a board that already exists in `dataDir`: a writer adds notes every 5 ms
 * while a reader watches; once the reader has `notesBeforeKill` new notes the server is killed,
 * the database checked, the server started again, and every note the reader had received must
 * be there. The notes of round `round` are keyed apart from other rounds'.
 */
export async function killRound(options: {
  dataDir: string
  boardId: string
  editToken: string
  round: number
  notesBeforeKill?: number
}): Promise<KillRoundResult> {
  const { dataDir, boardId, editToken, round } = options
  const server = await startChildServer({ DATA_DIR: dataDir })
  const writer = connectClient(server.syncUrl, boardId, editToken)
  const reader = connectClient(server.syncUrl, boardId, editToken)
  let writing: ReturnType<typeof setInterval> | undefined
  try {
    await Promise.all([waitForSync(writer), waitForSync(reader)])
    const writerRecords = openBoardRecords(writer.doc)
    const readerRecords = openBoardRecords(reader.doc)
    const ownKey = (key: string) => key.startsWith(`shape:r${round}-`)
    const receivedNow = () => [...readerRecords.map.keys()].filter(ownKey)
    let written = 0
    writing = setInterval(() => {
      for (let i = 0; i < 5; i++, written++) {
        const key = `r${round}-${written}`
        writerRecords.set(`shape:${key}`, noteRecord(key, `Kierros ${round}, lappu ${written}`))
      }
    }, 5)
    const target = options.notesBeforeKill ?? 300
    await waitFor(() => receivedNow().length >= target, 'the reader received notes', 60_000)
    server.process.kill('SIGKILL')
    const received = receivedNow()
    clearInterval(writing)
    await server.exited
    writer.destroy()
    reader.destroy()

    const integrity = quickCheck(dataDir)
    const restarted = await startChildServer({ DATA_DIR: dataDir })
    const newcomer = connectClient(restarted.syncUrl, boardId, editToken)
    try {
      await waitForSync(newcomer)
      const recovered = openBoardRecords(newcomer.doc)
      const missing = received.filter((id) => !recovered.has(id))
      return { received: received.length, missing, integrity }
    } finally {
      newcomer.destroy()
      restarted.process.kill('SIGTERM')
      await restarted.exited
    }
  } finally {
    if (writing) clearInterval(writing)
    writer.destroy()
    reader.destroy()
  }
}
