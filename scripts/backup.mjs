// npm run backup -- <file>: a consistent copy of the board database while the server runs.
// SQLite's online backup copies the database page by page as one snapshot (writes that happen
// meanwhile restart the copy of the changed pages), so the copy never holds half a transaction.
// Restore: stop the server, put the copy at DATA_DIR/tilannekuva.sqlite (remove any
// tilannekuva.sqlite-wal and -shm beside it), start the server (it checks the file at start).
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

const target = process.argv[2]
if (!target) {
  console.error('usage: npm run backup -- <file>   (DATA_DIR as for the server, default ./data)')
  process.exit(2)
}
const source = path.join(path.resolve(process.env.DATA_DIR || './data'), 'tilannekuva.sqlite')
if (!fs.existsSync(source)) {
  console.error(`no database at ${source}: set DATA_DIR to the server's`)
  process.exit(1)
}
if (fs.existsSync(target)) {
  console.error(`${target} exists; give a new file name`)
  process.exit(1)
}
try {
  const db = new Database(source, { fileMustExist: true, timeout: 5000 })
  await db.backup(target)
  db.close()
  const copy = new Database(target, { readonly: true, fileMustExist: true })
  const check = copy.pragma('quick_check', { simple: true })
  const boards = copy.prepare('SELECT COUNT(*) AS n FROM boards').get().n
  copy.close()
  if (check !== 'ok') throw new Error(`the copy failed its integrity check: ${check}`)
  console.log(
    `backed up ${boards} boards from ${source} to ${target} (${fs.statSync(target).size} bytes, integrity ok)`,
  )
} catch (error) {
  fs.rmSync(target, { force: true })
  console.error(`backup failed: ${error.message}`)
  process.exit(1)
}
