/**
 * The person using this browser: id, display name, colour and tldraw preferences, remembered in
 * localStorage. One atom feeds both tldraw's preferences UI (people menu, language) and the
 * presence other people see.
 */
import {
  atom,
  computed,
  createUserId,
  type TLUserPreferences,
  type TLUserStore,
  uniqueId,
  UserRecordType,
} from 'tldraw'
import { getLanguage, isLanguage, setLanguage, subscribeLanguage } from '../i18n/index.js'

const STORAGE_KEY = 'tilannekuva.user'
export const NAME_MAX_LENGTH = 60

/** Cursor colours that carry white name text well and are told apart at a glance. */
const USER_COLORS = [
  '#E8590C', '#D6336C', '#AE3EC9', '#7048E8', '#1C7ED6', '#0C8599',
  '#2B8A3E', '#5C940D', '#C2255C', '#1864AB', '#862E9C', '#A61E4D',
] as const

/** A stable colour per user id, so a person keeps their colour across boards and reloads. */
export function colorForUserId(id: string): string {
  let hash = 0
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0
  return USER_COLORS[hash % USER_COLORS.length] ?? USER_COLORS[0]
}

function freshPreferences(): TLUserPreferences {
  const id = uniqueId()
  return { id, color: colorForUserId(id) }
}

function loadPreferences(): TLUserPreferences {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null')
    if (typeof parsed === 'object' && parsed !== null && typeof (parsed as { id?: unknown }).id === 'string') {
      return parsed as TLUserPreferences
    }
  } catch {
    // Unreadable or unavailable storage: start afresh.
  }
  return freshPreferences()
}

function savePreferences(preferences: TLUserPreferences): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(preferences))
  } catch {
    // Without storage the name is asked again next time; nothing else breaks.
  }
}

const initial = loadPreferences()
export const $userPreferences = atom<TLUserPreferences>('userPreferences', {
  ...initial,
  color: initial.color ?? colorForUserId(initial.id),
  locale: getLanguage(),
})

/** Replaces the preferences (tldraw's UI calls this too) and remembers them. */
export function setUserPreferences(next: TLUserPreferences): void {
  $userPreferences.set(next)
  savePreferences(next)
  // Choosing Finnish, Swedish or English in tldraw's menu switches our UI as well. Other
  // preference changes carry the current locale along; they are no choice of language.
  if (isLanguage(next.locale) && next.locale !== getLanguage()) setLanguage(next.locale)
}

export function updateUserPreferences(patch: Partial<TLUserPreferences>): void {
  setUserPreferences({ ...$userPreferences.get(), ...patch })
}

export function getDisplayName(): string {
  return $userPreferences.get().name?.trim() ?? ''
}

// tldraw's UI language follows our language switch.
subscribeLanguage(() => {
  if ($userPreferences.get().locale !== getLanguage()) updateUserPreferences({ locale: getLanguage() })
})

/** The current user for the tldraw store: attribution and the presence others see. */
export const userStore: TLUserStore = {
  currentUser: computed('currentUser', () => {
    const preferences = $userPreferences.get()
    return UserRecordType.create({
      id: createUserId(preferences.id),
      name: preferences.name?.trim() ?? '',
      color: preferences.color ?? colorForUserId(preferences.id),
    })
  }),
}
