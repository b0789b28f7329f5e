import { type FormEvent, useState } from 'react'
import { boardPath, REGION_MAX_LENGTH, TITLE_MAX_LENGTH } from '../../shared/api.js'
import { type BoardTemplateId, DEFAULT_TEMPLATE } from '../../shared/templates.js'
import { createBoard } from '../api.js'
import { FormField } from '../components/FormField.js'
import { ImportBoardFile } from '../components/ImportBoardFile.js'
import { LanguageSelect, LanguageSwitch } from '../components/LanguageSwitch.js'
import { TemplatePicker } from '../components/TemplatePicker.js'
import { type Language, type MessageKey, useLanguage, useT } from '../i18n/index.js'
import { rememberCreatedBoard } from '../share/shareLinks.js'
import { BoardsOnDeviceList } from '../offline/BoardsOnDeviceList.js'

/** The same rule as the server's CreateBoardRequest, checked first so the user gets a clear message. */
export function validateTitle(title: string): { key: MessageKey; params?: Record<string, number> } | null {
  const trimmed = title.trim()
  if (trimmed.length === 0) return { key: 'home.titleRequired' }
  if (trimmed.length > TITLE_MAX_LENGTH) return { key: 'home.titleTooLong', params: { max: TITLE_MAX_LENGTH } }
  return null
}

/** `/`: create a board from a template, then open it as its facilitator. */
export function HomePage() {
  const t = useT()
  const uiLanguage = useLanguage()
  const [title, setTitle] = useState('')
  const [template, setTemplate] = useState<BoardTemplateId>(DEFAULT_TEMPLATE)
  const [region, setRegion] = useState('')
  // Follows the UI language until the person picks a board language of their own.
  const [boardLanguage, setBoardLanguage] = useState<Language | null>(null)
  const language = boardLanguage ?? uiLanguage
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const invalid = validateTitle(title)
    if (invalid) {
      setError(t(invalid.key, invalid.params))
      return
    }
    setBusy(true)
    setError(null)
    const trimmedRegion = region.trim()
    const result = await createBoard({
      title: title.trim(),
      template,
      language,
      ...(trimmedRegion ? { region: trimmedRegion } : {}),
    })
    if (!result.ok) {
      setBusy(false)
      setError(t('home.createFailed'))
      return
    }
    rememberCreatedBoard(result.created)
    // Stay on this origin (even if PUBLIC_URL names another): the share links were kept in its storage.
    window.location.assign(boardPath(result.created.board.id, result.created.tokens.facilitator))
  }

  return (
    <main className="tk-page tk-home">
      <header className="tk-home-header">
        <span className="tk-logo">{t('app.name')}</span>
        <LanguageSwitch />
      </header>
      <section className="tk-card">
        <p className="tk-tagline">{t('app.tagline')}</p>
        <form onSubmit={submit} noValidate data-testid="create-board-form">
          <h1>{t('home.createTitle')}</h1>
          <FormField label={t('home.titleLabel')} hint={t('home.hint')} error={error} alertError>
            {(control) => (
              <input
                {...control}
                name="title"
                value={title}
                placeholder={t('home.titlePlaceholder')}
                onChange={(event) => {
                  setTitle(event.target.value)
                  setError(null)
                }}
              />
            )}
          </FormField>
          <TemplatePicker value={template} onChange={setTemplate} />
          <FormField label={t('home.regionLabel')}>
            {(control) => (
              <input
                {...control}
                name="region"
                value={region}
                maxLength={REGION_MAX_LENGTH}
                placeholder={t('home.regionPlaceholder')}
                onChange={(event) => setRegion(event.target.value)}
              />
            )}
          </FormField>
          <FormField label={t('home.languageLabel')} hint={t('home.languageHint')}>
            {(control) => <LanguageSelect {...control} name="language" value={language} onChange={setBoardLanguage} />}
          </FormField>
          <div className="tk-actions">
            <button className="tk-button" type="submit" disabled={busy}>
              {busy ? t('home.creating') : t('home.create')}
            </button>
          </div>
        </form>
      </section>
      <ImportBoardFile />
      <BoardsOnDeviceList />
    </main>
  )
}
