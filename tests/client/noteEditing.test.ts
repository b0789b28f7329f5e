import { describe, expect, it } from 'vitest'
import { fieldDisplays, fieldProblem, fieldsForCategory, withCategory } from '../../client/model/noteFields.js'
import { paletteCategories } from '../../client/model/paletteCategories.js'
import { freeNotePosition } from '../../client/editor/placeNote.js'
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

  it('places each new note at the centre, moved past notes already there', () => {
    const first = freeNotePosition({ x: 500, y: 400 }, [])
    expect(first).toEqual({ x: 380, y: 320 })
    const second = freeNotePosition({ x: 500, y: 400 }, [first])
    expect(second).toEqual({ x: 408, y: 348 })
    expect(freeNotePosition({ x: 500, y: 400 }, [first, second])).toEqual({ x: 436, y: 376 })
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
