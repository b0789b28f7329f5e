import { expect, test } from 'vitest'
import type { VersionKind, VersionSummary } from '../../shared/versions.js'
import { versionsToPrune } from '../../server/versions/retention.js'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const START = Date.UTC(2026, 0, 5, 0, 0, 0)

function version(index: number, at: number, kind: VersionKind = 'automatic'): VersionSummary {
  return {
    id: `v_${String(index).padStart(16, '0')}`,
    kind,
    name: kind === 'named' ? `Työpaja ${index}` : null,
    createdAt: new Date(at).toISOString(),
    createdBy: kind === 'automatic' ? null : 'facilitator',
    sizeBytes: 1000,
  }
}

/**
 * 120 days of a board in constant use: an automatic version every 30 minutes, a named one every
 * tenth day, and the policy applied after each new version as the server does, on a fake clock.
 */
function simulate(days: number): { kept: VersionSummary[]; now: number } {
  let kept: VersionSummary[] = []
  let index = 0
  let now = START
  for (; now < START + days * DAY; now += 30 * MINUTE) {
    kept.push(version(index++, now))
    if ((now - START) % (10 * DAY) === 12 * HOUR) kept.push(version(index++, now + 1, 'named'))
    const doomed = new Set(versionsToPrune(kept, now))
    kept = kept.filter((v) => !doomed.has(v.id))
  }
  return { kept, now: now - 30 * MINUTE }
}

const history = simulate(120)

test('automatic versions: all of the last day, one per hour for a week, one per day to 90 days, then weekly', () => {
  const { kept, now } = history
  const automatic = kept.filter((v) => v.kind === 'automatic')
  const ageOf = (v: VersionSummary) => now - Date.parse(v.createdAt)
  const inAge = (from: number, to: number) => automatic.filter((v) => ageOf(v) >= from && ageOf(v) < to)

  // Every one of the last 24 hours (one per half hour).
  expect(inAge(0, DAY)).toHaveLength(48)
  // One per UTC hour between one and seven days old (6 days of hours).
  const hourly = inAge(DAY, 7 * DAY)
  expect(new Set(hourly.map((v) => Math.floor(Date.parse(v.createdAt) / HOUR))).size).toBe(hourly.length)
  expect(hourly.length).toBeGreaterThanOrEqual(6 * 24 - 1)
  expect(hourly.length).toBeLessThanOrEqual(6 * 24 + 1)
  // One per UTC day from 7 to 90 days.
  const daily = inAge(7 * DAY, 90 * DAY)
  expect(new Set(daily.map((v) => Math.floor(Date.parse(v.createdAt) / DAY))).size).toBe(daily.length)
  expect(daily.length).toBeGreaterThanOrEqual(82)
  expect(daily.length).toBeLessThanOrEqual(84)
  // One per week after that (30 days: 4 or 5 weeks).
  const weekly = inAge(90 * DAY, Number.POSITIVE_INFINITY)
  expect(weekly.length).toBeGreaterThanOrEqual(4)
  expect(weekly.length).toBeLessThanOrEqual(6)
  // Bounded: 5,760 versions were made; about 280 remain.
  expect(automatic.length).toBeLessThan(290)
})

test('named and before-restore versions are all kept, and the newest automatic one whatever its age', () => {
  const { kept } = history
  expect(kept.filter((v) => v.kind === 'named')).toHaveLength(12)

  const old = START - 400 * DAY
  const versions = [
    version(1, old, 'automatic'),
    version(2, old + MINUTE, 'automatic'),
    version(3, old + 2 * MINUTE, 'before-restore'),
    version(4, old + 3 * MINUTE, 'named'),
  ]
  // Both automatic versions fall in one week: the older goes, the newest stays.
  expect(versionsToPrune(versions, START)).toEqual([versions[0]!.id])
  expect(versionsToPrune([versions[0]!], START)).toEqual([])
})
