/**
 * Strings of our own UI in Finnish (default), Swedish and English, and the chosen language,
 * remembered in localStorage. tldraw's own UI follows the same language (see user/userPreferences).
 */
import { useCallback, useSyncExternalStore } from 'react'
import { en } from './en.js'
import { fi, type MessageKey, type MessageTable } from './fi.js'
import { sv } from './sv.js'

export type { MessageKey }

export const LANGUAGES = ['fi', 'sv', 'en'] as const
export type Language = (typeof LANGUAGES)[number]
export const DEFAULT_LANGUAGE: Language = 'fi'

/** Each language's name in itself, for the switch. */
export const LANGUAGE_NAMES: Record<Language, string> = { fi: 'Suomi', sv: 'Svenska', en: 'English' }

const TABLES: Record<Language, MessageTable> = { fi, sv, en }
const STORAGE_KEY = 'tilannekuva.language'

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}

function readStoredLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY)
    return isLanguage(stored) ? stored : DEFAULT_LANGUAGE
  } catch {
    return DEFAULT_LANGUAGE
  }
}

let current: Language = typeof localStorage === 'undefined' ? DEFAULT_LANGUAGE : readStoredLanguage()
const listeners = new Set<() => void>()

export function getLanguage(): Language {
  return current
}

/** Switches the language everywhere and remembers it on this device. */
export function setLanguage(language: Language): void {
  if (language === current) return
  current = language
  try {
    localStorage.setItem(STORAGE_KEY, language)
  } catch {
    // Storage may be unavailable (private mode); the choice then lasts for this page only.
  }
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
