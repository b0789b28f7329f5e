/**
 * Rows of notes brought in from outside (a JSON array, or a CSV of a pre-workshop survey):
 * validated and normalised against the category registry, so a row is either a clean note or a
 * list of reasons it is not.
 */
import { CATEGORIES, type CategoryDefinition, type CategoryId, categoryFieldsSchema } from './categories.js'
import { AUTHOR_MAX_LENGTH, NOTE_TEXT_MAX_LENGTH } from './canvasShapes.js'
import { Language } from './language.js'

export const MAX_IMPORT_ROWS = 1000

export interface ImportedNote {
  category: CategoryId
  text: string
  fields: Record<string, string>
  author: string | undefined
}

export type ImportRowResult = { ok: true; note: ImportedNote } | { ok: false; errors: string[] }

const fold = (value: string) => value.trim().toLocaleLowerCase('fi')

const CATEGORY_BY_NAME = new Map<string, CategoryDefinition>()
for (const category of CATEGORIES) {
  CATEGORY_BY_NAME.set(fold(category.id), category)
  for (const language of Language.options) {
    CATEGORY_BY_NAME.set(fold(category.labels[language]), category)
    CATEGORY_BY_NAME.set(fold(category.pluralLabels[language]), category)
  }
}

/** A category from its id or its name in any of our languages ('tarve', 'Behov', 'need'). */
export function findCategory(name: string): CategoryDefinition | undefined {
  return CATEGORY_BY_NAME.get(fold(name))
}

const KNOWN_KEYS = new Set(['category', 'text', 'author'])

function cellText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return undefined
}

/**
 * Validates one row: `category` (id or name), `text`, optional `author`, and the category's
 * fields by key. Choice fields accept the value or its label in any language. A non-empty field
 * that belongs to another category is an error (it would otherwise be lost silently).
 */
export function normalizeImportRow(row: unknown): ImportRowResult {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) {
    return { ok: false, errors: ['a row must be an object'] }
  }
  const values = row as Record<string, unknown>
  const errors: string[] = []
  const categoryName = cellText(values.category)?.trim()
  const category = categoryName ? findCategory(categoryName) : undefined
  if (!categoryName) errors.push('category is missing')
  else if (!category) errors.push(`unknown category "${categoryName}"`)

  const text = (cellText(values.text) ?? '').trim()
  if (values.text !== undefined && cellText(values.text) === undefined) errors.push('text must be a string')
  if (text.length > NOTE_TEXT_MAX_LENGTH) errors.push(`text is longer than ${NOTE_TEXT_MAX_LENGTH} characters`)
  const author = cellText(values.author)?.trim() || undefined
  if (author && author.length > AUTHOR_MAX_LENGTH) errors.push(`author is longer than ${AUTHOR_MAX_LENGTH} characters`)

  const fields: Record<string, string> = {}
  if (category) {
    const own = new Map(category.fields.map((field) => [field.key, field]))
    for (const [key, raw] of Object.entries(values)) {
      if (KNOWN_KEYS.has(key)) continue
      const value = cellText(raw)?.trim()
      if (raw !== undefined && raw !== null && value === undefined) {
        errors.push(`${key} must be a string`)
        continue
      }
      if (!value) continue
      const field = own.get(key)
      if (!field) {
        errors.push(`field "${key}" does not belong to category ${category.id}`)
        continue
      }
      if (field.kind === 'choice') {
        const option = field.options.find(
          (candidate) =>
            fold(candidate.value) === fold(value) ||
            Language.options.some((language) => fold(candidate.labels[language]) === fold(value)),
        )
        if (!option) {
          errors.push(`${key} must be one of ${field.options.map((candidate) => candidate.value).join(', ')}`)
          continue
        }
        fields[key] = option.value
      } else {
        fields[key] = value
      }
    }
    const checked = categoryFieldsSchema(category.id).safeParse(fields)
    if (!checked.success) {
      for (const issue of checked.error.issues) errors.push(`${issue.path.join('.')}: ${issue.message}`)
    }
    if (!text && Object.keys(fields).length === 0) errors.push('text is empty')
  }
  if (errors.length > 0 || !category) return { ok: false, errors }
  return { ok: true, note: { category: category.id, text, fields, author } }
}
