import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { CreateBoardRequest } from '../../shared/api.js'
import { categoryFieldsSchema } from '../../shared/categories.js'
import { problemsFromZodError } from '../../shared/problems.js'

const problems = (schema: z.ZodType, input: unknown) => {
  const parsed = schema.safeParse(input)
  expect(parsed.success).toBe(false)
  return parsed.success
    ? []
    : problemsFromZodError(parsed.error, input).map(({ path, code, params }) => ({ path, code, params }))
}

describe('problemsFromZodError', () => {
  it('maps request validation to our codes, naming the field', () => {
    expect(problems(CreateBoardRequest, { title: 'x'.repeat(201) })).toEqual([
      { path: 'title', code: 'too_long', params: { field: 'title', max: 200 } },
    ])
    expect(problems(CreateBoardRequest, { title: '   ' })).toEqual([
      { path: 'title', code: 'required', params: { field: 'title', min: 1 } },
    ])
    expect(problems(CreateBoardRequest, {})).toEqual([
      { path: 'title', code: 'required', params: { field: 'title', expected: 'string' } },
    ])
    expect(problems(CreateBoardRequest, { title: 42 })).toEqual([
      { path: 'title', code: 'invalid_type', params: { field: 'title', expected: 'string' } },
    ])
    expect(problems(CreateBoardRequest, { title: 'T', language: 'de' })).toEqual([
      { path: 'language', code: 'invalid_value', params: { field: 'language', allowed: ['fi', 'sv', 'en'] } },
    ])
    expect(problems(CreateBoardRequest, { title: 'T', owner: 'me', colour: 'red' })).toEqual([
      { path: '', code: 'unknown_field', params: { field: 'owner' } },
      { path: '', code: 'unknown_field', params: { field: 'colour' } },
    ])
  })

  it('maps numbers, formats and our own refinements', () => {
    expect(problems(z.object({ n: z.number().max(3) }), { n: 5 })).toEqual([
      { path: 'n', code: 'too_large', params: { field: 'n', max: 3 } },
    ])
    expect(problems(z.array(z.number()).min(2), [1])).toEqual([{ path: '', code: 'too_small', params: { min: 2 } }])
    expect(problems(z.object({ at: z.iso.datetime() }), { at: 'eilen' })).toEqual([
      { path: 'at', code: 'invalid_format', params: { field: 'at', format: 'datetime' } },
    ])
    expect(problems(categoryFieldsSchema('actor'), { businessId: '1234567-8', municipalityCode: '17' })).toEqual([
      { path: 'businessId', code: 'invalid_business_id', params: { field: 'businessId' } },
      { path: 'municipalityCode', code: 'invalid_municipality_code', params: { field: 'municipalityCode' } },
    ])
    expect(
      problems(
        z.string().refine(() => false, 'no'),
        'x',
      ),
    ).toEqual([{ path: '', code: 'invalid', params: undefined }])
  })
})
