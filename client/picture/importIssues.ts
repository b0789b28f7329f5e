/**
 * The server's reasons for refusing an import (shared/noteImport.ts, server/routes/picture.ts
 * write them in English for API users) in the person's language. A reason we do not recognise
 * is shown as the server wrote it rather than hidden.
 */
import { CATEGORIES } from '../../shared/categories.js'
import type { Language } from '../../shared/language.js'
import { type MessageKey, translate } from '../i18n/index.js'

type Params = Record<string, string | number>
type Rule = [RegExp, (match: RegExpExecArray, language: Language) => [MessageKey, Params?]]

function fieldLabel(key: string, language: Language): string {
  for (const category of CATEGORIES) {
    const field = category.fields.find((candidate) => candidate.key === key)
    if (field) return field.labels[language]
  }
  return key
}

const RULES: Rule[] = [
  [/^category is missing$/, () => ['import.categoryMissing']],
  [/^unknown category "(.*)"$/, (m) => ['import.unknownCategory', { name: m[1] ?? '' }]],
  [/^text is empty$/, () => ['import.textEmpty']],
  [/^text is longer than (\d+) characters$/, (m) => ['import.textTooLong', { max: m[1] ?? '' }]],
  [/^author is longer than (\d+) characters$/, (m) => ['import.authorTooLong', { max: m[1] ?? '' }]],
  [/^field "(.+)" does not belong to category \S+$/, (m, l) => ['import.fieldNotInCategory', { field: fieldLabel(m[1] ?? '', l) }]],
  [/^(\w+) must be one of /, (m, l) => ['import.choiceInvalid', { field: fieldLabel(m[1] ?? '', l) }]],
  [/^\w+: not a valid Finnish business ID/, () => ['import.invalidBusinessId']],
  [/^\w+: a municipality code is three digits/, () => ['import.invalidMunicipalityCode']],
  [/^(\w+): Too big/, (m, l) => ['import.fieldTooLong', { field: fieldLabel(m[1] ?? '', l) }]],
  [/^unknown column "(.*)"$/, (m) => ['import.unknownColumn', { name: m[1] ?? '' }]],
  [/^no notes to import$/, () => ['import.noRows']],
  [/^at most (\d+) notes in one import$/, (m) => ['import.tooManyRows', { max: m[1] ?? '' }]],
  [/^CSV: /, () => ['import.badCsv']],
]

function reason(message: string, language: Language): string {
  for (const [pattern, toMessage] of RULES) {
    const match = pattern.exec(message)
    if (match) {
      const [key, params] = toMessage(match, language)
      return translate(language, key, params)
    }
  }
  return message
}

function place(path: string, language: Language): string | null {
  const row = /^row (\d+)$/.exec(path)
  if (row) return translate(language, 'import.row', { row: row[1] ?? '' })
  if (path === 'header') return translate(language, 'import.header')
  return path || null
}

/**
 * One line per problem: "Rivi 3: tuntematon kategoria ”toive”". Without per-row issues the
 * overall message is the one line.
 */
export function describeImportIssues(
  message: string,
  issues: readonly { path: string; message: string }[],
  language: Language,
): string[] {
  if (issues.length === 0) return [reason(message, language)]
  return issues.map((issue) => {
    const where = place(issue.path, language)
    const what = reason(issue.message, language)
    return where ? `${where}: ${what}` : what
  })
}
