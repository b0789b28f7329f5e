/**
 * Strings of our own UI in Finnish (default), Swedish and English, and the chosen language,
 * remembered in localStorage. tldraw's own UI follows the same language (see user/userPreferences).
 */
import { useCallback, useSyncExternalStore } from 'react'
import { DEFAULT_LANGUAGE, isLanguage, type Language, languageFromPreferences } from '../../shared/language.js'
import { en } from './en.js'
import { fi, type MessageKey, type MessageTable } from './fi.js'
import { sv } from './sv.js'

export type { MessageKey }
// The languages themselves are shared with the server; components read them from here too.
export { DEFAULT_LANGUAGE, isLanguage, LANGUAGE_NAMES, LANGUAGES, type Language } from '../../shared/language.js'

const TABLES: Record<Language, MessageTable> = { fi, sv, en }
const STORAGE_KEY = 'tilannekuva.language'

function readStoredLanguage(): Language | null {
  try {
    const stored = localStorage.getItem(STORAGE_KEY)
    return isLanguage(stored) ? stored : null
  } catch {
    return null
  }
}

const stored = typeof localStorage === 'undefined' ? null : readStoredLanguage()
// A first visit speaks the browser's language when it is one of ours (a board's own language,
// applied on its page, still comes first there: README "Languages").
const fromBrowser = typeof navigator === 'undefined' ? null : languageFromPreferences(navigator.languages ?? [])
let chosen = stored !== null
let current: Language = stored ?? fromBrowser ?? DEFAULT_LANGUAGE
const listeners = new Set<() => void>()

export function getLanguage(): Language {
  return current
}

/** True once the person picked a language on this device (a board's language then no longer applies). */
export function hasChosenLanguage(): boolean {
  return chosen
}

/**
 * Switches the language everywhere. A person's choice is remembered on this device; a default
 * (a board's language) is applied with `remember: false` and lasts for this page only.
 */
export function setLanguage(language: Language, options: { remember?: boolean } = {}): void {
  if (options.remember ?? true) {
    chosen = true
    try {
      localStorage.setItem(STORAGE_KEY, language)
    } catch {
      // Storage may be unavailable (private mode); the choice then lasts for this page only.
    }
  }
  if (language === current) return
  current = language
  if (typeof document !== 'undefined') document.documentElement.lang = language
  for (const listener of listeners) listener()
}

export function subscribeLanguage(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Formats a message, replacing `{name}` placeholders with `params`. */
export function translate(language: Language, key: MessageKey, params?: Record<string, string | number>): string {
  const template = TABLES[language][key]
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}

export function useLanguage(): Language {
  return useSyncExternalStore(subscribeLanguage, getLanguage, getLanguage)
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string

/** The translation function for the current language; components re-render when it changes. */
export function useT(): Translate {
  const language = useLanguage()
  return useCallback<Translate>((key, params) => translate(language, key, params), [language])
}
