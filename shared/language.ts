/**
 * The languages of the UI and of board templates (Finnish first), their locales, and the
 * language rules both sides share: dates as people read them, and names matched regardless of
 * case.
 */
import { z } from 'zod'

export const LANGUAGES = ['fi', 'sv', 'en'] as const
export const Language = z.enum(LANGUAGES)
export type Language = z.infer<typeof Language>
export const DEFAULT_LANGUAGE: Language = 'fi'

export type Localized = Record<Language, string>

/** Each language's name in itself, for a language switch. */
export const LANGUAGE_NAMES: Localized = { fi: 'Suomi', sv: 'Svenska', en: 'English' }

/** BCP 47 locale of each language: Swedish as written in Finland, British English. */
export const LOCALES: Localized = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' }

export function isLanguage(value: unknown): value is Language {
  return Language.safeParse(value).success
}

/**
 * The first of a browser's preferred languages (navigator.languages, most wanted first) that we
 * have, by its primary subtag: sv-FI and sv-SE are Swedish, en-US English; null when none is ours.
 */
export function languageFromPreferences(preferred: readonly string[]): Language | null {
  for (const tag of preferred) {
    const primary = tag.split('-')[0]?.toLowerCase()
    if (isLanguage(primary)) return primary
  }
  return null
}

/** The ways we show a date: each is one set of Intl options. */
const DATE_STYLES = {
  /** "3.6. klo 14.05": day and time, as on a note. */
  dayAndTime: { day: 'numeric', month: 'numeric', hour: '2-digit', minute: '2-digit' },
  /** "3. kesäkuuta 2025": a whole date, as under a board's title. */
  longDate: { dateStyle: 'long' },
  /** A whole date in Finnish time, wherever the server runs, as in the PDF memo. */
  helsinkiDate: { dateStyle: 'long', timeZone: 'Europe/Helsinki' },
  /** A whole date and the time of day in Finnish time. */
  helsinkiDateAndTime: { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Helsinki' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>
export type DateStyle = keyof typeof DATE_STYLES

// Building an Intl.DateTimeFormat costs far more than formatting with one (it showed in
// profiles of rendering many notes), so each language and style gets one, made on first use.
const formatters = new Map<string, Intl.DateTimeFormat>()

/** A date (a Date or epoch milliseconds) in `language`, in one of our styles. */
export function formatDate(value: Date | number, language: Language, style: DateStyle): string {
  const key = `${language} ${style}`
  let formatter = formatters.get(key)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(LOCALES[language], DATE_STYLES[style])
    formatters.set(key, formatter)
  }
  return formatter.format(value)
}

/**
 * Text as we compare what people type: trimmed, composed (an 'ä' typed as 'a' and a combining
 * mark, as some Mac files have it, equals 'ä'), in lower case by Finnish rules.
 */
export function fold(value: string): string {
  return value.trim().normalize('NFC').toLocaleLowerCase('fi')
}
