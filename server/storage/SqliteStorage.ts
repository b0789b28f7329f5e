import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { Board } from '../../shared/api.js'
import type { Participant } from '../../shared/facilitation.js'
import {
  type BoardAccess,
  type BoardAppend,
  BoardExistsError,
  type BoardStorage,
  JoinCodeTakenError,
  type StoredBoard,
  type StoredParticipant,
  type StoredVote,
  type StoredSnapshot,
  type StoredUpdates,
  type StoredVersion,
  UnknownBoardError,
} from './BoardStorage.js'
import type { VersionKind, VersionSummary } from '../../shared/versions.js'
import type { Role } from '../../shared/api.js'
import { WalCheckpointer } from './walCheckpointer.js'
import { packVersionContents, unpackVersionContents } from './versionContents.js'

interface BoardRow {
  id: string
  title: string
  template: string
  language: string
  created_at: string
  facilitator_hash: string
  edit_hash: string
  view_hash: string
  join_code_hash: string | null
  sealed_links: string | null
  /** JSON array of hashes (BoardAccess.retiredHashes), null when none. */
  retired_hashes: string | null
}

interface VoteRow {
  round_id: string
  participant_id: string
  note_id: string
  group_name: string
  count: number
}

interface ParticipantRow {
  id: string
  name: string
  group_name: string
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS boards (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  template TEXT NOT NULL,
  language TEXT NOT NULL,
  created_at TEXT NOT NULL,
  facilitator_hash TEXT NOT NULL,
  edit_hash TEXT NOT NULL,
  view_hash TEXT NOT NULL,
  join_code_hash TEXT,
  sealed_links TEXT,
  retired_hashes TEXT
);
CREATE TABLE IF NOT EXISTS board_updates (
  board_id TEXT NOT NULL REFERENCES boards(id),
  seq INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (board_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS board_snapshots (
  board_id TEXT PRIMARY KEY REFERENCES boards(id),
  snapshot TEXT NOT NULL,
  built_from_seq INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS participants (
  id TEXT PRIMARY KEY,
  board_id TEXT NOT NULL REFERENCES boards(id),
  secret_hash TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  group_name TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS participants_by_board ON participants (board_id);
CREATE TABLE IF NOT EXISTS votes (
  board_id TEXT NOT NULL REFERENCES boards(id),
  round_id TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  note_id TEXT NOT NULL,
  group_name TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (board_id, round_id, participant_id, note_id)
) WITHOUT ROWID;
`

/** Databases made before snapshots recorded their seq: 0 marks their snapshot as possibly behind. */
function addSnapshotSeqColumn(db: Database.Database): void {
  const columns = db.prepare<[], { name: string }>('PRAGMA table_info(board_snapshots)').all()
  if (!columns.some((column) => column.name === 'built_from_seq')) {
    db.exec('ALTER TABLE board_snapshots ADD COLUMN built_from_seq INTEGER NOT NULL DEFAULT 0')
  }
}

function storedBoardOf(row: BoardRow): StoredBoard {
  return {
    board: {
      id: row.id,
      title: row.title,
      template: row.template as Board['template'],
      language: row.language as Board['language'],
      createdAt: row.created_at,
    },
    tokenHashes: { facilitator: row.facilitator_hash, edit: row.edit_hash, view: row.view_hash },
    joinCodeHash: row.join_code_hash,
    sealedLinks: row.sealed_links,
    ...retiredHashesOf(row.retired_hashes),
  }
}

/** The stored JSON array of retired hashes; anything else reads as none (they only improve a message). */
function retiredHashesOf(json: string | null): Pick<StoredBoard, 'retiredHashes'> {
  let parsed: unknown = null
  try {
    parsed = json ? JSON.parse(json) : null
  } catch {}
  const hashes = Array.isArray(parsed) ? parsed.filter((hash): hash is string => typeof hash === 'string') : []
  return hashes.length > 0 ? { retiredHashes: hashes } : {}
}

const retiredHashesJson = (hashes: readonly string[] | undefined) => (hashes?.length ? JSON.stringify(hashes) : null)

/**
 * Databases made before join codes and sealed links: their boards keep working with the three
 * tokens (null join code and links). Join codes are unique, as /j/ looks boards up by them.
 */
function addBoardAccessColumns(db: Database.Database): void {
  const columns = db.prepare<[], { name: string }>('PRAGMA table_info(boards)').all()
  if (!columns.some((column) => column.name === 'join_code_hash')) {
    db.exec('ALTER TABLE boards ADD COLUMN join_code_hash TEXT')
  }
  if (!columns.some((column) => column.name === 'sealed_links')) {
    db.exec('ALTER TABLE boards ADD COLUMN sealed_links TEXT')
  }
  if (!columns.some((column) => column.name === 'retired_hashes')) {
    db.exec('ALTER TABLE boards ADD COLUMN retired_hashes TEXT')
  }
  db.exec('CREATE UNIQUE INDEX IF NOT EXISTS boards_join_code_hash ON boards (join_code_hash)')
}

/** A board's versions (server/versions/): made by databases of any age, so created on open. */
const VERSIONS_SCHEMA = `
CREATE TABLE IF NOT EXISTS versions (
  id TEXT PRIMARY KEY,
  board_id TEXT NOT NULL REFERENCES boards(id),
  kind TEXT NOT NULL,
  name TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT,
  state BLOB NOT NULL,
  snapshot TEXT NOT NULL,
  size_bytes INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS versions_by_board ON versions (board_id, created_at);
`

interface VersionRow {
  id: string
  kind: string
  name: string | null
  created_at: string
  created_by: string | null
  size_bytes: number
}

function versionSummaryOf(row: VersionRow): VersionSummary {
  return {
    id: row.id,
    kind: row.kind as VersionKind,
    name: row.name,
    createdAt: row.created_at,
    createdBy: row.created_by as Role | null,
    sizeBytes: row.size_bytes,
  }
}

const isUniqueViolation = (error: unknown, column: string) =>
  (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' && (error as Error).message.includes(column)

export interface SqliteStorageOptions {
  /** How often the worker thread checkpoints the WAL into the database file. */
  checkpointIntervalMs?: number
  /** WAL size in pages (4 KiB) past which it is truncated (default 16384: 64 MiB). */
  truncateWalAfterPages?: number
  /** Told when checkpointing falls back to SQLite's automatic checkpoints, or one failed. */
  warn?(message: string): void
}

const BUSY_TIMEOUT_MS = 5000

/** SQLite's own default threshold, used again if the checkpoint worker cannot run. */
const AUTOCHECKPOINT_PAGES = 1000

/**
 * SQLite storage in WAL mode. synchronous=NORMAL makes a committed transaction survive a crash
 * or kill of the process (not a power cut, which would need FULL and costs an fsync per commit).
 * Checkpoints run on a worker thread (see walCheckpointer.ts), never inside a commit.
 */
export class SqliteStorage implements BoardStorage {
  private readonly db: Database.Database
  private readonly statements
  private readonly checkpointer: WalCheckpointer | null

  constructor(filename: string, options: SqliteStorageOptions = {}) {
    if (filename !== ':memory:') fs.mkdirSync(path.dirname(filename), { recursive: true })
    this.db = new Database(filename)
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = NORMAL')
    this.db.pragma('foreign_keys = ON')
    this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    this.db.exec(SCHEMA)
    addSnapshotSeqColumn(this.db)
    addBoardAccessColumns(this.db)
    this.db.exec(VERSIONS_SCHEMA)
    this.checkpointer = filename === ':memory:' ? null : this.startCheckpointer(filename, options)
    this.statements = {
      insertBoard: this.db.prepare(
        `INSERT INTO boards (id, title, template, language, created_at, facilitator_hash, edit_hash, view_hash,
           join_code_hash, sealed_links, retired_hashes)
         VALUES (@id, @title, @template, @language, @created_at, @facilitator_hash, @edit_hash, @view_hash,
           @join_code_hash, @sealed_links, @retired_hashes)`,
      ),
      updateAccess: this.db.prepare(
        `UPDATE boards SET facilitator_hash = @facilitator_hash, edit_hash = @edit_hash, view_hash = @view_hash,
           join_code_hash = @join_code_hash, sealed_links = @sealed_links, retired_hashes = @retired_hashes
         WHERE id = @id`,
      ),
      findByJoinCode: this.db.prepare<[string], BoardRow>('SELECT * FROM boards WHERE join_code_hash = ?'),
      insertParticipant: this.db.prepare(
        `INSERT INTO participants (id, board_id, secret_hash, name, group_name, created_at)
         VALUES (@id, @board_id, @secret_hash, @name, @group_name, @created_at)`,
      ),
      countParticipants: this.db.prepare<[string], { count: number }>(
        'SELECT COUNT(*) AS count FROM participants WHERE board_id = ?',
      ),
      findParticipant: this.db.prepare<[string, string], ParticipantRow>(
        'SELECT id, name, group_name FROM participants WHERE secret_hash = ? AND board_id = ?',
      ),
      updateParticipant: this.db.prepare(
        'UPDATE participants SET name = @name, group_name = @group_name WHERE id = @id AND board_id = @board_id',
      ),
      getBoard: this.db.prepare<[string], BoardRow>('SELECT * FROM boards WHERE id = ?'),
      loadVotes: this.db.prepare<[string], VoteRow>(
        'SELECT round_id, participant_id, note_id, group_name, count FROM votes WHERE board_id = ?',
      ),
      upsertVote: this.db.prepare(
        `INSERT INTO votes (board_id, round_id, participant_id, note_id, group_name, count)
         VALUES (@board_id, @round_id, @participant_id, @note_id, @group_name, @count)
         ON CONFLICT (board_id, round_id, participant_id, note_id) DO UPDATE SET count = excluded.count`,
      ),
      deleteVote: this.db.prepare(
        'DELETE FROM votes WHERE board_id = ? AND round_id = ? AND participant_id = ? AND note_id = ?',
      ),
      lastSeq: this.db.prepare<[string], { seq: number }>(
        'SELECT COALESCE(MAX(seq), 0) AS seq FROM board_updates WHERE board_id = ?',
      ),
      insertUpdate: this.db.prepare('INSERT INTO board_updates (board_id, seq, data) VALUES (?, ?, ?)'),
      loadUpdates: this.db.prepare<[string], { seq: number; data: Buffer }>(
        'SELECT seq, data FROM board_updates WHERE board_id = ? ORDER BY seq',
      ),
      deleteThrough: this.db.prepare('DELETE FROM board_updates WHERE board_id = ? AND seq <= ?'),
      ping: this.db.prepare('SELECT 1'),
      saveSnapshot: this.db.prepare(
        `INSERT INTO board_snapshots (board_id, snapshot, built_from_seq) VALUES (?, ?, ?)
         ON CONFLICT (board_id) DO UPDATE SET snapshot = excluded.snapshot, built_from_seq = excluded.built_from_seq`,
      ),
      loadSnapshot: this.db.prepare<[string], { snapshot: string; built_from_seq: number }>(
        'SELECT snapshot, built_from_seq FROM board_snapshots WHERE board_id = ?',
      ),
    }
    this.versionStatements = {
      insert: this.db.prepare(
        `INSERT INTO versions (id, board_id, kind, name, created_at, created_by, state, snapshot, size_bytes)
         VALUES (@id, @board_id, @kind, @name, @created_at, @created_by, @state, @snapshot, @size_bytes)`,
      ),
      list: this.db.prepare<[string], VersionRow>(
        `SELECT id, kind, name, created_at, created_by, size_bytes FROM versions WHERE board_id = ?
         ORDER BY created_at DESC, id DESC`,
      ),
      load: this.db.prepare<[string, string], VersionRow & { state: Buffer; snapshot: string | Buffer }>(
        'SELECT * FROM versions WHERE board_id = ? AND id = ?',
      ),
      delete: this.db.prepare('DELETE FROM versions WHERE board_id = ? AND id = ?'),
    }
    const deleteVersion = this.versionStatements.delete
    this.deleteVersionsTransaction = this.db.transaction((boardId: string, ids: readonly string[]) => {
      for (const id of ids) deleteVersion.run(boardId, id)
    })
    const { lastSeq, insertUpdate, deleteThrough } = this.statements
    // Refuses an unknown board before it writes anything, so a batch needs no savepoint per board.
    const appendRows = (boardId: string, updates: readonly Uint8Array[]): number => {
      let seq = lastSeq.get(boardId)!.seq
      // A created board always has a stored update, so an empty log means no such board.
      if (seq === 0) this.assertBoardExists(boardId)
      for (const update of updates) insertUpdate.run(boardId, ++seq, update)
      return seq
    }
    this.appendTransaction = this.db.transaction(appendRows)
    this.appendBatchTransaction = this.db.transaction((appends: readonly BoardAppend[]) =>
      appends.map(({ boardId, updates }): PromiseSettledResult<number> => {
        try {
          return { status: 'fulfilled', value: appendRows(boardId, updates) }
        } catch (error) {
          if (error instanceof UnknownBoardError) return { status: 'rejected', reason: error }
          throw error
        }
      }),
    )
    this.compactTransaction = this.db.transaction((boardId: string, state: Uint8Array, throughSeq: number) => {
      this.assertBoardExists(boardId)
      deleteThrough.run(boardId, throughSeq)
      insertUpdate.run(boardId, throughSeq, state)
    })
  }

  private readonly versionStatements

  private readonly appendTransaction: (boardId: string, updates: readonly Uint8Array[]) => number
  private readonly appendBatchTransaction: (appends: readonly BoardAppend[]) => PromiseSettledResult<number>[]
  private readonly compactTransaction: (boardId: string, state: Uint8Array, throughSeq: number) => void

  /**
   * Copies what is left of the WAL into the database file and empties it. Never waits: if the
   * worker happens to be checkpointing, SQLite reports busy and the next report tries again.
   */
  private truncateWal(): void {
    if (!this.db.open) return
    this.db.pragma('busy_timeout = 0')
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)')
    } finally {
      this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    }
  }

  /** Opens (creating if needed) the database file under a data directory. */
  static inDataDir(dataDir: string, options: SqliteStorageOptions = {}): SqliteStorage {
    return new SqliteStorage(path.join(dataDir, 'tilannekuva.sqlite'), options)
  }

  private startCheckpointer(filename: string, options: SqliteStorageOptions): WalCheckpointer {
    this.db.pragma('wal_autocheckpoint = 0')
    return new WalCheckpointer(filename, {
      intervalMs: options.checkpointIntervalMs ?? 1000,
      truncateAfterPages: options.truncateWalAfterPages ?? 16384,
      onWalLarge: () => {
        try {
          this.truncateWal()
        } catch (error) {
          options.warn?.(`truncating the WAL failed, retrying after the next checkpoint: ${(error as Error).message}`)
        }
      },
      onFailure: (error) => {
        // Without checkpoints the WAL would grow for ever: let commits checkpoint again.
        if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`)
        options.warn?.(`WAL checkpoints are back on the main thread: ${error.message}`)
      },
      onCheckpointError: (message) => options.warn?.(`WAL checkpoint failed, retrying: ${message}`),
    })
  }

