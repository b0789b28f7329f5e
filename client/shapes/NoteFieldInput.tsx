import { useEffect, useId, useState } from 'react'
import type { FieldDefinition } from '../../shared/categories.js'
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
  const id = useId()
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
      <label className="tk-note-editor-field" htmlFor={id}>
        <span>{label}</span>
        <select id={id} name={field.key} value={value} onChange={(event) => onCommit(event.target.value)}>
          <option value="">—</option>
          {field.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.labels[language]}
            </option>
          ))}
        </select>
      </label>
    )
  }

  const errorId = `${id}-error`
  const common = {
    id,
    name: field.key,
    value: draft,
    'aria-invalid': showProblem,
    'aria-describedby': showProblem ? errorId : undefined,
    onBlur: () => setBlurred(true),
  }
  return (
    <div className="tk-note-editor-field">
      <label htmlFor={id}>{label}</label>
      {field.kind === 'text' && field.multiline ? (
        <textarea {...common} rows={3} maxLength={field.maxLength} onChange={(event) => change(event.target.value)} />
      ) : (
        <input
          {...common}
          inputMode={field.kind === 'text' ? undefined : 'numeric'}
          maxLength={field.kind === 'text' ? field.maxLength : 20}
          placeholder={
            field.kind === 'businessId' ? '1234567-8' : field.kind === 'municipalityCode' ? '179' : undefined
          }
          onChange={(event) => change(event.target.value)}
        />
      )}
      {showProblem ? (
        <p id={errorId} className="tk-error" role="alert">
          {t(problem === 'invalidBusinessId' ? 'note.invalidBusinessId' : 'note.invalidMunicipalityCode')}
        </p>
      ) : null}
    </div>
  )
}
