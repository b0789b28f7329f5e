import { createTLStore, defaultBindingUtils, type Editor, PageRecordType, react, type TLShapeId } from 'tldraw'
import { afterEach, describe, expect, it } from 'vitest'
import { boardShapeUtils } from '../../client/board/shapeUtils.js'
import { isNoteOutsideItsZone } from '../../client/editor/outsideZone.js'
import { categoryZones } from '../../client/editor/zoneRule.js'
import { NOTE_SHAPE_TYPE, ZONE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import { headlessEditor } from '../helpers/headlessEditor.js'

const opened: (() => void)[] = []
afterEach(() => {
  for (const close of opened.splice(0)) close()
})

/** A page with a needs zone at (0,0) and a strengths zone at (1000,0), 800 units square, and `notes` needs in the needs zone. */
function boardWithZones(notes: number): Editor {
  const store = createTLStore({ shapeUtils: boardShapeUtils, bindingUtils: defaultBindingUtils })
  const editor = headlessEditor(store, boardShapeUtils, defaultBindingUtils)
  if (editor.getPages().length === 0) editor.createPage({ id: PageRecordType.createId('page'), name: 'Page' })
  opened.push(() => {
    editor.dispose()
    store.dispose()
  })
  const zone = (id: string, category: 'need' | 'strength', x: number) => ({
    id: id as TLShapeId,
    type: ZONE_SHAPE_TYPE as typeof ZONE_SHAPE_TYPE,
    x,
    y: 0,
    props: { kind: 'category' as const, category, heading: category, subheading: '', w: 800, h: 800 },
  })
  editor.createShapes([zone('shape:zone-need', 'need', 0), zone('shape:zone-strength', 'strength', 1000)])
  editor.createShapes(
    Array.from({ length: notes }, (_, n) => ({
      id: `shape:note${n}` as TLShapeId,
      type: NOTE_SHAPE_TYPE,
      x: 20 + (n % 20) * 30,
      y: 20 + Math.floor(n / 20) * 30,
      props: { category: 'need', categoryChosen: true, text: `Tarve ${n}` },
    })),
  )
  return editor
}

/** Counts how often a reaction to `read` runs after its first run. */
function countRuns(read: () => unknown): { runs: () => number } {
  let runs = -1
  opened.push(
    react('counted', () => {
      read()
      runs++
    }),
  )
  return { runs: () => runs }
}

describe('zone signals follow their own shapes only', () => {
  it('moving notes, as a peer dragging 20 of them, recomputes neither the zones nor other notes’ outside marker', () => {
    const editor = boardWithZones(200)
    const zones = countRuns(() => categoryZones(editor))
    const untouched = countRuns(() => isNoteOutsideItsZone(editor, 'shape:note150' as TLShapeId))
    for (let step = 0; step < 10; step++) {
      editor.store.mergeRemoteChanges(() => {
        editor.updateShapes(
          Array.from({ length: 20 }, (_, n) => ({
            id: `shape:note${n}` as TLShapeId,
            type: NOTE_SHAPE_TYPE,
            x: 20 + step * 5,
          })),
        )
      })
    }
    expect(zones.runs()).toBe(0)
    expect(untouched.runs()).toBe(0)
  })

  it('a note carried out of its zone is marked, and the zones follow a zone that moves', () => {
    const editor = boardWithZones(3)
    const note = 'shape:note0' as TLShapeId
    const zones = countRuns(() => categoryZones(editor))
    expect(isNoteOutsideItsZone(editor, note)).toBe(false)
    editor.updateShape({ id: note, type: NOTE_SHAPE_TYPE, x: 1200, y: 100 })
    expect(isNoteOutsideItsZone(editor, note)).toBe(true)

    // The needs zone moves under the note: the zones change, and the note is inside again.
    editor.updateShape({ id: 'shape:zone-need' as TLShapeId, type: ZONE_SHAPE_TYPE, x: 1900 })
    expect(zones.runs()).toBe(1)
    expect(categoryZones(editor).find((zone) => zone.category === 'need')).toMatchObject({ x: 1900, w: 800 })
    editor.updateShape({ id: note, type: NOTE_SHAPE_TYPE, x: 2000 })
    expect(isNoteOutsideItsZone(editor, note)).toBe(false)

    // A zone added later (a facilitator's new zone, or one arriving from a peer) is there too.
    editor.createShape({
      id: 'shape:zone-action' as TLShapeId,
      type: ZONE_SHAPE_TYPE as typeof ZONE_SHAPE_TYPE,
      x: 0,
      y: 1000,
      props: { kind: 'category', category: 'action', heading: 'action', subheading: '', w: 800, h: 800 },
    })
    expect(zones.runs()).toBe(2)
    expect(categoryZones(editor).map((zone) => zone.category)).toEqual(['action', 'need', 'strength'])
  })
})
