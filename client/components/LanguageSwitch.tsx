import type { SelectHTMLAttributes } from 'react'
import { isLanguage, LANGUAGE_NAMES, LANGUAGES, type Language } from '../../shared/language.js'
import { setLanguage, useLanguage, useT } from '../i18n/index.js'

type LanguageSelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> & {
  value: Language
  onChange: (language: Language) => void
}

/** A select of our languages, each named in itself. */
export function LanguageSelect({ value, onChange, ...rest }: LanguageSelectProps) {
  return (
    <select
      {...rest}
      value={value}
      onChange={(event) => {
        if (isLanguage(event.target.value)) onChange(event.target.value)
      }}
    >
      {LANGUAGES.map((code) => (
        <option key={code} value={code}>
          {LANGUAGE_NAMES[code]}
        </option>
      ))}
    </select>
  )
}

/** Language picker for our UI (tldraw's UI follows it). */
export function LanguageSwitch() {
  const t = useT()
  const language = useLanguage()
  return (
    <label className="tk-language">
      <span className="tk-visually-hidden">{t('language.label')}</span>
      <LanguageSelect value={language} aria-label={t('language.label')} onChange={setLanguage} />
    </label>
  )
}
