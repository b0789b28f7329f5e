import { describe, expect, test } from 'vitest'
import { makeShapeRecord, NOTE_SHAPE_TYPE, type NoteShapeProps, ZONE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import { BoardSnapshot, buildBoardSnapshot } from '../../shared/snapshot.js'

const board = {
  id: 'snapshotboard000',
  title: 'Keski-Suomi',
  template: 'tilannekuva' as const,
  language: 'fi' as const,
}
const takenAt = new Date('2026-11-25T12:00:00Z')

function note(id: string, props: Partial<NoteShapeProps>, x = 0, y = 0, extra: Record<string, unknown> = {}) {
  const full: NoteShapeProps = {
    category: 'need',
    text: '',
    fields: {},
    author: 'Aino',
    createdAt: Date.UTC(2026, 10, 25, 10),
    updatedAt: Date.UTC(2026, 10, 25, 11),
    w: 200,
    h: 100,
    categoryChosen: false,
    ...props,
  }
  return { ...makeShapeRecord({ id: `shape:${id}`, type: NOTE_SHAPE_TYPE, x, y, index: 'a5', props: full }), ...extra }
}

function zone(key: string, category: NoteShapeProps['category'], x: number, y: number, w = 1000, h = 800) {
  return makeShapeRecord({
    id: `shape:zone-${key}`,
    type: ZONE_SHAPE_TYPE,
    x,
    y,
    index: 'a0A',
    isLocked: true,
    props: { kind: 'category', category, heading: '', subheading: '', w, h },
  })
}

function arrow(id: string, from: string, to: string, meta: Record<string, unknown> = {}) {
  return [
    makeShapeRecord({ id: `shape:${id}`, type: 'arrow', x: 0, y: 0, index: 'a9', props: {}, meta }),
    {
      id: `binding:${id}-s`,
      typeName: 'binding',
      type: 'arrow',
      fromId: `shape:${id}`,
      toId: `shape:${from}`,
      props: { terminal: 'start', isExact: false },
      meta: {},
    },
    {
      id: `binding:${id}-e`,
      typeName: 'binding',
      type: 'arrow',
      fromId: `shape:${id}`,
      toId: `shape:${to}`,
      props: { terminal: 'end', isExact: false },
      meta: {},
    },
  ]
}

describe('buildBoardSnapshot', () => {
  test('notes get their category, fields, author, times, and the zone their centre lies in', () => {
    const snapshot = buildBoardSnapshot({
      board,
      takenAt,
      records: [
        { id: 'document:document', typeName: 'document' },
        zone('need', 'need', 1000, 0),
        zone('actor', 'actor', 0, 0),
        note('n1', { category: 'need', text: 'Osaajapula', fields: { kind: 'competence' } }, 1100, 100),
        note(
          'a1',
          {
            category: 'actor',
            text: 'Jyväskylän yliopisto',
            fields: { name: 'JYU', sector: 'education', businessId: '' },
          },
          100,
          100,
        ),
        note('far', { category: 'strength', text: 'Ulkona' }, 5000, 5000),
      ],
    })
    expect(BoardSnapshot.parse(snapshot)).toEqual(snapshot)
    expect(snapshot.notes.map((n) => n.id)).toEqual(['shape:far', 'shape:n1', 'shape:a1'])
    const need = snapshot.notes.find((n) => n.id === 'shape:n1')!
    expect(need).toMatchObject({
      category: 'need',
      text: 'Osaajapula',
      fields: { kind: 'competence' },
      author: 'Aino',
      createdAt: '2026-11-25T10:00:00.000Z',
      updatedAt: '2026-11-25T11:00:00.000Z',
      zone: { id: 'shape:zone-need', category: 'need' },
      position: { x: 1100, y: 100 },
      size: { w: 200, h: 100 },
    })
    // Empty optional fields are left out.
    expect(snapshot.notes.find((n) => n.id === 'shape:a1')!.fields).toEqual({ name: 'JYU', sector: 'education' })
    expect(snapshot.notes.find((n) => n.id === 'shape:far')!.zone).toBeNull()
    expect(snapshot.counts).toEqual({
      strength: 1,
      need: 1,
      actor: 1,
      action: 0,
      intent: 0,
      weakness: 0,
      opportunity: 0,
      threat: 0,
    })
    expect(snapshot).toMatchObject({ schemaVersion: 1, board, takenAt: '2026-11-25T12:00:00.000Z', warnings: [] })
  })

  test('nested shapes are placed on the page by adding their parents', () => {
    const frame = makeShapeRecord({
      id: 'shape:frame',
      type: 'frame',
      x: 1000,
      y: 500,
      index: 'a2',
      props: { w: 500, h: 500 },
    })
    const snapshot = buildBoardSnapshot({
      board,
      takenAt,
      records: [frame, note('inner', { text: 'x' }, 10, 20, { parentId: 'shape:frame' })],
    })
    expect(snapshot.notes[0]!.position).toEqual({ x: 1010, y: 520 })
  })

  test('arrows between notes become relations, kind from the categories unless chosen', () => {
    const snapshot = buildBoardSnapshot({
      board,
      takenAt,
      records: [
        note('actor', { category: 'actor', text: 'Yritys' }),
        note('need', { category: 'need', text: 'Tarve' }),
        note('action', { category: 'action', text: 'Toimenpide' }),
        ...arrow('r1', 'actor', 'need'),
        ...arrow('r2', 'action', 'need', { relationKind: 'supports' }),
        ...arrow('r3', 'need', 'action', { relationKind: 'no-such-kind' }),
        // An arrow to a plain shape, and one with a loose end, are not relations.
        makeShapeRecord({ id: 'shape:plain', type: 'geo', x: 0, y: 0, index: 'a3', props: {} }),
        ...arrow('r4', 'actor', 'plain'),
        ...arrow('r5', 'actor', 'need').slice(0, 2),
      ],
    })
    expect(snapshot.relations).toEqual([
      { id: 'shape:r1', kind: 'can_answer', kindChosen: false, from: 'shape:actor', to: 'shape:need' },
      { id: 'shape:r2', kind: 'supports', kindChosen: true, from: 'shape:action', to: 'shape:need' },
      { id: 'shape:r3', kind: 'related', kindChosen: false, from: 'shape:need', to: 'shape:action' },
    ])
  })

  test('malformed records are left out and reported; the rest of the snapshot stands', () => {
    const snapshot = buildBoardSnapshot({
      board,
      takenAt,
      records: [
        note('good', { text: 'kelpaa' }),
        note('badcategory', { category: 'gossip' as never, text: 'x' }),
        note('badfield', { category: 'actor', text: 'x', fields: { businessId: '1234567-8' } }),
        note('foreignfield', { category: 'strength', text: 'x', fields: { kind: 'competence' } }),
        { ...note('nosize', { text: 'x' }), props: { category: 'need', text: 'x' } },
        { id: 'shape:broken', typeName: 'shape', type: NOTE_SHAPE_TYPE, x: 'left' },
        { id: 'binding:broken', typeName: 'binding', type: 'arrow', fromId: 7 },
        null,
        42,
        'text',
        zone('weird', 'need', 0, 0, -5, 10),
      ],
    })
    expect(snapshot.notes.map((n) => n.id)).toEqual(['shape:good'])
    expect(snapshot.warnings.map((w) => w.recordId).sort()).toEqual(
      [
        'binding:broken',
        'shape:badcategory',
        'shape:badfield',
        'shape:broken',
        'shape:foreignfield',
        'shape:nosize',
        'shape:zone-weird',
      ].sort(),
    )
    expect(snapshot.warnings.find((w) => w.recordId === 'shape:badfield')!.message).toContain('business ID')
    expect(BoardSnapshot.safeParse(JSON.parse(JSON.stringify(snapshot))).success).toBe(true)
  })
})

test('BoardSnapshot refuses what is not a snapshot', () => {
  const valid = buildBoardSnapshot({ board, takenAt, records: [] })
  expect(BoardSnapshot.safeParse({ ...valid, schemaVersion: 2 }).success).toBe(false)
  expect(BoardSnapshot.safeParse({ ...valid, counts: { gossip: 1 } }).success).toBe(false)
  expect(BoardSnapshot.safeParse({ ...valid, notes: [{ id: 'x' }] }).success).toBe(false)
})
