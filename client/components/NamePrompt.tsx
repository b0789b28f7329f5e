import { type FormEvent, useState } from 'react'
import { useT } from '../i18n/index.js'
import { getDisplayName, NAME_MAX_LENGTH, updateSavedPreferences } from '../user/savedPreferences.js'
import { LanguageSwitch } from './LanguageSwitch.js'

/** Asks a first-time visitor for the name others will see next to their cursor. */
export function NamePrompt({ onDone }: { onDone: () => void }) {
  const t = useT()
  const [name, setName] = useState(getDisplayName())
  const [error, setError] = useState<string | null>(null)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const trimmed = name.trim()
    if (trimmed.length === 0) {
      setError(t('name.required'))
      return
    }
    updateSavedPreferences({ name: trimmed.slice(0, NAME_MAX_LENGTH) })
    onDone()
  }

  return (
    <main className="tk-page tk-centered">
      <form className="tk-card" onSubmit={submit} noValidate data-testid="name-prompt">
        <h1>{t('name.title')}</h1>
        <label className="tk-field">
          <span>{t('name.label')}</span>
          <input
            name="displayName"
            // biome-ignore lint/a11y/noAutofocus: the only field of a modal dialog, which must take focus
            autoFocus
            autoComplete="name"
            value={name}
            maxLength={NAME_MAX_LENGTH}
            placeholder={t('name.placeholder')}
            aria-invalid={error !== null}
            aria-describedby="name-hint"
            onChange={(event) => {
              setName(event.target.value)
              setError(null)
            }}
          />
        </label>
        <p id="name-hint" className={error ? 'tk-error' : 'tk-muted'}>
          {error ?? t('name.hint')}
        </p>
        <div className="tk-actions">
          <button className="tk-button" type="submit">
            {t('name.submit')}
          </button>
        </div>
      </form>
      <LanguageSwitch />
    </main>
  )
}
