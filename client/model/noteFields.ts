/** The category fields of a note: keeping them to the category, validating and showing them. */
import { isValidBusinessId, isValidMunicipalityCode } from '../../shared/businessId.js'
import { type CategoryId, type FieldDefinition, getCategory } from '../../shared/categories.js'
import type { NoteShapeProps } from '../../shared/canvasShapes.js'
import type { Language } from '../../shared/language.js'

/** The fields that belong to `category`, without empty values (what the snapshot accepts). */
export function fieldsForCategory(fields: Record<string, string>, category: CategoryId): Record<string, string> {
  const kept: Record<string, string> = {}
  for (const field of getCategory(category).fields) {
    const value = fields[field.key]
    if (value) kept[field.key] = value
  }
  return kept
}

/** Props with a new category; fields of the old category that the new one lacks are dropped. */
export function withCategory(props: NoteShapeProps, category: CategoryId, chosen: boolean): NoteShapeProps {
  return { ...props, category, categoryChosen: chosen, fields: fieldsForCategory(props.fields, category) }
}

/** Null when a field value may be saved; otherwise why not (empty is always fine). */
export function fieldProblem(
  field: FieldDefinition,
  value: string,
): 'invalidBusinessId' | 'invalidMunicipalityCode' | null {
  const trimmed = value.trim()
  if (trimmed === '') return null
  if (field.kind === 'businessId' && !isValidBusinessId(trimmed)) return 'invalidBusinessId'
  if (field.kind === 'municipalityCode' && !isValidMunicipalityCode(trimmed)) return 'invalidMunicipalityCode'
  return null
}

/** Characters a complete value has, so a half-typed one is not called wrong too early. */
export function completeLength(field: FieldDefinition): number {
  if (field.kind === 'businessId') return 9
  if (field.kind === 'municipalityCode') return 3
  return 0
}

export interface FieldDisplay {
  key: string
  label: string
  /** What the note shows: a choice's label, or "label: value" for free text. */
  text: string
}

/** A note's non-empty fields, in the category's order, as shown on the canvas and in the list. */
export function fieldDisplays(
  category: CategoryId,
  fields: Record<string, string>,
  language: Language,
): FieldDisplay[] {
  const shown: FieldDisplay[] = []
  for (const field of getCategory(category).fields) {
    const value = fields[field.key]?.trim()
    if (!value) continue
    const label = field.labels[language]
    const text =
      field.kind === 'choice'
        ? (field.options.find((option) => option.value === value)?.labels[language] ?? value)
        : `${label}: ${value}`
    shown.push({ key: field.key, label, text })
  }
  return shown
}
