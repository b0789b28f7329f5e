import { describe, expect, it } from 'vitest'
import { fieldDisplays, fieldProblem, fieldsForCategory, withCategory } from '../../client/model/noteFields.js'
import { paletteCategories } from '../../client/model/paletteCategories.js'
import { placeEditor } from '../../client/model/editorPlacement.js'
import { freeSpotInZone, freeSpotNear, overlaps, placeNotes } from '../../shared/notePlacement.js'
import { noteFontSize } from '../../client/model/noteText.js'
import { CATEGORIES, categoryFieldsSchema, getCategory } from '../../shared/categories.js'
import type { NoteShapeProps } from '../../shared/canvasShapes.js'

const actorNote: NoteShapeProps = {
  category: 'actor',
  text: 'Kajaanin ammattikorkeakoulu',
  fields: { name: 'KAMK', sector: 'education', businessId: '0245894-7' },
  author: 'Aino',
  createdAt: 1,
  updatedAt: 1,
  w: 240,
  h: 160,
  categoryChosen: true,
}

describe('note fields', () => {
  it('keep to the category when it changes, so the snapshot never rejects the note', () => {
    const asNeed = withCategory(actorNote, 'need', false)
    expect(asNeed).toMatchObject({ category: 'need', categoryChosen: false, fields: {} })
    expect(categoryFieldsSchema('need').safeParse(asNeed.fields).success).toBe(true)
    // Fields both categories share survive the change; empty values are dropped.
    expect(fieldsForCategory({ owner: 'Jykes', timeframe: '', name: 'x' }, 'action')).toEqual({ owner: 'Jykes' })
    expect(withCategory(actorNote, 'actor', true).fields).toEqual(actorNote.fields)
  })

  it('refuse invalid identifiers with the same rule as the server, and accept empty ones', () => {
    const actor = getCategory('actor')
    const field = (key: string) => actor.fields.find((candidate) => candidate.key === key)!
    expect(fieldProblem(field('businessId'), '0245894-7')).toBeNull()
    expect(fieldProblem(field('businessId'), '1234567-8')).toBe('invalidBusinessId')
    expect(fieldProblem(field('businessId'), '')).toBeNull()
    expect(fieldProblem(field('municipalityCode'), '179')).toBeNull()
    expect(fieldProblem(field('municipalityCode'), '17')).toBe('invalidMunicipalityCode')
    expect(fieldProblem(field('name'), 'anything')).toBeNull()
    for (const [key, value] of [
      ['businessId', '1234567-8'],
      ['municipalityCode', '17'],
      ['businessId', '0245894-7'],
    ] as const) {
      const serverAccepts = categoryFieldsSchema('actor').safeParse({ [key]: value }).success
      expect(fieldProblem(field(key), value) === null, `${key}=${value}`).toBe(serverAccepts)
    }
  })

  it('read choices in words and free text with its label, in the viewer’s language', () => {
    expect(fieldDisplays('actor', actorNote.fields, 'fi').map((field) => field.text)).toEqual([
      'Nimi: KAMK',
      'Koulutus ja tutkimus',
      'Y-tunnus: 0245894-7',
    ])
    expect(fieldDisplays('need', { kind: 'cooperation' }, 'sv').map((field) => field.text)).toEqual(['Samarbetsbehov'])
  })
})

describe('the palette', () => {
  it('offers the template’s categories first and the rest under "more"', () => {
    expect(paletteCategories('tilannekuva')).toEqual({
      main: ['strength', 'need', 'actor', 'action'],
      more: ['intent', 'weakness', 'opportunity', 'threat'],
    })
    expect(paletteCategories('swot').main).toEqual(['strength', 'weakness', 'opportunity', 'threat'])
    expect(paletteCategories('tahtolauseet').main).toEqual(['intent', 'action', 'actor'])
    expect(paletteCategories('blank').main).toEqual(['strength', 'need', 'actor', 'action'])
    // Every category but 'unsorted', which is what the automatic note is outside the zones.
    for (const template of ['tilannekuva', 'swot', 'tahtolauseet', 'blank'] as const) {
      const { main, more } = paletteCategories(template)
      expect([...main, ...more].sort()).toEqual(
        CATEGORIES.map((category) => category.id)
          .filter((id) => id !== 'unsorted')
          .sort(),
      )
    }
  })

  it('places a note at the centre when free, else on the nearest free spot, never over another', () => {
    const size = { w: 240, h: 160 }
    const first = freeSpotNear({ x: 500, y: 400 }, [], size)
    expect(first).toEqual({ x: 380, y: 320 })
    const taken = [{ ...first, ...size }]
    const second = freeSpotNear({ x: 500, y: 400 }, taken, size)
    taken.push({ ...second, ...size })
    const third = freeSpotNear({ x: 500, y: 400 }, taken, size)
    taken.push({ ...third, ...size })
    for (const [i, a] of taken.entries()) for (const b of taken.slice(i + 1)) expect(overlaps(a, b)).toBe(false)
  })
})

