import { createHash, randomBytes } from 'node:crypto'
import * as Y from 'yjs'
import type { Role } from '../../shared/api.js'
import {
  applyStoredLog,
  getMetaMap,
  META_SCHEMA_KEY,
  readBoardRecords,
  type StoredRecord,
} from '../../shared/boardDocument.js'
import { FACILITATION_MAP_NAME, TIMER_KEY } from '../../shared/facilitation.js'
import { buildBoardSnapshot } from '../../shared/snapshot.js'
import { VOTING_STATE_KEY } from '../../shared/voting.js'
import type { VersionKind, VersionSummary } from '../../shared/versions.js'
import { serializedSchema } from '../boards/initialDocument.js'
import type { Room } from '../rooms/Room.js'
import { type Logger, STORAGE_ORIGIN } from '../rooms/types.js'
import type { BoardStorage, StoredVersion } from '../storage/BoardStorage.js'
import { versionsToPrune } from './retention.js'
import { compareSchemas } from './schemaOrder.js'
import { summaryOf } from './versionSnapshot.js'

export interface VersionServiceOptions {
  storage: BoardStorage
  logger: Logger
  /** During long activity an automatic version at most this often (VERSION_INTERVAL_MINUTES); 0: never. */
  intervalMs: number
  /** The clock versions are stamped and thinned by (tests pass a fake one). */
  now?: () => number
  /** An automatic version replaces the automatic ones younger than this; default the lesser of 5 min and `intervalMs`. */
  minimumGapMs?: number
}

const MINIMUM_AUTOMATIC_GAP_MS = 5 * 60_000

/** No version by that id on this board (also: another board's version). */
export class VersionNotFoundError extends Error {
  constructor(readonly versionId: string) {
    super(`no version ${versionId} on this board`)
    this.name = 'VersionNotFoundError'
  }
}

export interface RestoreResult {
  restored: VersionSummary
  beforeRestore: VersionSummary
  put: number
  removed: number
}

interface Tracked {
  /** Changes were stored since the last automatic check. */
  dirty: boolean
  timer: NodeJS.Timeout | null
}

/** A version stored under a tldraw schema this server does not know (a newer one): not restored. */
export class VersionSchemaTooNewError extends Error {
  constructor(readonly versionId: string) {
    super(`version ${versionId} was stored under a newer tldraw schema than this server knows`)
    this.name = 'VersionSchemaTooNewError'
  }
}

/** The records, voting state and tldraw schema a Yjs state holds. */
function contentOfState(state: Uint8Array): { records: StoredRecord[]; voting: unknown; schema: unknown } {
  const doc = new Y.Doc()
  try {
    applyStoredLog(doc, [state], STORAGE_ORIGIN)
    return {
      records: readBoardRecords(doc),
      voting: doc.getMap(FACILITATION_MAP_NAME).get(VOTING_STATE_KEY),
      schema: getMetaMap(doc).get(META_SCHEMA_KEY),
    }
  } finally {
    doc.destroy()
  }
}

