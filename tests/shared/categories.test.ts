import { expect, test } from 'vitest'
import { isValidBusinessId, isValidMunicipalityCode } from '../../shared/businessId.js'
import { CATEGORIES, CATEGORY_IDS, categoryFieldsSchema } from '../../shared/categories.js'
import { defaultRelationKind, RELATION_KINDS, RELATION_LABELS } from '../../shared/relations.js'
import { getTemplate, TEMPLATE_IDS } from '../../shared/templates.js'
import { findCategory, normalizeImportRow } from '../../shared/noteImport.js'

test('every category has labels in Finnish, Swedish and English, a colour and an icon', () => {
  expect(CATEGORIES.map((category) => category.id)).toEqual([...CATEGORY_IDS])
  for (const category of CATEGORIES) {
    for (const labels of [category.labels, category.pluralLabels, ...category.fields.map((field) => field.labels)]) {
      expect(labels.fi && labels.sv && labels.en, category.id).toBeTruthy()
    }
    expect(category.hex).toMatch(/^#[0-9a-f]{6}$/)
    expect(category.icon.length).toBeGreaterThan(0)
  }
  for (const kind of RELATION_KINDS) expect(RELATION_LABELS[kind].fi).toBeTruthy()
})

test('Finnish business IDs are checked by their check digit', () => {
  expect(isValidBusinessId('0112038-9')).toBe(true) // Nokia Oyj
  expect(isValidBusinessId('0112038-8')).toBe(false)
  expect(isValidBusinessId('112038-9')).toBe(false)
  expect(isValidBusinessId('01120389')).toBe(false)
  // Remainder 0 gives check digit 0.
  expect(isValidBusinessId('0000000-0')).toBe(true)
  expect(isValidMunicipalityCode('179')).toBe(true)
  expect(isValidMunicipalityCode('17')).toBe(false)
})

test('category fields validate by kind and refuse foreign keys', () => {
  expect(categoryFieldsSchema('need').safeParse({ kind: 'cooperation' }).success).toBe(true)
  expect(categoryFieldsSchema('need').safeParse({ kind: 'money' }).success).toBe(false)
  expect(
    categoryFieldsSchema('actor').safeParse({
      name: 'JYU',
      sector: 'education',
      businessId: '0112038-9',
      municipalityCode: '179',
    }).success,
  ).toBe(true)
  expect(categoryFieldsSchema('actor').safeParse({ businessId: 'abc' }).success).toBe(false)
  expect(categoryFieldsSchema('strength').safeParse({ name: 'x' }).success).toBe(false)
})

test('relation kinds follow from the categories', () => {
  expect(defaultRelationKind('actor', 'need')).toBe('can_answer')
  expect(defaultRelationKind('actor', 'actor')).toBe('cooperates')
  expect(defaultRelationKind('action', 'need')).toBe('addresses')
  expect(defaultRelationKind('threat', 'strength')).toBe('related')
})

test('templates lay out zones for their categories', () => {
  expect(TEMPLATE_IDS).toContain('tilannekuva')
  expect(getTemplate('tilannekuva').zones.map((zone) => zone.category)).toEqual([
    null,
    'strength',
    'need',
    'actor',
    'action',
  ])
  expect(getTemplate('swot').zones.map((zone) => zone.category)).toEqual([
    null,
    'strength',
    'weakness',
    'opportunity',
    'threat',
  ])
  expect(getTemplate('tahtolauseet').zones.map((zone) => zone.category)).toContain('intent')
  expect(getTemplate('blank').zones).toEqual([])
})

test('import rows accept category names in any language and choice labels', () => {
  expect(findCategory('Behov')?.id).toBe('need')
  expect(findCategory('toimijat')?.id).toBe('actor')
  // Decomposed letters (a + combining diaeresis), as some files have them, match too.
  expect(findCategory(' Mo\u0308jlighet ')?.id).toBe('opportunity')
  expect(normalizeImportRow({ category: 'Tarve', text: ' Osaajia ', kind: 'Cooperation' })).toEqual({
    ok: true,
    note: { category: 'need', text: 'Osaajia', fields: { kind: 'cooperation' }, author: undefined },
  })
  expect(normalizeImportRow({ category: 'actor', name: 'Kunta' })).toMatchObject({ ok: true })
  expect(normalizeImportRow({ category: 'need', text: { nested: true } })).toMatchObject({ ok: false })
  expect(normalizeImportRow('row')).toMatchObject({ ok: false })
})
