/**
 * Which automatic versions to let go as they age. Named and before-restore versions are always
 * kept (people made them on purpose, and a before-restore version is the undo of a restore).
 * Automatic versions are thinned by age, in buckets aligned to UTC so that thinning never undoes
 * itself as time passes; in each bucket the newest version is kept:
 *
 *   younger than 24 hours   every one
 *   24 hours to 7 days      one per hour
 *   7 days to 90 days       one per day
 *   older                   one per week
 *
 * The newest automatic version is always kept, whatever its age.
 */
import type { VersionSummary } from '../../shared/versions.js'

const HOUR_MS = 60 * 60 * 1000
const DAY_MS = 24 * HOUR_MS

export interface RetentionTier {
  /** Versions at least this old fall in this tier (until the next tier's age). */
  fromAgeMs: number
  /** One version kept per bucket of this length; 0 keeps every one. */
  keepOnePerMs: number
}

export const RETENTION_TIERS: readonly RetentionTier[] = [
  { fromAgeMs: 0, keepOnePerMs: 0 },
  { fromAgeMs: DAY_MS, keepOnePerMs: HOUR_MS },
  { fromAgeMs: 7 * DAY_MS, keepOnePerMs: DAY_MS },
  { fromAgeMs: 90 * DAY_MS, keepOnePerMs: 7 * DAY_MS },
]

/** Ids of the versions the policy lets go at time `now` (ms since the epoch). */
export function versionsToPrune(
  versions: readonly VersionSummary[],
  now: number,
  tiers: readonly RetentionTier[] = RETENTION_TIERS,
): string[] {
  const automatic = versions
    .filter((version) => version.kind === 'automatic')
    .map((version) => ({ id: version.id, at: Date.parse(version.createdAt) }))
    .sort((a, b) => b.at - a.at || b.id.localeCompare(a.id))
  const seenBuckets = new Set<string>()
  const pruned: string[] = []
  automatic.forEach((version, index) => {
    const age = now - version.at
    const tierIndex = tiers.findLastIndex((tier) => age >= tier.fromAgeMs)
    const tier = tiers[tierIndex]
    if (!tier || tier.keepOnePerMs === 0) return
    const bucket = `${tierIndex}:${Math.floor(version.at / tier.keepOnePerMs)}`
    // The newest is kept and fills its bucket.
    if (seenBuckets.has(bucket) && index > 0) pruned.push(version.id)
    seenBuckets.add(bucket)
  })
  return pruned
}
