import { describe, expect, it } from 'vitest'
import { makeShapeRecord, NOTE_DEFAULT_SIZE, NOTE_SHAPE_TYPE, ZONE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import { buildBoardSnapshot } from '../../shared/snapshot.js'
import { TEMPLATES } from '../../shared/templates.js'
import { templateZoneAreas, type ZoneArea, zoneAt } from '../../shared/zones.js'

const zone = (id: string, x: number, y: number, w: number, h: number): ZoneArea => ({
  id,
  category: 'strength',
  x,
  y,
  w,
  h,
})

describe('zoneAt', () => {
  const left = zone('left', 0, 0, 1000, 800)
  const right = zone('right', 1100, 0, 1000, 800)
  const id = (point: { x: number; y: number }, zones: readonly ZoneArea[]) => zoneAt(point, zones)?.id ?? null

  it('gives the zone the point lies in, and null outside every zone', () => {
    expect(id({ x: 500, y: 400 }, [left, right])).toBe('left')
    expect(id({ x: 1500, y: 400 }, [left, right])).toBe('right')
    expect(id({ x: 1050, y: 400 }, [left, right])).toBeNull()
    expect(id({ x: 500, y: 900 }, [left, right])).toBeNull()
    expect(id({ x: 500, y: 400 }, [])).toBeNull()
  })

  it('counts the edges as inside', () => {
    expect(id({ x: 0, y: 0 }, [left])).toBe('left')
    expect(id({ x: 1000, y: 800 }, [left])).toBe('left')
    expect(id({ x: 1000.5, y: 800 }, [left])).toBeNull()
  })

  it('prefers the smallest zone whatever the order, so a zone drawn inside another one wins there', () => {
    const inside = zone('inside', 100, 100, 200, 200)
    expect(id({ x: 150, y: 150 }, [left, inside])).toBe('inside')
    expect(id({ x: 150, y: 150 }, [inside, left])).toBe('inside')
    expect(id({ x: 600, y: 600 }, [left, inside])).toBe('left')
  })
})

describe('template zones', () => {
  it('are the category zones only (the title area gives no category)', () => {
    for (const template of TEMPLATES) {
      const layouts = template.zones.filter((layout) => layout.kind === 'category')
      expect(templateZoneAreas(template.id).map((area) => area.category)).toEqual(
        layouts.map((layout) => layout.category),
      )
    }
    expect(zoneAt({ x: 50, y: 50 }, templateZoneAreas('tilannekuva'))).toBeNull()
  })

  it('place each note of a snapshot by its centre, in page coordinates, on every template', () => {
    for (const template of TEMPLATES) {
      const records = template.zones.map((layout, i) =>
        makeShapeRecord({
          id: `shape:zone-${layout.key}`,
          type: ZONE_SHAPE_TYPE,
          x: layout.x,
          y: layout.y,
          index: `a0${i}`,
          isLocked: true,
          props: {
            kind: layout.kind,
            category: layout.category,
            heading: '',
            subheading: '',
            w: layout.w,
            h: layout.h,
          },
        }),
      )
      const centers: { x: number; y: number }[] = []
      for (let x = -100; x <= 2300; x += 97) for (let y = -100; y <= 2000; y += 89) centers.push({ x, y })
      for (const [i, center] of centers.entries()) {
        records.push(
          makeShapeRecord({
            id: `shape:note-${i}`,
            type: NOTE_SHAPE_TYPE,
            x: center.x - NOTE_DEFAULT_SIZE.w / 2,
            y: center.y - NOTE_DEFAULT_SIZE.h / 2,
            index: `a1${String(i).padStart(4, '0')}`,
            props: {
              category: 'strength',
              text: '',
              fields: {},
              author: '',
              createdAt: 0,
              updatedAt: 0,
              ...NOTE_DEFAULT_SIZE,
              categoryChosen: false,
            },
          }),
        )
      }
      const snapshot = buildBoardSnapshot({
        board: { id: 'AAAAAAAAAAAAAAAA', title: 't', template: template.id, language: 'fi' },
        records,
        takenAt: new Date(0),
      })
      expect(snapshot.warnings).toEqual([])
      const areas = templateZoneAreas(template.id)
      let inZones = 0
      for (const note of snapshot.notes) {
        const center = centers[Number(note.id.slice('shape:note-'.length))]!
        const expected = zoneAt(center, areas)
        if (expected) inZones++
        expect(note.zone, `${template.id} ${center.x},${center.y}`).toEqual(
          expected ? { id: expected.id, category: expected.category } : null,
        )
      }
      // The grid reaches into every zone and beyond them all (the check is not vacuous).
      expect(inZones).toBeGreaterThan(areas.length - 1)
      if (areas.length > 0) expect(inZones).toBeLessThan(snapshot.notes.length)
    }
  })
})
