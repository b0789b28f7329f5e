import { type BoardSnapshot, migrateBoardSnapshot } from '../../shared/snapshot.js'
import type { VersionSummary } from '../../shared/versions.js'
import type { StoredVersion } from '../storage/BoardStorage.js'

/** A version's BoardSnapshot as the current schema reads it (versions stored under older ones migrate). */
export function snapshotOfVersion(version: StoredVersion): BoardSnapshot {
  const snapshot = migrateBoardSnapshot(JSON.parse(version.snapshotJson))
  if (!snapshot) throw new Error(`version ${version.id} holds no readable snapshot`)
  return snapshot
}

/** A version without its contents. */
export function summaryOf(version: StoredVersion): VersionSummary {
  const { state: _state, snapshotJson: _json, ...summary } = version
  return summary
}
