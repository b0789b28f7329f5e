import type { Round } from '../../shared/voting.js'
import { describe, expect, test } from 'vitest'
import { makeShapeRecord, NOTE_SHAPE_TYPE, type NoteShapeProps, ZONE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import { BoardSnapshot, buildBoardSnapshot, migrateBoardSnapshot } from '../../shared/snapshot.js'

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
      unsorted: 0,
    })
    expect(snapshot).toMatchObject({ schemaVersion: 3, board, takenAt: '2026-11-25T12:00:00.000Z', warnings: [] })
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
  expect(BoardSnapshot.safeParse({ ...valid, schemaVersion: 4 }).success).toBe(false)
  expect(BoardSnapshot.safeParse({ ...valid, counts: { gossip: 1 } }).success).toBe(false)
  expect(BoardSnapshot.safeParse({ ...valid, notes: [{ id: 'x' }] }).success).toBe(false)
})

const richText = (...paragraphs: string[]) => ({
  type: 'doc',
  content: paragraphs.map((text) => ({ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] })),
})

/** A plain tldraw shape with the props tldraw 5 gives it. */
function plain(id: string, type: string, props: Record<string, unknown>, x: number, y: number, parentId?: string) {
  return makeShapeRecord({ id: `shape:${id}`, type, x, y, index: 'a7', props, ...(parentId ? { parentId } : {}) })
}
const textProps = (text: string) => ({
  color: 'black',
  size: 'm',
  font: 'draw',
  textAlign: 'start',
  w: 180,
  richText: richText(text),
  scale: 1,
  autoSize: true,
})
const geoProps = (label: string) => ({ geo: 'rectangle', w: 300, h: 120, richText: richText(label), scale: 1 })

describe('what people write with tldraw’s own shapes', () => {
  test('texts, shape labels, frame names and plain notes are unsorted notes with their text and zone', () => {
    const snapshot = buildBoardSnapshot({
      board,
      takenAt,
      records: [
        zone('need', 'need', 0, 0, 1000, 800),
        note('mine', { category: 'unsorted', text: 'Oma lappu' }, 3000, 0),
        plain('text', 'text', textProps('Lisää rahoitusta'), 100, 100),
        plain('label', 'geo', geoProps('Kokeilut'), 2000, 400),
        plain('frame', 'frame', { w: 900, h: 700, name: ' Kainuun ryhmä ', color: 'black' }, 1500, 900),
        plain('inframe', 'text', textProps('Kehyksen sisällä'), 20, 30, 'shape:frame'),
        plain(
          'sticky',
          'note',
          { color: 'yellow', richText: richText('Vanha lappu', '', 'toinen rivi'), scale: 2, growY: 10 },
          2000,
          100,
        ),
        // Nothing written in these: not part of the picture.
        plain('box', 'geo', geoProps(''), 0, 0),
        plain('unnamed', 'frame', { w: 100, h: 100, name: '' }, 0, 0),
        plain('drawing', 'draw', { segments: [] }, 0, 0),
        makeShapeRecord({ id: 'shape:lonearrow', type: 'arrow', x: 0, y: 0, index: 'a8', props: {} }),
      ],
    })
    expect(BoardSnapshot.parse(snapshot)).toEqual(snapshot)
    expect(snapshot.warnings).toEqual([])
    // The structured unsorted note first (it has a time), then plain shapes top to bottom, left to right.
    expect(snapshot.notes.map((n) => n.id)).toEqual([
      'shape:mine',
      'shape:text',
      'shape:sticky',
      'shape:label',
      'shape:frame',
      'shape:inframe',
    ])
    expect(snapshot.counts.unsorted).toBe(6)
    const byId = new Map(snapshot.notes.map((n) => [n.id, n]))
    expect(byId.get('shape:text')).toStrictEqual({
      id: 'shape:text',
      category: 'unsorted',
      text: 'Lisää rahoitusta',
      fields: {},
      author: '',
      createdAt: null,
      updatedAt: null,
      zone: { id: 'shape:zone-need', category: 'need' },
      position: { x: 100, y: 100 },
      size: { w: 180, h: 24 * 1.35 },
      plainShape: 'text',
    })
    expect(byId.get('shape:sticky')).toMatchObject({
      text: 'Vanha lappu\n\ntoinen rivi',
      plainShape: 'note',
      size: { w: 400, h: 420 },
      zone: null,
    })
    expect(byId.get('shape:label')).toMatchObject({ text: 'Kokeilut', plainShape: 'geo', size: { w: 300, h: 120 } })
    expect(byId.get('shape:frame')).toMatchObject({ text: 'Kainuun ryhmä', plainShape: 'frame' })
    expect(byId.get('shape:inframe')!.position).toEqual({ x: 1520, y: 930 })
  })

  test('structured notes come out exactly as before: no new keys, same order, same relations', () => {
    const records = [
      note('a', { category: 'actor', text: 'Kunta', fields: { name: 'Kajaani' } }, 0, 0),
      note('n', { category: 'need', text: 'Osaajia', createdAt: Date.UTC(2026, 10, 25, 9) }, 300, 0),
      ...arrow('r', 'a', 'n'),
    ]
    const before = buildBoardSnapshot({ board, takenAt, records })
    const withPlain = buildBoardSnapshot({
      board,
      takenAt,
      records: [...records, plain('t', 'text', textProps('x'), 0, 0)],
    })
    expect(withPlain.notes.filter((n) => n.category !== 'unsorted')).toStrictEqual(before.notes)
    expect(withPlain.relations).toStrictEqual(before.relations)
    expect(Object.keys(before.notes[0]!)).toEqual([
      'id',
      'category',
      'text',
      'fields',
      'author',
      'createdAt',
      'updatedAt',
      'zone',
      'position',
      'size',
    ])
  })

  test('an arrow from a note to a plain shape’s text is a relation too', () => {
    const snapshot = buildBoardSnapshot({
      board,
      takenAt,
      records: [
        note('actor', { category: 'actor', text: 'Yritys' }),
        plain('text', 'text', textProps('Yhteinen hanke'), 500, 0),
        ...arrow('r', 'actor', 'text'),
      ],
    })
    expect(snapshot.relations).toEqual([
      { id: 'shape:r', kind: 'related', kindChosen: false, from: 'shape:actor', to: 'shape:text' },
    ])
  })

  test('a plain shape with text but broken props is reported; rich text nested without end is no crash', () => {
    let deep: Record<string, unknown> = { type: 'text', text: 'pohjalla' }
    for (let i = 0; i < 100_000; i++) deep = { type: 'paragraph', content: [deep] }
    const snapshot = buildBoardSnapshot({
      board,
      takenAt,
      records: [
        plain('wide', 'text', { ...textProps('Leveä'), w: 'wide' }, 0, 0),
        plain('deep', 'text', { ...textProps(''), richText: { type: 'doc', content: [deep] } }, 0, 0),
        plain('good', 'geo', geoProps('Hyvä'), 0, 0),
      ],
    })
    expect(snapshot.notes.map((n) => n.id)).toEqual(['shape:good'])
    expect(snapshot.warnings).toEqual([{ recordId: 'shape:wide', message: expect.stringContaining('invalid text: w') }])
  })
})

