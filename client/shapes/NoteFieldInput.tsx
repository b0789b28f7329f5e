import { useEffect, useState } from 'react'
import type { FieldDefinition } from '../../shared/categories.js'
import { FormField } from '../components/FormField.js'
import { useLanguage, useT } from '../i18n/index.js'
import { completeLength, fieldProblem } from '../model/noteFields.js'

interface NoteFieldInputProps {
  field: FieldDefinition
  value: string
  /** Called with values that may be saved (valid or empty). */
  onCommit: (value: string) => void
}

/**
 * One category field in the note editor. Identifiers (Y-tunnus, kuntanumero) are saved only
 * when valid; meanwhile the draft stays in the input and the error says what is wrong.
 */
export function NoteFieldInput({ field, value, onCommit }: NoteFieldInputProps) {
  const t = useT()
  const language = useLanguage()
  const [draft, setDraft] = useState(value)
  const [blurred, setBlurred] = useState(false)
  // A peer's edit replaces the draft unless we are holding an unsaved (invalid) one.
  useEffect(() => {
    setDraft((current) => (fieldProblem(field, current) ? current : value))
  }, [field, value])

  const problem = fieldProblem(field, draft)
  const showProblem = problem !== null && (blurred || draft.trim().length >= completeLength(field))
  const label = field.labels[language]
  const change = (next: string) => {
    setDraft(next)
    setBlurred(false)
    if (!fieldProblem(field, next)) onCommit(field.kind === 'text' ? next : next.trim())
  }

  if (field.kind === 'choice') {
    return (
      <FormField className="tk-note-editor-field" label={label}>
        {(control) => (
          <select {...control} name={field.key} value={value} onChange={(event) => onCommit(event.target.value)}>
            <option value="">—</option>
            {field.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.labels[language]}
              </option>
            ))}
          </select>
        )}
      </FormField>
    )
  }

  const common = {
    name: field.key,
    value: draft,
    onBlur: () => setBlurred(true),
  }
  return (
    <FormField
      className="tk-note-editor-field"
      label={label}
      error={
        showProblem
          ? t(problem === 'invalidBusinessId' ? 'note.invalidBusinessId' : 'note.invalidMunicipalityCode')
          : null
      }
      alertError
    >
      {(control) =>
        field.kind === 'text' && field.multiline ? (
          <textarea
            {...control}
            {...common}
            rows={3}
            maxLength={field.maxLength}
            onChange={(event) => change(event.target.value)}
          />
        ) : (
          <input
            {...control}
            {...common}
            inputMode={field.kind === 'text' ? undefined : 'numeric'}
            maxLength={field.kind === 'text' ? field.maxLength : 20}
            placeholder={
              field.kind === 'businessId' ? '1234567-8' : field.kind === 'municipalityCode' ? '179' : undefined
            }
            onChange={(event) => change(event.target.value)}
          />
        )
      }
    </FormField>
  )
}
