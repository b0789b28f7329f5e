import { createTLStore, defaultBindingUtils, T } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { boardShapeUtils } from '../../client/board/shapeUtils.js'
import { noteShapeProps, zoneShapeProps } from '../../client/model/shapeProps.js'
import {
  CUSTOM_SHAPE_SCHEMA_SEQUENCES,
  NOTE_TEXT_MAX_LENGTH,
  NoteShapeProps,
  ZONE_HEADING_MAX_LENGTH,
  ZoneShapeProps,
} from '../../shared/canvasShapes.js'
import { seededRandom } from '../helpers/random.js'

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

  // Values around every descriptor's edges: lengths at and past each maximum, integers past 2^53,
  // non-finite numbers, wrong types, enum members of the other shape, nested values.
  const interesting = (max: number): unknown[] => [
    '',
    'x',
    'x'.repeat(max - 1),
    'x'.repeat(max),
    'x'.repeat(max + 1),
    'ä'.repeat(max),
    'strength',
    'wish',
    'title',
    'category',
    0,
    -0,
    1,
    -1,
    1.5,
    1e-9,
    2 ** 53 - 1,
    2 ** 53,
    2 ** 53 + 2,
    Number.POSITIVE_INFINITY,
    Number.NaN,
    true,
    false,
    'true',
    null,
    undefined,
    [],
    ['x'],
    {},
    { name: 'x' },
    { name: 1 },
    { name: null },
  ]

  /** Mutates 1–3 props of a valid sample (or adds a key), deterministically from the seed. */
  function samples(
    valid: Record<string, unknown>,
    max: number,
    seed: number,
    count: number,
  ): Record<string, unknown>[] {
    const random = seededRandom(seed)
    const keys = Object.keys(valid)
    const pool = interesting(max)
    return Array.from({ length: count }, () => {
      const sample: Record<string, unknown> = { ...valid }
      for (let changes = 1 + random.int(3); changes > 0; changes--) {
        const key = random.int(10) === 0 ? 'extra' : random.pick(keys)
        const value = random.pick(pool)
        if (value === undefined) delete sample[key]
        else sample[key] = value
      }
      return sample
    })
  }

  const shapes = [
    { name: 'note', valid: validNote, validators: noteShapeProps, schema: NoteShapeProps, max: NOTE_TEXT_MAX_LENGTH },
    {
      name: 'zone',
      valid: validZone,
      validators: zoneShapeProps,
      schema: ZoneShapeProps,
      max: ZONE_HEADING_MAX_LENGTH,
    },
  ]

  it.each([1, 2, 3, 4, 5])(
    'note and zone props derived for tldraw and zod accept the same seeded samples (seed %i)',
    (seed) => {
      for (const { name, valid, validators, schema, max } of shapes) {
        let accepted = 0
        for (const sample of samples(valid, max, seed, 300)) {
          const client = clientAccepts(validators, sample)
          expect(client, `${name} ${JSON.stringify(sample).slice(0, 300)}`).toBe(schema.safeParse(sample).success)
          if (client) accepted++
        }
        // Both outcomes occur, so agreement is not vacuous.
        expect(accepted, name).toBeGreaterThan(0)
        expect(accepted, name).toBeLessThan(300)
      }
    },
  )

  it('the derived validators keep the limits the descriptors state', () => {
    for (const { validators, schema, valid } of shapes) {
      expect(clientAccepts(validators, valid) && schema.safeParse(valid).success).toBe(true)
    }
    const note = (change: Record<string, unknown>) => ({ ...validNote, ...change })
    expect(clientAccepts(noteShapeProps, note({ text: 'x'.repeat(NOTE_TEXT_MAX_LENGTH) }))).toBe(true)
    expect(clientAccepts(noteShapeProps, note({ text: 'x'.repeat(NOTE_TEXT_MAX_LENGTH + 1) }))).toBe(false)
    expect(clientAccepts(noteShapeProps, note({ createdAt: 0 }))).toBe(true)
    expect(clientAccepts(noteShapeProps, note({ createdAt: 1.5 }))).toBe(false)
    expect(clientAccepts(noteShapeProps, note({ w: 0 }))).toBe(false)
    expect(clientAccepts(noteShapeProps, note({ category: 'wish' }))).toBe(false)
    expect(clientAccepts(zoneShapeProps, { ...validZone, kind: 'title', category: null })).toBe(true)
    expect(clientAccepts(zoneShapeProps, { ...validZone, kind: 'column' })).toBe(false)
  })
})
