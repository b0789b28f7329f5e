import { expect, test } from 'vitest'
import { fieldChanges } from '../../client/history/changeText.js'
import type { EditedNote } from '../../shared/changes.js'

const edited = (
  before: Record<string, string>,
  after: Record<string, string>,
  changedFields: string[],
): EditedNote => ({
  id: 'shape:n1',
  category: 'need',
  before: { text: 'Osaajapula', fields: before },
  after: { text: 'Osaajapula', fields: after },
  changedFields,
  textChanged: false,
})

test('an edited field shows its old and new value, named and valued as the category shows them, in each language', () => {
  const note = edited({ kind: 'competence' }, { kind: 'cooperation' }, ['kind'])
  expect(fieldChanges(note, 'fi')).toEqual(['Tarpeen laji: Osaamistarve → Yhteistyötarve'])
  expect(fieldChanges(note, 'en')).toEqual(['Kind of need: Competence → Cooperation'])
})

test('a field added or removed shows a dash for the missing side; a key the category does not know shows as it is', () => {
  expect(fieldChanges(edited({}, { kind: 'cooperation' }, ['kind']), 'fi')).toEqual([
    'Tarpeen laji: – → Yhteistyötarve',
  ])
  expect(fieldChanges(edited({ extra: 'a  b' }, {}, ['extra']), 'sv')).toEqual(['extra: a b → –'])
})
