import { type FormEvent, useState } from 'react'
import { ACTOR_SECTORS } from '../../shared/categories.js'
import { StakeholderGroup, UNDISCLOSED_GROUP } from '../../shared/facilitation.js'
import { useLanguage, useT } from '../i18n/index.js'
import { getSavedGroup, saveGroup } from '../user/participantIdentity.js'
import { getDisplayName, NAME_MAX_LENGTH, updateSavedPreferences } from '../user/savedPreferences.js'
import { FormField } from './FormField.js'
import { LanguageSwitch } from './LanguageSwitch.js'

/** True when this device knows the person's name and stakeholder group, so the prompt can be skipped. */
export function hasIntroduced(): boolean {
  return getDisplayName().length > 0 && getSavedGroup() !== null
}

/**
 * Asks a first-time visitor, saying which board they are joining, for the name others will see
 * next to their cursor, and the stakeholder group they represent (the facilitator sees how many of each group are present).
 */
export function NamePrompt({ onDone, boardTitle }: { onDone: () => void; boardTitle?: string }) {
  const t = useT()
  const language = useLanguage()
  const [name, setName] = useState(getDisplayName())
  const [group, setGroup] = useState<string>(getSavedGroup() ?? '')
  const [nameError, setNameError] = useState<string | null>(null)
  const [groupError, setGroupError] = useState<string | null>(null)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const trimmed = name.trim()
    const chosen = StakeholderGroup.safeParse(group)
    setNameError(trimmed.length === 0 ? t('name.required') : null)
    setGroupError(chosen.success ? null : t('name.groupRequired'))
    if (trimmed.length === 0 || !chosen.success) {
      // The first field to fix takes the focus, as a screen reader user expects.
      const first = trimmed.length === 0 ? 'displayName' : 'group'
      const form = event.currentTarget
      if (form instanceof HTMLFormElement) form.querySelector<HTMLElement>(`[name="${first}"]`)?.focus()
      return
    }
    saveGroup(chosen.data)
    updateSavedPreferences({ name: trimmed.slice(0, NAME_MAX_LENGTH) })
    onDone()
  }

  return (
    <main className="tk-page tk-centered">
      <form className="tk-card" onSubmit={submit} noValidate data-testid="name-prompt">
        <h1>{t('name.title')}</h1>
        {boardTitle ? (
          <p className="tk-name-board" data-testid="name-prompt-board">
            {t('name.joining', { title: boardTitle })}
          </p>
        ) : null}
        <FormField label={t('name.label')} hint={t('name.hint')} error={nameError}>
          {(control) => (
            <input
              {...control}
              name="displayName"
              // biome-ignore lint/a11y/noAutofocus: the first field of a modal dialog, which must take focus
              autoFocus
              autoComplete="name"
              value={name}
              maxLength={NAME_MAX_LENGTH}
              placeholder={t('name.placeholder')}
              onChange={(event) => {
                setName(event.target.value)
                setNameError(null)
              }}
            />
          )}
        </FormField>
        <FormField label={t('name.groupLabel')} hint={t('name.groupHint')} error={groupError}>
          {(control) => (
            <select
              {...control}
              name="group"
              value={group}
              onChange={(event) => {
                setGroup(event.target.value)
                setGroupError(null)
              }}
            >
              <option value="" disabled>
                {t('name.groupChoose')}
              </option>
              {ACTOR_SECTORS.map((sector) => (
                <option key={sector.value} value={sector.value}>
                  {sector.labels[language]}
                </option>
              ))}
              <option value={UNDISCLOSED_GROUP}>{t('group.undisclosed')}</option>
            </select>
          )}
        </FormField>
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
