import { createTLStore, defaultBindingUtils, T } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { boardShapeUtils } from '../../client/board/shapeUtils.js'
import { noteShapeProps, zoneShapeProps } from '../../client/shapes/shapeProps.js'
import { CUSTOM_SHAPE_SCHEMA_SEQUENCES, NoteShapeProps, ZoneShapeProps } from '../../shared/canvasShapes.js'

const validNote = {
  category: 'actor',
  text: 'Jyväskylän kaupunki',
  fields: { name: 'Jykes', sector: 'development_company' },
  author: 'Aino',
  createdAt: 1_717_000_000_000,
  updatedAt: 1_717_000_000_500,
  w: 240,
  h: 160,
  categoryChosen: true,
}

const validZone = { kind: 'category', category: 'need', heading: '', subheading: '', w: 1040, h: 800 }

/** Whether the client's tldraw validators accept the props (the store runs exactly these). */
function clientAccepts(validators: Record<string, T.Validatable<unknown>>, props: Record<string, unknown>): boolean {
  try {
    T.object(validators).validate(props)
    return true
  } catch {
    return false
  }
}

describe('custom shapes in the client schema', () => {
  it('are at exactly the versions the server writes into new boards', () => {
    const store = createTLStore({ shapeUtils: boardShapeUtils, bindingUtils: defaultBindingUtils })
    const { sequences } = store.schema.serialize()
    for (const [sequence, version] of Object.entries(CUSTOM_SHAPE_SCHEMA_SEQUENCES)) {
      expect(sequences[sequence], sequence).toBe(version)
    }
    expect(Object.keys(CUSTOM_SHAPE_SCHEMA_SEQUENCES).sort()).toEqual([
      'com.tldraw.shape.situation-note',
      'com.tldraw.shape.situation-zone',
    ])
    store.dispose()
  })

  const noteSamples: [string, Record<string, unknown>][] = [
    ['a valid actor note', validNote],
    ['no fields, empty text', { ...validNote, category: 'strength', text: '', fields: {} }],
    ['a category that does not exist', { ...validNote, category: 'wish' }],
    ['text over 5000 characters', { ...validNote, text: 'x'.repeat(5001) }],
    ['text of exactly 5000 characters', { ...validNote, text: 'x'.repeat(5000) }],
    ['a field that is not a string', { ...validNote, fields: { name: 7 } }],
    ['an author over 100 characters', { ...validNote, author: 'a'.repeat(101) }],
    ['a fractional createdAt', { ...validNote, createdAt: 1.5 }],
    ['a negative updatedAt', { ...validNote, updatedAt: -1 }],
    ['zero width', { ...validNote, w: 0 }],
    ['a negative height', { ...validNote, h: -10 }],
    ['an infinite width', { ...validNote, w: Number.POSITIVE_INFINITY }],
    ['categoryChosen as a string', { ...validNote, categoryChosen: 'true' }],
    ['a missing text', Object.fromEntries(Object.entries(validNote).filter(([key]) => key !== 'text'))],
  ]

  it.each(noteSamples)('note props, %s: the client validator agrees with the shared zod schema', (_name, props) => {
    expect(clientAccepts(noteShapeProps, props)).toBe(NoteShapeProps.safeParse(props).success)
  })

  const zoneSamples: [string, Record<string, unknown>][] = [
    ['a category zone', validZone],
    ['the title zone', { ...validZone, kind: 'title', category: null, heading: 'Kainuu', subheading: 'Kainuu · 3.6.2025' }],
    ['an unknown kind', { ...validZone, kind: 'column' }],
    ['an unknown category', { ...validZone, category: 'wish' }],
    ['a heading over 200 characters', { ...validZone, heading: 'h'.repeat(201) }],
    ['zero height', { ...validZone, h: 0 }],
  ]

  it.each(zoneSamples)('zone props, %s: the client validator agrees with the shared zod schema', (_name, props) => {
    expect(clientAccepts(zoneShapeProps, props)).toBe(ZoneShapeProps.safeParse(props).success)
  })

  it('both accept the valid samples and reject the broken ones (the comparison is not vacuous)', () => {
    expect(clientAccepts(noteShapeProps, validNote)).toBe(true)
    expect(clientAccepts(noteShapeProps, { ...validNote, w: 0 })).toBe(false)
    expect(clientAccepts(zoneShapeProps, validZone)).toBe(true)
    expect(clientAccepts(zoneShapeProps, { ...validZone, kind: 'column' })).toBe(false)
  })
})
