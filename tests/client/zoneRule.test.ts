import { describe, expect, it } from 'vitest'
import { categoryForDrop, type ZoneArea } from '../../client/picture/zoneRule.js'
import { makeShapeRecord, NOTE_DEFAULT_SIZE, NOTE_SHAPE_TYPE, ZONE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import { buildBoardSnapshot } from '../../shared/snapshot.js'
import { TEMPLATES } from '../../shared/templates.js'

const zone = (category: ZoneArea['category'], x: number, y: number, w: number, h: number): ZoneArea => ({ category, x, y, w, h })

describe('categoryForDrop', () => {
  const strengths = zone('strength', 0, 0, 1000, 800)
  const needs = zone('need', 1100, 0, 1000, 800)

  it('gives the category of the zone the point lies in, and null outside every zone', () => {
    expect(categoryForDrop({ x: 500, y: 400 }, [strengths, needs])).toBe('strength')
    expect(categoryForDrop({ x: 1500, y: 400 }, [strengths, needs])).toBe('need')
    expect(categoryForDrop({ x: 1050, y: 400 }, [strengths, needs])).toBeNull()
    expect(categoryForDrop({ x: 500, y: 900 }, [strengths, needs])).toBeNull()
    expect(categoryForDrop({ x: 500, y: 400 }, [])).toBeNull()
  })

  it('counts the edges as inside', () => {
    expect(categoryForDrop({ x: 0, y: 0 }, [strengths])).toBe('strength')
    expect(categoryForDrop({ x: 1000, y: 800 }, [strengths])).toBe('strength')
  })

  it('prefers the smallest zone, so a zone drawn inside another one wins there', () => {
    const actorsInside = zone('actor', 100, 100, 200, 200)
    expect(categoryForDrop({ x: 150, y: 150 }, [strengths, actorsInside])).toBe('actor')
    expect(categoryForDrop({ x: 150, y: 150 }, [actorsInside, strengths])).toBe('actor')
    expect(categoryForDrop({ x: 600, y: 600 }, [strengths, actorsInside])).toBe('strength')
  })

  it('ignores zones without a category (the title area)', () => {
    const title = zone(null, 0, 0, 2000, 180)
    expect(categoryForDrop({ x: 50, y: 50 }, [title, strengths])).toBe('strength')
    expect(categoryForDrop({ x: 1050, y: 50 }, [title, strengths])).toBeNull()
  })

  it('agrees with the snapshot (what exports show) about the zone of a note, on every template', () => {
    for (const template of TEMPLATES) {
      const zones = template.zones.map((layout) => zone(layout.category, layout.x, layout.y, layout.w, layout.h))
      const records = template.zones.map((layout, i) =>
        makeShapeRecord({
          id: `shape:zone-${layout.key}`,
          type: ZONE_SHAPE_TYPE,
          x: layout.x,
          y: layout.y,
          index: `a0${i}`,
          isLocked: true,
          props: { kind: layout.kind, category: layout.category, heading: '', subheading: '', w: layout.w, h: layout.h },
        }),
      )
      const centers: { x: number; y: number }[] = []
      for (let x = -100; x <= 2300; x += 97) for (let y = -100; y <= 2000; y += 89) centers.push({ x, y })
      centers.forEach((center, i) =>
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
        ),
      )
      const snapshot = buildBoardSnapshot({
        board: { id: 'AAAAAAAAAAAAAAAA', title: 't', template: template.id, language: 'fi' },
        records,
        takenAt: new Date(0),
      })
      expect(snapshot.warnings).toEqual([])
      for (const note of snapshot.notes) {
        const center = centers[Number(note.id.slice('shape:note-'.length))]!
        expect(categoryForDrop(center, zones), `${template.id} ${center.x},${center.y}`).toBe(note.zone?.category ?? null)
      }
    }
  })
})