test('a stored version 1 snapshot migrates: its notes as they were, counts with unsorted at 0', () => {
  const current = buildBoardSnapshot({
    board,
    takenAt,
    records: [zone('need', 'need', 0, 0), note('n1', { category: 'need', text: 'Osaajapula' }, 100, 100)],
  })
  const { unsorted, ...countsV1 } = current.counts
  expect(unsorted).toBe(0)
  const { rounds, ...withoutRounds } = current
  expect(rounds).toEqual([])
  const v1 = JSON.parse(JSON.stringify({ ...withoutRounds, schemaVersion: 1, counts: countsV1 }))
  expect(BoardSnapshot.safeParse(v1).success).toBe(false)
  expect(migrateBoardSnapshot(v1)).toStrictEqual(current)
  expect(migrateBoardSnapshot(current)).toStrictEqual(current)
  // Version 1 had no unsorted notes.
  expect(migrateBoardSnapshot({ ...v1, counts: { ...countsV1, unsorted: 1 } })).toBeNull()
  expect(migrateBoardSnapshot({ ...v1, schemaVersion: 7 })).toBeNull()
  expect(migrateBoardSnapshot('snapshot')).toBeNull()
})

test('a version 2 snapshot migrates with no rounds; rounds come from the voting state, results as visible', () => {
  const records = [note('n1', { category: 'need', text: 'Osaajapula' }, 100, 100)]
  const current = buildBoardSnapshot({ board, takenAt, records })
  const { rounds: _none, ...v2 } = { ...current, schemaVersion: 2 }
  expect(migrateBoardSnapshot(JSON.parse(JSON.stringify(v2)))).toStrictEqual(current)

  const round: Round = {
    id: 'r_round00001',
    title: 'Tärkeimmät',
    scope: { kind: 'category', category: 'need' },
    votesPerParticipant: 3,
    maxVotesPerNote: 2,
    hiddenUntilReveal: true,
    endsAt: null,
    status: 'closed',
    revealed: true,
    openedAt: 1,
    closedAt: 2,
    results: {
      notes: [
        { noteId: 'shape:n1', total: 3, byGroup: { business: 2, education: 1 }, deleted: false, text: 'Osaajapula' },
      ],
      votersByGroup: { business: 2, education: 1 },
      voters: 3,
      votesCast: 3,
    },
  }
  const withRounds = buildBoardSnapshot({ board, takenAt, records, voting: { rounds: [round] } })
  expect(withRounds.rounds).toEqual([round])
  expect(BoardSnapshot.parse(JSON.parse(JSON.stringify(withRounds)))).toStrictEqual(withRounds)
  // A malformed voting state (written by no server) is a warning, never a failed snapshot.
  const broken = buildBoardSnapshot({ board, takenAt, records, voting: { rounds: [{ id: 1 }] } })
  expect(broken.rounds).toEqual([])
  expect(broken.warnings.map((warning) => warning.recordId)).toEqual(['facilitation:voting'])
})