  private createTransaction(stored: StoredBoard, initialUpdate: Uint8Array): void {
    this.db.transaction(() => {
      const { board, tokenHashes } = stored
      this.statements.insertBoard.run({
        id: board.id,
        title: board.title,
        template: board.template,
        language: board.language,
        created_at: board.createdAt,
        facilitator_hash: tokenHashes.facilitator,
        edit_hash: tokenHashes.edit,
        view_hash: tokenHashes.view,
        join_code_hash: stored.joinCodeHash,
        sealed_links: stored.sealedLinks,
        retired_hashes: retiredHashesJson(stored.retiredHashes),
      })
      this.statements.insertUpdate.run(board.id, 1, initialUpdate)
    })()
  }

  async createBoard(stored: StoredBoard, initialUpdate: Uint8Array): Promise<void> {
    try {
      this.createTransaction(stored, initialUpdate)
    } catch (error) {
      // SQLite names whichever constraint it checked first: a taken id wins over a taken join code.
      const code = (error as { code?: string }).code
      if (
        code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
        (code?.startsWith('SQLITE_CONSTRAINT') && this.statements.getBoard.get(stored.board.id))
      ) {
        throw new BoardExistsError(`board ${stored.board.id} exists`)
      }
      if (isUniqueViolation(error, 'join_code_hash')) throw new JoinCodeTakenError()
      throw error
    }
  }