/** What an automatic version is compared by: the records (in id order) and the voting rounds, not the timer. */
function contentDigest(records: readonly StoredRecord[], voting: unknown): string {
  const hash = createHash('sha256')
  for (const record of [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    hash.update(JSON.stringify(record))
    hash.update('\n')
  }
  hash.update(JSON.stringify(voting ?? null))
  return hash.digest('base64url')
}

const newVersionId = () => `v_${randomBytes(12).toString('base64url')}`

/**
 * The records to write and to remove so that `current` becomes `target` (records compared by their
 * JSON). Records of neither are untouched.
 */
export function recordDiff(
  current: readonly StoredRecord[],
  target: readonly StoredRecord[],
): { put: StoredRecord[]; remove: string[] } {
  const currentById = new Map(current.map((record) => [record.id, JSON.stringify(record)]))
  const targetIds = new Set(target.map((record) => record.id))
  return {
    put: target.filter((record) => currentById.get(record.id) !== JSON.stringify(record)),
    remove: current.filter((record) => !targetIds.has(record.id)).map((record) => record.id),
  }
}

/** Every record of `target` written again, every other live record removed: no record keeps another schema. */
function wholeReplacement(room: Room, target: readonly StoredRecord[]): { put: StoredRecord[]; remove: string[] } {
  const targetIds = new Set(target.map((record) => record.id))
  return {
    put: [...target],
    remove: room
      .readRecords()
      .filter((record) => !targetIds.has(record.id))
      .map((record) => record.id),
  }
}

/**
 * Versions of boards: automatic ones when a busy period ends (the room goes idle and is closed,
 * ROOM_IDLE_MS after the last person left) and at most every `intervalMs` while a board keeps
 * changing, skipped when the records and rounds are as in the latest version; named ones by a
 * facilitator; restores. Automatic versions are thinned by retention.ts after each new one. The
 * work on one board runs one piece at a time.
 */
export class VersionService {
  private readonly tracked = new Map<Room, Tracked>()
  /** Per board: the digest of its latest version, once known. */
  private readonly latestDigest = new Map<string, string>()
  private readonly queues = new Map<string, Promise<unknown>>()
  private readonly now: () => number
  /** Automatic checks that ran to the end: how many stored a version, how many found the board unchanged. */
  readonly automaticChecks = { stored: 0, unchanged: 0, superseded: 0 }
  /** An automatic version replaces the automatic ones younger than this. */
  private readonly minimumGapMs: number

  constructor(private readonly options: VersionServiceOptions) {
    this.now = options.now ?? Date.now
    const interval = options.intervalMs > 0 ? options.intervalMs : Number.POSITIVE_INFINITY
    this.minimumGapMs = options.minimumGapMs ?? Math.min(MINIMUM_AUTOMATIC_GAP_MS, interval)
  }

  /** Follows a loaded room's stored changes; makes the closing version when it closes. */
  attach(room: Room): void {
    const state: Tracked = { dirty: false, timer: null }
    this.tracked.set(room, state)
    const stopFollowing = room.onStored(() => {
      state.dirty = true
      if (state.timer || this.options.intervalMs <= 0) return
      state.timer = setTimeout(() => {
        state.timer = null
        void this.automatic(room, state).catch(() => {})
      }, this.options.intervalMs)
      state.timer.unref()
    })
    room.onBeforeClose(async () => {
      stopFollowing()
      if (state.timer) clearTimeout(state.timer)
      state.timer = null
      if (state.dirty) await this.automatic(room, state).catch(() => {})
      this.tracked.delete(room)
      this.latestDigest.delete(room.boardId)
    })
  }

  /** The board's versions, newest first. */
  list(boardId: string): Promise<VersionSummary[]> {
    return this.options.storage.listVersions(boardId)
  }

  /** One version with its contents; VersionNotFoundError when the board has none by that id. */
  async load(boardId: string, versionId: string): Promise<StoredVersion> {
    const version = await this.options.storage.loadVersion(boardId, versionId)
    if (!version) throw new VersionNotFoundError(versionId)
    return version
  }

  /** One version with its contents, or null. */
  find(boardId: string, versionId: string): Promise<StoredVersion | null> {
    return this.options.storage.loadVersion(boardId, versionId)
  }

  /** A facilitator's named version of the board as it is now. */
  createNamed(room: Room, name: string, createdBy: Role): Promise<VersionSummary> {
    return this.serially(room.boardId, () => this.create(room, 'named', name, createdBy))
  }

  /**
   * Makes the live board's records those of the version: first stores a before-restore version of
   * the board as it is, then writes the difference as one server change that everyone connected
   * receives. The facilitation map (timer, freeze, voting rounds) and the votes stay as they are.
   *
   * The server does not migrate records (it does not load tldraw). A version stored under another
   * schema than the live document's (an older one, from before an upgrade) therefore replaces every
   * record and sets the document's meta schema to the version's in the same change, so records and
   * schema agree and the next client that loads the board migrates them up and writes them back
   * (client/sync/bindStoreToYDoc.ts). A version under a schema newer than the server knows is
   * refused (VersionSchemaTooNewError) before anything is written.
   */
  restore(room: Room, versionId: string, by: Role): Promise<RestoreResult> {
    return this.serially(room.boardId, async () => {
      const version = await this.load(room.boardId, versionId)
      const { records: target, schema } = contentOfState(version.state)
      const againstServer = compareSchemas(schema, serializedSchema)
      if (againstServer === 'newer' || againstServer === 'unreadable') throw new VersionSchemaTooNewError(versionId)
      const sameSchema = compareSchemas(schema, getMetaMap(room.doc).get(META_SCHEMA_KEY)) === 'same'
      const beforeRestore = await this.create(room, 'before-restore', version.name, by)
      const { put, remove } = sameSchema ? recordDiff(room.readRecords(), target) : wholeReplacement(room, target)
      if (!sameSchema) room.replaceRecordsAsServer(put, remove, schema)
      else if (put.length > 0 || remove.length > 0) room.replaceRecordsAsServer(put, remove)
      await room.whenStored()
      this.latestDigest.set(room.boardId, contentDigest(room.readRecords(), room.readServerValue(VOTING_STATE_KEY)))
      this.options.logger.info(
        { boardId: room.boardId, versionId, put: put.length, removed: remove.length },
        'version restored',
      )
      return { restored: summaryOf(version), beforeRestore, put: put.length, removed: remove.length }
    })
  }

  private automatic(room: Room, state: Tracked): Promise<VersionSummary | null> {
    return this.serially(room.boardId, async () => {
      state.dirty = false
      const digest = contentDigest(room.readRecords(), room.readServerValue(VOTING_STATE_KEY))
      if (digest === (await this.digestOfLatest(room.boardId))) {
        this.automaticChecks.unchanged++
        return null
      }
      // Someone coming, changing a word and leaving again and again would otherwise keep a whole
      // board per visit: a new automatic version replaces those of the last few minutes.
      const superseded = (await this.options.storage.listVersions(room.boardId))
        .filter(
          (version) => version.kind === 'automatic' && this.now() - Date.parse(version.createdAt) < this.minimumGapMs,
        )
        .map((version) => version.id)
      const version = await this.create(room, 'automatic', null, null, digest)
      if (superseded.length > 0) await this.options.storage.deleteVersions(room.boardId, superseded)
      this.automaticChecks.superseded += superseded.length
      await this.prune(room.boardId)
      this.automaticChecks.stored++
      return version
    }).catch((error) => {
      state.dirty = true
      this.options.logger.error({ boardId: room.boardId, err: error }, 'automatic version failed')
      throw error
    })
  }

  private async digestOfLatest(boardId: string): Promise<string | null> {
    const known = this.latestDigest.get(boardId)
    if (known) return known
    const [latest] = await this.options.storage.listVersions(boardId)
    if (!latest) return null
    const stored = await this.options.storage.loadVersion(boardId, latest.id)
    if (!stored) return null
    const { records, voting } = contentOfState(stored.state)
    const digest = contentDigest(records, voting)
    this.latestDigest.set(boardId, digest)
    return digest
  }

  private async create(
    room: Room,
    kind: VersionKind,
    name: string | null,
    createdBy: Role | null,
    digest?: string,
  ): Promise<VersionSummary> {
    await room.whenStored()
    const stored = await this.options.storage.getBoard(room.boardId)
    if (!stored) throw new Error(`board ${room.boardId} is not in storage`)
    const { id, title, template, language } = stored.board
    const createdAt = new Date(this.now())
    const records = room.readRecords()
    const voting = room.readServerValue(VOTING_STATE_KEY)
    const snapshotJson = JSON.stringify(
      buildBoardSnapshot({
        board: { id, title, template, language },
        records,
        takenAt: createdAt,
        voting,
        // A round that ends with the timer and has run out reads as closed, as in the live snapshot.
        timer: room.readServerValue(TIMER_KEY),
      }),
    )
    const state = Y.encodeStateAsUpdate(room.doc)
    const summary: VersionSummary = {
      id: newVersionId(),
      kind,
      name,
      createdAt: createdAt.toISOString(),
      createdBy,
      sizeBytes: state.byteLength + Buffer.byteLength(snapshotJson),
    }
    await this.options.storage.saveVersion(room.boardId, { ...summary, state, snapshotJson })
    this.latestDigest.set(room.boardId, digest ?? contentDigest(records, voting))
    this.options.logger.debug({ boardId: room.boardId, versionId: summary.id, kind }, 'version stored')
    return summary
  }

  private async prune(boardId: string): Promise<void> {
    const doomed = versionsToPrune(await this.options.storage.listVersions(boardId), this.now())
    if (doomed.length > 0) await this.options.storage.deleteVersions(boardId, doomed)
  }

  /** Runs `work` after every earlier piece of work on the board has finished. */
  private serially<T>(boardId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(boardId) ?? Promise.resolve()
    const next = previous.then(work, work)
    const settled = next.catch(() => {})
    this.queues.set(boardId, settled)
    void settled.then(() => {
      if (this.queues.get(boardId) === settled) this.queues.delete(boardId)
    })
    return next
  }
}
