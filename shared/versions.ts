/**
 * Versions of a board (server/versions/VersionService.ts): the Yjs state to restore exactly and the
 * BoardSnapshot to read, compare and export without loading a canvas. API:
 *
 *   GET  /api/boards/:boardId/versions                      facilitator, edit: VersionsResponse (newest first)
 *   GET  /api/boards/:boardId/versions/:versionId           facilitator, edit: the version's BoardSnapshot
 *   GET  /api/boards/:boardId/versions/:versionId/state     facilitator, edit: its Yjs state (octet-stream)
 *   POST /api/boards/:boardId/versions                      facilitator: CreateVersionRequest → VersionSummary
 *   POST /api/boards/:boardId/versions/:versionId/restore   facilitator: RestoreResponse
 *   GET  /api/boards/:boardId/changes?from=&to=             facilitator, edit: ChangesResponse
 */
import { z } from 'zod'
import { BoardParams, Role } from './api.js'
import { BoardChanges } from './changes.js'

/** 'v_' and 16 url-safe characters (96 random bits). */
export const VERSION_ID_PATTERN = /^v_[A-Za-z0-9_-]{16}$/
export const VersionId = z.string().regex(VERSION_ID_PATTERN, 'not a version id')
export type VersionId = z.infer<typeof VersionId>

/**
 * automatic: the server took it (a busy period ended, or VERSION_INTERVAL_MINUTES of activity);
 * named: a facilitator made it; before-restore: the board as it was just before a restore (its undo).
 */
export const VersionKind = z.enum(['automatic', 'named', 'before-restore'])
export type VersionKind = z.infer<typeof VersionKind>

export const VERSION_NAME_MAX_LENGTH = 100

export const VersionSummary = z.object({
  id: VersionId,
  kind: VersionKind,
  /** The facilitator's name for it; for a before-restore version, the name or time of what was restored. */
  name: z.string().nullable(),
  createdAt: z.iso.datetime(),
  /** The role that made it; null for the server's automatic versions. */
  createdBy: Role.nullable(),
  /** Bytes of the version's contents (Yjs state and snapshot JSON) before storage compresses them. */
  sizeBytes: z.number().int().nonnegative(),
})
export type VersionSummary = z.infer<typeof VersionSummary>

export const VersionsResponse = z.object({ versions: z.array(VersionSummary) })
export type VersionsResponse = z.infer<typeof VersionsResponse>

export const CreateVersionRequest = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, 'name must not be empty')
    .max(VERSION_NAME_MAX_LENGTH, `name must be at most ${VERSION_NAME_MAX_LENGTH} characters`),
})
export type CreateVersionRequest = z.infer<typeof CreateVersionRequest>

export const VersionParams = BoardParams.extend({ versionId: VersionId })

export const RestoreResponse = z.object({
  restored: VersionSummary,
  /** The board as it was just before: restoring it undoes the restore. */
  beforeRestore: VersionSummary,
  /** Records written and removed on the live board. */
  put: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
})
export type RestoreResponse = z.infer<typeof RestoreResponse>

export const ChangesQuery = z.object({
  from: VersionId,
  /** A version id, or 'live' for the board as it is now. */
  to: z.union([VersionId, z.literal('live')]).default('live'),
})

export const ChangesResponse = z.object({
  from: VersionSummary,
  /** Null when compared with the live board. */
  to: VersionSummary.nullable(),
  changes: BoardChanges,
})
export type ChangesResponse = z.infer<typeof ChangesResponse>