  async getBoard(boardId: string): Promise<StoredBoard | null> {
    const row = this.statements.getBoard.get(boardId)
    return row ? storedBoardOf(row) : null
  }

  async updateBoardAccess(boardId: string, access: BoardAccess): Promise<void> {
    let changes: number
    try {
      changes = this.statements.updateAccess.run({
        id: boardId,
        facilitator_hash: access.tokenHashes.facilitator,
        edit_hash: access.tokenHashes.edit,
        view_hash: access.tokenHashes.view,
        join_code_hash: access.joinCodeHash,
        sealed_links: access.sealedLinks,
        retired_hashes: retiredHashesJson(access.retiredHashes),
      }).changes
    } catch (error) {
      if (isUniqueViolation(error, 'join_code_hash')) throw new JoinCodeTakenError()
      throw error
    }
    if (changes === 0) throw new UnknownBoardError(boardId)
  }

  async findBoardByJoinCode(joinCodeHash: string): Promise<StoredBoard | null> {
    const row = this.statements.findByJoinCode.get(joinCodeHash)
    return row ? storedBoardOf(row) : null
  }

  async createParticipant(boardId: string, stored: StoredParticipant): Promise<void> {
    this.assertBoardExists(boardId)
    this.statements.insertParticipant.run({
      id: stored.participant.id,
      board_id: boardId,
      secret_hash: stored.secretHash,
      name: stored.participant.name,
      group_name: stored.participant.group,
      created_at: new Date().toISOString(),
    })
  }