describe('note placement in a zone', () => {
  const zone = { x: 0, y: 0, w: 1040, h: 800 }
  const size = { w: 240, h: 160 }

  it('fills the zone row by row, in the part in view first, and says when it is full', () => {
    expect(freeSpotInZone(zone, [], size)).toEqual({ x: 20, y: 90 })
    expect(freeSpotInZone(zone, [{ x: 20, y: 90, ...size }], size)).toEqual({ x: 280, y: 90 })
    // Only the zone's lower right is in view: the first free cell there.
    expect(freeSpotInZone(zone, [], size, { x: 500, y: 400, w: 600, h: 500 })).toEqual({ x: 540, y: 450 })
    const full = placeNotes(zone, [], 100, size, { grow: false }).positions
    expect(full.length).toBeGreaterThan(8)
    for (const position of full) {
      expect(position.x + size.w).toBeLessThanOrEqual(zone.w)
      expect(position.y + size.h).toBeLessThanOrEqual(zone.h)
    }
    // Then the room left between and beside the cells, until nothing fits without overlapping.
    const taken = full.map((position) => ({ ...position, ...size }))
    for (let spot = freeSpotInZone(zone, taken, size); spot; spot = freeSpotInZone(zone, taken, size)) {
      expect(taken.some((rect) => overlaps(rect, { ...spot!, ...size }))).toBe(false)
      taken.push({ ...spot, ...size })
    }
    expect(taken.length).toBeGreaterThan(full.length)
  })

  it('a note moved by hand leaves a gap that the next note can take', () => {
    const cells = placeNotes(zone, [], 100, size, { grow: false }).positions.map((p) => ({ ...p, ...size }))
    const [, second, ...rest] = cells
    // The second cell's note was dragged 30 px right: its cell is half blocked; a fine spot remains elsewhere.
    const occupied = [cells[0]!, { ...second!, x: second!.x + 30 }, ...rest.slice(0, -1)]
    const spot = freeSpotInZone(zone, occupied, size)
    expect(spot).not.toBeNull()
    expect(occupied.some((rect) => overlaps(rect, { ...spot!, ...size }))).toBe(false)
  })
})

describe('the note editor’s place on the screen', () => {
  const view = { w: 1440, h: 900 }
  const insets = { top: 48, bottom: 64 }
  const form = { w: 340, h: 520 }

  it('sits beside the note, flips to its left near the right edge, and stays inside the view', () => {
    expect(placeEditor({ x: 100, y: 100, w: 240, h: 160 }, form, view, insets)).toMatchObject({
      kind: 'beside',
      x: 352,
      y: 100,
    })
    const flipped = placeEditor({ x: 1200, y: 700, w: 200, h: 150 }, form, view, insets)
    expect(flipped).toMatchObject({ kind: 'beside', x: 1200 - 12 - 340 })
    if (flipped.kind !== 'beside') throw new Error('not beside')
    expect(flipped.y + form.h).toBeLessThanOrEqual(view.h - insets.bottom)
    // Taller than the view: as tall as the free part, scrolling inside.
    const tall = placeEditor({ x: 100, y: 100, w: 240, h: 160 }, { w: 340, h: 2000 }, view, insets)
    expect(tall).toMatchObject({
      kind: 'beside',
      y: insets.top + 8,
      maxHeight: view.h - insets.top - insets.bottom - 16,
    })
  })

  it('is a bottom sheet above the toolbar on a phone', () => {
    const sheet = placeEditor({ x: 100, y: 100, w: 60, h: 40 }, form, { w: 390, h: 700 }, insets)
    expect(sheet).toMatchObject({ kind: 'sheet', bottom: 64 })
  })
})

describe('note text size', () => {
  it('is large for a few words, smaller for long texts, and fits long Finnish words', () => {
    expect(noteFontSize('Vahva yliopisto', 240, 160)).toBe(28)
    expect(noteFontSize('x '.repeat(100), 240, 160)).toBeLessThan(20)
    expect(noteFontSize('Ohjelmistokehittäjä', 240, 160)).toBe(20)
    expect(noteFontSize('Ohjelmistokehittäjäkoulutusohjelma', 240, 160)).toBe(13)
    expect(noteFontSize('Vahva yliopisto', 480, 320)).toBeGreaterThan(28)
  })
})
