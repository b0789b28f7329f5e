/**
 * Problems with what someone sent (an import, a request body) as data: a code and its
 * parameters, which the client translates, and an English message for API users. Nothing reads
 * the message back; new kinds of problem get a code here and a translation in client/i18n.
 */
import { z } from 'zod'
import { assertNever } from './assertNever.js'

export const PROBLEM_CODES = [
  /** A required value is missing (params.field). */
  'required',
  /** A note has neither text nor any field. */
  'empty',
  /** A string is longer than params.max characters. */
  'too_long',
  /** A string is shorter than params.min characters. */
  'too_short',
  /** A number, or a list, is larger than params.max. */
  'too_large',
  /** A number, or a list, is smaller than params.min. */
  'too_small',
  /** A value is of the wrong type (params.expected: 'string', 'object' …). */
  'invalid_type',
  /** A value is not one of params.allowed. */
  'invalid_value',
  /** A string does not have the expected form (params.format: 'datetime' …). */
  'invalid_format',
  /** A key or column that is not known (params.field). */
  'unknown_field',
  /** A CSV column header that names no column (params.column). */
  'unknown_column',
  /** No category has the name params.value. */
  'unknown_category',
  /** params.field is not a field of params.category. */
  'field_not_in_category',
  /** Not a valid Finnish business ID (Y-tunnus) (params.field). */
  'invalid_business_id',
  /** A municipality code is three digits (params.field). */
  'invalid_municipality_code',
  /** An import holds no rows. */
  'no_rows',
  /** An import holds more than params.max rows. */
  'too_many_rows',
  /** A CSV file whose quoted cell starting on params.row is never closed. */
  'csv_unclosed_quote',
  /** Anything else; only the message explains it. */
  'invalid',
] as const
export const ProblemCode = z.enum(PROBLEM_CODES)
export type ProblemCode = z.infer<typeof ProblemCode>

/**
 * What a problem is about. `row` is a row as its source numbers it: in a CSV the spreadsheet row
 * (the header is row 1, so the first note is row 2), in a JSON array the position from 1.
 */
export const ProblemParams = z
  .object({
    /** A field or column key ('text', 'businessId'), or the last key of a request path. */
    field: z.string(),
    /** A CSV header as written. */
    column: z.string(),
    /** A category id, or a value as sent (an unknown category name). */
    category: z.string(),
    value: z.string(),
    /** What zod expected ('string', 'object') or the format it checks ('datetime'). */
    expected: z.string(),
    format: z.string(),
    allowed: z.array(z.string()),
    min: z.number(),
    max: z.number(),
    row: z.number().int(),
  })
  .partial()
export type ProblemParams = z.infer<typeof ProblemParams>

export const Problem = z.object({
  /** Where: dotted keys into the request ('title', '3.category'), 'row 2', 'header', or ''. */
  path: z.string(),
  code: ProblemCode,
  params: ProblemParams.optional(),
  /** The problem in English, for API users; the client shows a translation of the code. */
  message: z.string(),
})
export type Problem = z.infer<typeof Problem>

/** Zod's refinements name the problem they check for in `params.problem` (see categories.ts). */
function customCode(params: Record<string, unknown> | undefined): ProblemCode {
  const named = ProblemCode.safeParse(params?.problem)
  return named.success ? named.data : 'invalid'
}

/** The value at `path` inside `input`, or undefined where the path leads nowhere. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return value
}

function problemOf(
  issue: z.core.$ZodIssue,
  _path: string,
  field: string | undefined,
  missing: boolean,
): Omit<Problem, 'path' | 'message'>[] {
  const withField = (params: ProblemParams): ProblemParams => (field === undefined ? params : { field, ...params })
  switch (issue.code) {
    case 'too_big': {
      const max = Number(issue.maximum)
      return [{ code: issue.origin === 'string' ? 'too_long' : 'too_large', params: withField({ max }) }]
    }
    case 'too_small': {
      const min = Number(issue.minimum)
      if (issue.origin === 'string') return [{ code: min <= 1 ? 'required' : 'too_short', params: withField({ min }) }]
      return [{ code: 'too_small', params: withField({ min }) }]
    }
    case 'invalid_type':
      return [{ code: missing ? 'required' : 'invalid_type', params: withField({ expected: issue.expected }) }]
    case 'invalid_value':
      return [{ code: 'invalid_value', params: withField({ allowed: issue.values.map(String) }) }]
    case 'invalid_format':
      return [{ code: 'invalid_format', params: withField({ format: issue.format }) }]
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ code: 'unknown_field', params: { field: key } }))
    case 'custom':
      return [{ code: customCode(issue.params), params: withField({}) }]
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
    case 'not_multiple_of':
      return [{ code: 'invalid', params: withField({}) }]
    default:
      return assertNever(issue, 'zod issue')
  }
}

/**
 * The problems of a failed zod parse, one per issue (one per key for unknown keys), with the
 * issue's path joined by dots ('' for the value itself) and zod's English message. `input` is
 * what was parsed: a value of the wrong type that is absent there is called `required`.
 */
export function problemsFromZodError(error: z.ZodError, input: unknown): Problem[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String).join('.')
    const last = issue.path.at(-1)
    const field = typeof last === 'string' ? last : undefined
    const missing = valueAt(input, issue.path) === undefined
    return problemOf(issue, path, field, missing).map((problem) => {
      const params = problem.params && Object.keys(problem.params).length > 0 ? problem.params : undefined
      const message = problem.code === 'unknown_field' ? `unknown field "${params?.field ?? ''}"` : issue.message
      return params ? { path, code: problem.code, params, message } : { path, code: problem.code, message }
    })
  })
}
