import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

/** Another live process holds the data directory. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    /** The holder's pid as it wrote it, if readable. */
    readonly holderPid: number | null,
  ) {
    super(
      `another Tilannekuva server${holderPid ? ` (pid ${holderPid})` : ''} is using DATA_DIR ${dataDir}; ` +
        'stop it first or give this one its own DATA_DIR',
    )
  }
}

export interface DataDirLock {
  /** Lets the next server start; also happens by itself when the process exits or is killed. */
  release(): void
}

const LOCK_FILE = 'tilannekuva.lock'
const PID_FILE = 'tilannekuva.pid'

/**
 * Takes the data directory for this process alone, or throws DataDirLockedError while another
 * process has it. The lock is an SQLite database held in exclusive locking mode: SQLite locks
 * it with an OS file lock (fcntl), which the kernel drops when the holder exits in any way,
 * `kill -9` included, so a stale lock never blocks a restart. Two connections in one process
 * exclude each other too. The pid file only names the holder in the message.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true })
  const lockPath = path.join(dataDir, LOCK_FILE)
  const pidPath = path.join(dataDir, PID_FILE)
  const db = new Database(lockPath, { timeout: 0 })
  try {
    db.pragma('locking_mode = EXCLUSIVE')
    // The first write takes the exclusive lock; in this mode SQLite keeps it until close.
    db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL); DELETE FROM holder;')
    db.prepare('INSERT INTO holder (pid) VALUES (?)').run(process.pid)
  } catch (error) {
    db.close()
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
      throw new DataDirLockedError(dataDir, readPid(pidPath))
    }
    throw error
  }
  fs.writeFileSync(pidPath, `${process.pid}\n`)
  let released = false
  return {
    release() {
      if (released) return
      released = true
      db.close()
      fs.rmSync(pidPath, { force: true })
    },
  }
}

function readPid(pidPath: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(pidPath, 'utf8'), 10)
    return Number.isInteger(pid) && pid > 0 ? pid : null
  } catch {
    return null
  }
}
