import { describe, expect, it } from 'vitest'
import { freeSpotForZone, freeSpotInZone, freeSpotNear, overlaps, placeNotes } from '../../shared/notePlacement.js'
import { containsPoint, type Rect } from '../../shared/zones.js'

const size = { w: 240, h: 160 }
const asRect = (point: { x: number; y: number }): Rect => ({ ...point, ...size })

/** Every cell of `zone`, then every gap a note still fits in, taken. */
function fill(zone: Rect, taken: Rect[]): void {
  taken.push(...placeNotes(zone, taken, 1000, size, { grow: false }).positions.map(asRect))
  for (let spot = freeSpotInZone(zone, taken, size); spot; spot = freeSpotInZone(zone, taken, size))
    taken.push(asRect(spot))
}

describe('a full zone', () => {
  // Two zones side by side, as the default template's.
  const strengths = { x: 0, y: 0, w: 1040, h: 800 }
  const needs = { x: 1060, y: 0, w: 1040, h: 800 }

  it('sends new notes to the nearest free spots outside it and outside the other zones, never over a note', () => {
    const taken: Rect[] = []
    fill(strengths, taken)
    expect(freeSpotInZone(strengths, taken, size)).toBeNull()
    const centre = { x: strengths.x + strengths.w / 2, y: strengths.y + strengths.h / 2 }
    for (let note = 0; note < 40; note++) {
      const spot = asRect(freeSpotForZone(strengths, taken, size, undefined, [needs]))
      expect(taken.filter((rect) => overlaps(rect, spot))).toEqual([])
      expect(containsPoint(needs, { x: spot.x + size.w / 2, y: spot.y + size.h / 2 })).toBe(false)
      // Near the zone: within a few notes of its edge, not anywhere on the page.
      expect(Math.abs(spot.x + size.w / 2 - centre.x)).toBeLessThan(strengths.w / 2 + 6 * (size.w + 20))
      taken.push(spot)
    }
  })

  it('when both zones are full, still finds a free spot rather than one over a note', () => {
    const taken: Rect[] = []
    fill(strengths, taken)
    fill(needs, taken)
    const spot = asRect(freeSpotForZone(strengths, taken, size, undefined, [needs]))
    expect(taken.filter((rect) => overlaps(rect, spot))).toEqual([])
  })
})

describe('the free spot near a point', () => {
  it('searches past twelve notes around it when all of them are taken', () => {
    // A block of 40 × 40 notes centred on the point: the old search (12 rings) gave up and
    // returned the point itself, on top of a note.
    const taken: Rect[] = []
    for (let i = -20; i < 20; i++) for (let j = -20; j < 20; j++) taken.push({ x: i * 260, y: j * 180, ...size })
    const spot = asRect(freeSpotNear({ x: 120, y: 80 }, taken, size))
    expect(taken.filter((rect) => overlaps(rect, spot))).toEqual([])
  })
})