  async countParticipants(boardId: string): Promise<number> {
    return this.statements.countParticipants.get(boardId)?.count ?? 0
  }

  async findParticipant(boardId: string, secretHash: string): Promise<Participant | null> {
    const row = this.statements.findParticipant.get(secretHash, boardId)
    if (!row) {
      this.assertBoardExists(boardId)
      return null
    }
    return { id: row.id, name: row.name, group: row.group_name }
  }

  async updateParticipant(boardId: string, participant: Participant): Promise<boolean> {
    const { changes } = this.statements.updateParticipant.run({
      id: participant.id,
      board_id: boardId,
      name: participant.name,
      group_name: participant.group,
    })
    if (changes === 0) this.assertBoardExists(boardId)
    return changes > 0
  }

  async loadVotes(boardId: string): Promise<StoredVote[]> {
    this.assertBoardExists(boardId)
    return this.statements.loadVotes.all(boardId).map((row) => ({
      roundId: row.round_id,
      participantId: row.participant_id,
      noteId: row.note_id,
      group: row.group_name,
      count: row.count,
    }))
  }

  async saveVote(boardId: string, vote: StoredVote): Promise<void> {
    this.assertBoardExists(boardId)
    if (vote.count > 0) {
      this.statements.upsertVote.run({
        board_id: boardId,
        round_id: vote.roundId,
        participant_id: vote.participantId,
        note_id: vote.noteId,
        group_name: vote.group,
        count: vote.count,
      })
    } else {
      this.statements.deleteVote.run(boardId, vote.roundId, vote.participantId, vote.noteId)
    }
  }

