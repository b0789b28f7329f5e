/**
 * The person using this browser: id, display name, colour and tldraw preferences, remembered in
 * localStorage. One atom feeds both tldraw's preferences UI (people menu, language) and the
 * presence other people see.
 */
import { atom, computed, createUserId, type TLUserPreferences, type TLUserStore, UserRecordType } from 'tldraw'
import { getLanguage, isLanguage, setLanguage, subscribeLanguage } from '../i18n/index.js'
import { colorForUserId, getSavedPreferences, savePreferences, subscribeSavedPreferences } from './savedPreferences.js'

export { colorForUserId, getDisplayName, NAME_MAX_LENGTH } from './savedPreferences.js'

// The language may have been switched on the name prompt, before this module was loaded.
export const $userPreferences = atom<TLUserPreferences>('userPreferences', {
  ...getSavedPreferences(),
  locale: getLanguage(),
})
// The name prompt saves before tldraw has loaded, and perhaps after this module has.
subscribeSavedPreferences((saved) => {
  if ($userPreferences.get() !== saved) $userPreferences.set(saved)
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
