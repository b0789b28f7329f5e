/** Boards for the PDF tests: the real template zones from a new board's document, plus notes and arrows. */
import * as Y from 'yjs'
import { createInitialDocumentUpdate } from '../../server/boards/initialDocument.js'
import { readBoardRecords } from '../../shared/boardDocument.js'
import type { CategoryId } from '../../shared/categories.js'
import { makeShapeRecord, NOTE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import type { Language } from '../../shared/language.js'
import { type BoardSnapshot, buildBoardSnapshot } from '../../shared/snapshot.js'
import type { BoardTemplateId } from '../../shared/templates.js'

export interface FixtureNote {
  id: string
  category: CategoryId
  text: string
  x: number
  y: number
  fields?: Record<string, string>
  author?: string
}

/** Records of a new board (zones of the template) plus the given notes and relations. */
export function boardRecords(options: {
  title: string
  template: BoardTemplateId
  language: Language
  region?: string
  notes: FixtureNote[]
  relations?: [from: string, to: string][]
}): unknown[] {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, createInitialDocumentUpdate({ ...options, createdAt: new Date('2026-06-03T09:00:00Z') }))
  const records: unknown[] = [...readBoardRecords(doc).values()]
  options.notes.forEach((note, i) => {
    records.push(
      makeShapeRecord({
        id: note.id,
        type: NOTE_SHAPE_TYPE,
        x: note.x,
        y: note.y,
        index: `a${i + 10}`,
        props: {
          category: note.category,
          text: note.text,
          fields: note.fields ?? {},
          author: note.author ?? '',
          createdAt: 1000 + i,
          updatedAt: 1000 + i,
          w: 240,
          h: 160,
          categoryChosen: true,
        },
      }),
    )
  })
  for (const [i, [from, to]] of (options.relations ?? []).entries()) {
    const id = `shape:arrow${i}`
    records.push(makeShapeRecord({ id, type: 'arrow', x: 0, y: 0, index: `b${i + 10}`, props: {} }))
    records.push({
      id: `binding:${i}s`,
      typeName: 'binding',
      type: 'arrow',
      fromId: id,
      toId: from,
      props: { terminal: 'start' },
      meta: {},
    })
    records.push({
      id: `binding:${i}e`,
      typeName: 'binding',
      type: 'arrow',
      fromId: id,
      toId: to,
      props: { terminal: 'end' },
      meta: {},
    })
  }
  return records
}

/** A snapshot of such a board, as the server would take it. */
export function boardSnapshot(options: Parameters<typeof boardRecords>[0]): BoardSnapshot {
  return buildBoardSnapshot({
    board: { id: 'b-pdf-test', title: options.title, template: options.template, language: options.language },
    records: boardRecords(options),
    takenAt: new Date('2026-06-03T12:00:00Z'),
  })
}

/** `count` notes spread over the tilannekuva template's four zones, on each zone's grid. */
export function manyNotes(count: number): FixtureNote[] {
  const zones: [CategoryId, number, number][] = [
    ['strength', 0, 220],
    ['need', 1080, 220],
    ['actor', 0, 1060],
    ['action', 1080, 1060],
  ]
  return Array.from({ length: count }, (_, i) => {
    const [category, zx, zy] = zones[i % 4]!
    const k = Math.floor(i / 4)
    return {
      id: `shape:many${i}`,
      category,
      text: `Muistiinpano ${i}: osaaminen, yhteistyö ja kasvu`,
      x: zx + 20 + (k % 4) * 260,
      y: zy + 90 + Math.floor(k / 4) * 180,
    }
  })
}
