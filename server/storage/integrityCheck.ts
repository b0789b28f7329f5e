import fs from 'node:fs'
import Database from 'better-sqlite3'

/** The database file failed SQLite's integrity check. */
export class DatabaseCorruptError extends Error {
  constructor(
    readonly filename: string,
    readonly problems: readonly string[],
  ) {
    super(`the database ${filename} is damaged: ${problems.slice(0, 3).join('; ')}`)
  }
}

/**
 * Runs `PRAGMA quick_check` on the database file, if there is one, and throws
 * DatabaseCorruptError when it finds damage. SQLite errors raised while reading the file
 * (SQLITE_CORRUPT, SQLITE_NOTADB, …) are thrown as they are. quick_check reads every page, so a
 * board database with garbage pages, which opens and answers simple queries, is caught at start
 * instead of when someone opens the damaged board.
 */
export function checkDatabaseIntegrity(filename: string): void {
  if (!fs.existsSync(filename)) return
  const db = new Database(filename, { fileMustExist: true, timeout: 5000 })
  try {
    const rows = db.pragma('quick_check(10)') as Array<{ quick_check: string }>
    // One row may hold several lines, headed by "*** in database main ***".
    const problems = rows
      .flatMap((row) => row.quick_check.split('\n'))
      .filter((line) => line !== 'ok' && line.trim() !== '' && !line.startsWith('***'))
    if (problems.length > 0) throw new DatabaseCorruptError(filename, problems)
  } finally {
    db.close()
  }
}
