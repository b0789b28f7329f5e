import { DataDirLockedError } from './storage/dataDirLock.js'
import { DatabaseCorruptError } from './storage/integrityCheck.js'

export interface StartupContext {
  dataDir: string
  databaseFile: string
  host: string
  port: number
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : ''
}

/**
 * One line naming why the server could not start, for the errors an operator can act on (disk
 * full, damaged database, unusable DATA_DIR, a second server, port taken); null for others.
 * SQLite's extended codes (SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED, …) count as their base code.
 */
export function describeStartupFailure(error: unknown, context: StartupContext): string | null {
  if (error instanceof DataDirLockedError) return error.message
  if (error instanceof DatabaseCorruptError) {
    return `${error.message} — restore it from a backup (see README, "Backups")`
  }
  const code = codeOf(error)
  const detail = error instanceof Error ? error.message : String(error)
  if (code === 'ENOSPC' || code.startsWith('SQLITE_FULL')) {
    return `the disk holding DATA_DIR ${context.dataDir} is full (${detail}): free some space and start again`
  }
  if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')) {
    return `the database ${context.databaseFile} is damaged or not a database (${detail}) — restore it from a backup (see README, "Backups")`
  }
  if (
    ['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EISDIR', 'EEXIST'].includes(code) ||
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_CANTOPEN') ||
    code.startsWith('SQLITE_PERM')
  ) {
    return `DATA_DIR ${context.dataDir} cannot be read and written by this process (${code}: ${detail})`
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return `reading or writing the database ${context.databaseFile} failed (${code}: ${detail}): check the disk`
  }
  if (code === 'EADDRINUSE') return `port ${context.port} on ${context.host} is already in use: set PORT to a free one`
  if (code === 'EADDRNOTAVAIL') return `HOST ${context.host} is not an address of this machine`
  return null
}
