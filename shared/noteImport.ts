/**
 * Rows of notes brought in from outside (a JSON array, or a CSV of a pre-workshop survey):
 * validated and normalised against the category registry, so a row is either a clean note or a
 * list of reasons it is not.
 */
import { CATEGORIES, type CategoryDefinition, type CategoryId, categoryFieldsSchema } from './categories.js'
import { AUTHOR_MAX_LENGTH, NOTE_TEXT_MAX_LENGTH } from './canvasShapes.js'
import { fold, LANGUAGES } from './language.js'
import { type Problem, problemsFromZodError } from './problems.js'

export const MAX_IMPORT_ROWS = 1000

export interface ImportedNote {
  category: CategoryId
  text: string
  fields: Record<string, string>
  author: string | undefined
}

/** A problem of one row, before the caller says where the row is. */
export type RowProblem = Omit<Problem, 'path'>

export type ImportRowResult = { ok: true; note: ImportedNote } | { ok: false; problems: RowProblem[] }

const CATEGORY_BY_NAME = new Map<string, CategoryDefinition>()
for (const category of CATEGORIES) {
  CATEGORY_BY_NAME.set(fold(category.id), category)
  for (const language of LANGUAGES) {
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
 * that belongs to another category is a problem (it would otherwise be lost silently).
 */
export function normalizeImportRow(row: unknown): ImportRowResult {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) {
    return {
      ok: false,
      problems: [{ code: 'invalid_type', params: { expected: 'object' }, message: 'a row must be an object' }],
    }
  }
  const values = row as Record<string, unknown>
  const problems: RowProblem[] = []
  const categoryName = cellText(values.category)?.trim()
  const category = categoryName ? findCategory(categoryName) : undefined
  if (!categoryName) problems.push({ code: 'required', params: { field: 'category' }, message: 'category is missing' })
  else if (!category) {
    problems.push({
      code: 'unknown_category',
      params: { value: categoryName },
      message: `unknown category "${categoryName}"`,
    })
  }

  const text = (cellText(values.text) ?? '').trim()
  if (values.text !== undefined && cellText(values.text) === undefined) {
    problems.push({
      code: 'invalid_type',
      params: { field: 'text', expected: 'string' },
      message: 'text must be a string',
    })
  }
  if (text.length > NOTE_TEXT_MAX_LENGTH) {
    problems.push({
      code: 'too_long',
      params: { field: 'text', max: NOTE_TEXT_MAX_LENGTH },
      message: `text is longer than ${NOTE_TEXT_MAX_LENGTH} characters`,
    })
  }
  const author = cellText(values.author)?.trim() || undefined
  if (author && author.length > AUTHOR_MAX_LENGTH) {
    problems.push({
      code: 'too_long',
      params: { field: 'author', max: AUTHOR_MAX_LENGTH },
      message: `author is longer than ${AUTHOR_MAX_LENGTH} characters`,
    })
  }

  const fields: Record<string, string> = {}
  if (category) {
    const own = new Map(category.fields.map((field) => [field.key, field]))
    for (const [key, raw] of Object.entries(values)) {
      if (KNOWN_KEYS.has(key)) continue
      const value = cellText(raw)?.trim()
      if (raw !== undefined && raw !== null && value === undefined) {
        problems.push({
          code: 'invalid_type',
          params: { field: key, expected: 'string' },
          message: `${key} must be a string`,
        })
        continue
      }
      if (!value) continue
      const field = own.get(key)
      if (!field) {
        problems.push({
          code: 'field_not_in_category',
          params: { field: key, category: category.id },
          message: `field "${key}" does not belong to category ${category.id}`,
        })
        continue
      }
      if (field.kind === 'choice') {
        const option = field.options.find(
          (candidate) =>
            fold(candidate.value) === fold(value) ||
            LANGUAGES.some((language) => fold(candidate.labels[language]) === fold(value)),
        )
        if (!option) {
          const allowed = field.options.map((candidate) => candidate.value)
          problems.push({
            code: 'invalid_value',
            params: { field: key, allowed },
            message: `${key} must be one of ${allowed.join(', ')}`,
          })
          continue
        }
        fields[key] = option.value
      } else {
        fields[key] = value
      }
    }
    const checked = categoryFieldsSchema(category.id).safeParse(fields)
    if (!checked.success) {
      for (const { path, ...problem } of problemsFromZodError(checked.error, fields)) {
        problems.push({ ...problem, message: `${path}: ${problem.message}` })
      }
    }
    if (!text && Object.keys(fields).length === 0) problems.push({ code: 'empty', message: 'text is empty' })
  }
  if (problems.length > 0 || !category) return { ok: false, problems }
  return { ok: true, note: { category: category.id, text, fields, author } }
}

/** One row to import and the number its source gives it (see ProblemParams.row). */
export interface NumberedRow {
  row: number
  values: unknown
}

export type ImportCheck = { ok: true; notes: ImportedNote[] } | { ok: false; message: string; problems: Problem[] }

/**
 * Checks a whole import: at least one row and at most MAX_IMPORT_ROWS, and every row valid;
 * otherwise every problem, each at 'row N' with params.row = N, and nothing to import.
 */
export function checkImportRows(rows: readonly NumberedRow[]): ImportCheck {
  if (rows.length === 0) {
    return {
      ok: false,
      message: 'no notes to import',
      problems: [{ path: '', code: 'no_rows', message: 'no notes to import' }],
    }
  }
  if (rows.length > MAX_IMPORT_ROWS) {
    const message = `at most ${MAX_IMPORT_ROWS} notes in one import`
    return {
      ok: false,
      message,
      problems: [{ path: '', code: 'too_many_rows', params: { max: MAX_IMPORT_ROWS }, message }],
    }
  }
  const notes: ImportedNote[] = []
  const problems: Problem[] = []
  for (const { row, values } of rows) {
    const result = normalizeImportRow(values)
    if (result.ok) notes.push(result.note)
    else {
      for (const problem of result.problems) {
        problems.push({ ...problem, path: `row ${row}`, params: { ...problem.params, row } })
      }
    }
  }
  if (problems.length > 0) return { ok: false, message: 'some rows are invalid; nothing was imported', problems }
  return { ok: true, notes }
}
