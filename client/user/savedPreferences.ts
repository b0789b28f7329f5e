/**
 * The person's preferences as remembered on this device, without tldraw: the board page asks a
 * first-time visitor's name with these while the canvas (tldraw) is still downloading. The tldraw
 * atom in userPreferences.ts mirrors them.
 */
import type { TLUserPreferences } from 'tldraw'
import { getLanguage } from '../i18n/index.js'

const STORAGE_KEY = 'tilannekuva.user'
export const NAME_MAX_LENGTH = 60

/** Cursor colours that carry white name text well and are told apart at a glance. */
const USER_COLORS = [
  '#E8590C',
  '#D6336C',
  '#AE3EC9',
  '#7048E8',
  '#1C7ED6',
  '#0C8599',
  '#2B8A3E',
  '#5C940D',
  '#C2255C',
  '#1864AB',
  '#862E9C',
  '#A61E4D',
] as const

/** A stable colour per user id, so a person keeps their colour across boards and reloads. */
export function colorForUserId(id: string): string {
  let hash = 0
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0
  return USER_COLORS[hash % USER_COLORS.length] ?? USER_COLORS[0]
}

/** 128 random bits; `crypto.randomUUID` is missing on plain http (a server on the local network). */
function randomUserId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
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
  return { id: randomUserId() }
}

const loaded = loadPreferences()
let current: TLUserPreferences = { ...loaded, color: loaded.color ?? colorForUserId(loaded.id), locale: getLanguage() }
const listeners = new Set<(preferences: TLUserPreferences) => void>()

/** The preferences as last saved (or loaded at start). */
export function getSavedPreferences(): TLUserPreferences {
  return current
}

/** Replaces the preferences, remembers them on this device and tells every subscriber. */
export function savePreferences(next: TLUserPreferences): void {
  if (next === current) return
  current = next
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next))
  } catch {
    // Without storage the name is asked again next time; nothing else breaks.
  }
  for (const listener of listeners) listener(next)
}

/** Saves the current preferences with `patch` applied. */
export function updateSavedPreferences(patch: Partial<TLUserPreferences>): void {
  savePreferences({ ...current, ...patch })
}

/** Calls `listener` after every save; returns the unsubscribe. */
export function subscribeSavedPreferences(listener: (preferences: TLUserPreferences) => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function getDisplayName(): string {
  return current.name?.trim() ?? ''
}