  private assertBoardExists(boardId: string): void {
    if (!this.statements.getBoard.get(boardId)) throw new UnknownBoardError(boardId)
  }

  async appendUpdates(boardId: string, updates: readonly Uint8Array[]): Promise<number> {
    return this.appendTransaction(boardId, updates)
  }

  /** One transaction, so one commit (one WAL write) for every board of the batch. */
  async appendBatch(appends: readonly BoardAppend[]): Promise<PromiseSettledResult<number>[]> {
    return this.appendBatchTransaction(appends)
  }

  async loadUpdates(boardId: string): Promise<StoredUpdates> {
    const rows = this.statements.loadUpdates.all(boardId)
    if (rows.length === 0) this.assertBoardExists(boardId)
    return {
      updates: rows.map((row) => new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength)),
      lastSeq: rows.length > 0 ? rows[rows.length - 1]!.seq : 0,
    }
  }

  async compact(boardId: string, state: Uint8Array, throughSeq: number): Promise<void> {
    this.compactTransaction(boardId, state, throughSeq)
  }

  async lastSeq(boardId: string): Promise<number> {
    const { seq } = this.statements.lastSeq.get(boardId)!
    if (seq === 0) this.assertBoardExists(boardId)
    return seq
  }

  async saveSnapshot(boardId: string, snapshot: StoredSnapshot): Promise<void> {
    this.assertBoardExists(boardId)
    this.statements.saveSnapshot.run(boardId, snapshot.json, snapshot.builtFromSeq)
  }

  async loadSnapshot(boardId: string): Promise<StoredSnapshot | null> {
    const row = this.statements.loadSnapshot.get(boardId)
    if (!row) this.assertBoardExists(boardId)
    return row ? { json: row.snapshot, builtFromSeq: row.built_from_seq } : null
  }

  private readonly deleteVersionsTransaction: (boardId: string, ids: readonly string[]) => void

  async saveVersion(boardId: string, version: StoredVersion): Promise<void> {
    this.assertBoardExists(boardId)
    const packed = await packVersionContents(version.state, version.snapshotJson)
    this.versionStatements.insert.run({
      id: version.id,
      board_id: boardId,
      kind: version.kind,
      name: version.name,
      created_at: version.createdAt,
      created_by: version.createdBy,
      state: packed.state,
      // A BLOB in the TEXT column marks a compressed row (SQLite keeps a value's own type).
      snapshot: packed.snapshot,
      size_bytes: version.sizeBytes,
    })
  }

  async listVersions(boardId: string): Promise<VersionSummary[]> {
    this.assertBoardExists(boardId)
    return this.versionStatements.list.all(boardId).map(versionSummaryOf)
  }

  async loadVersion(boardId: string, versionId: string): Promise<StoredVersion | null> {
    const row = this.versionStatements.load.get(boardId, versionId)
    if (!row) {
      this.assertBoardExists(boardId)
      return null
    }
    // Rows stored before compression hold the snapshot as TEXT and the state as it was encoded.
    const contents =
      typeof row.snapshot === 'string'
        ? {
            state: new Uint8Array(row.state.buffer, row.state.byteOffset, row.state.byteLength),
            snapshotJson: row.snapshot,
          }
        : await unpackVersionContents({ state: row.state, snapshot: row.snapshot })
    return { ...versionSummaryOf(row), ...contents }
  }

  async deleteVersions(boardId: string, versionIds: readonly string[]): Promise<void> {
    this.assertBoardExists(boardId)
    this.deleteVersionsTransaction(boardId, versionIds)
  }

  async ping(): Promise<void> {
    this.statements.ping.get()
  }

  async close(): Promise<void> {
    await this.checkpointer?.stop()
    if (this.db.open) this.db.close()
  }
}
