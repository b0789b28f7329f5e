import { LANGUAGE_NAMES, LANGUAGES, isLanguage, setLanguage, useLanguage, useT } from '../i18n/index.js'

/** Language picker for our UI (tldraw's UI follows it). */
export function LanguageSwitch() {
  const t = useT()
  const language = useLanguage()
  return (
    <label className="tk-language">
      <span className="tk-visually-hidden">{t('language.label')}</span>
      <select
        value={language}
        aria-label={t('language.label')}
        onChange={(event) => {
          if (isLanguage(event.target.value)) setLanguage(event.target.value)
        }}
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code}>
            {LANGUAGE_NAMES[code]}
          </option>
        ))}
      </select>
    </label>
  )
}
