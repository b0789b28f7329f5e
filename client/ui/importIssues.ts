/**
 * The server's problems with an import (shared/problems.ts codes and parameters) in the person's
 * language: each code has a message, each field and column is named by its header, each choice by
 * its label. The server's English message is only shown when it sent no problems at all.
 */
import { categoryLabel, CategoryId, FIELD_KEY_DEFINITIONS } from '../../shared/categories.js'
import type { Language } from '../../shared/language.js'
import { columnHeader } from '../../shared/noteColumns.js'
import type { Problem, ProblemCode } from '../../shared/problems.js'
import { type MessageKey, translate } from '../i18n/index.js'

const MESSAGE_KEYS: Record<ProblemCode, MessageKey> = {
  required: 'problem.required',
  empty: 'problem.empty',
  too_long: 'problem.too_long',
  too_short: 'problem.too_short',
  too_large: 'problem.too_large',
  too_small: 'problem.too_small',
  invalid_type: 'problem.invalid_type',
  invalid_value: 'problem.invalid_value',
  invalid_format: 'problem.invalid_format',
  unknown_field: 'problem.unknown_field',
  unknown_column: 'problem.unknown_column',
  unknown_category: 'problem.unknown_category',
  field_not_in_category: 'problem.field_not_in_category',
  invalid_business_id: 'problem.invalid_business_id',
  invalid_municipality_code: 'problem.invalid_municipality_code',
  no_rows: 'problem.no_rows',
  too_many_rows: 'problem.too_many_rows',
  csv_unclosed_quote: 'problem.csv_unclosed_quote',
  invalid: 'problem.invalid',
}

/** Allowed values as people read them: a choice field's option labels, other values as sent. */
function allowedText(field: string | undefined, allowed: readonly string[], language: Language): string {
  const definition = FIELD_KEY_DEFINITIONS.find((candidate) => candidate.key === field)
  const options = definition?.kind === 'choice' ? definition.options : []
  return allowed.map((value) => options.find((option) => option.value === value)?.labels[language] ?? value).join(', ')
}

/** What went wrong, in `language`, without saying where. */
export function describeProblem(problem: Pick<Problem, 'code' | 'params'>, language: Language): string {
  const params = problem.params ?? {}
  const category = CategoryId.safeParse(params.category)
  return translate(language, MESSAGE_KEYS[problem.code], {
    field: params.field === undefined ? translate(language, 'import.value') : columnHeader(params.field, language),
    column: params.column ?? '',
    value: params.value ?? '',
    category: category.success ? categoryLabel(category.data, language) : (params.category ?? ''),
    allowed: allowedText(params.field, params.allowed ?? [], language),
    min: params.min ?? '',
    max: params.max ?? '',
  })
}

function place(problem: Problem, language: Language): string | null {
  if (problem.path === 'header') return translate(language, 'import.header')
  if (problem.params?.row !== undefined) return translate(language, 'import.row', { row: problem.params.row })
  return null
}

/**
 * One line per problem, "Rivi 3: tuntematon kategoria ”toive”", rows numbered as the file's
 * spreadsheet numbers them (the header is row 1). Without problems, the server's message.
 */
export function describeImportIssues(message: string, issues: readonly Problem[], language: Language): string[] {
  if (issues.length === 0) return [message]
  return issues.map((issue) => {
    const where = place(issue, language)
    const what = describeProblem(issue, language)
    return where ? `${where}: ${what}` : what
  })
}
