import { z } from 'zod'

/** Languages of the UI and of board templates; Finnish first. */
export const Language = z.enum(['fi', 'sv', 'en'])
export type Language = z.infer<typeof Language>
export const DEFAULT_LANGUAGE: Language = 'fi'

export type Localized = Record<Language, string>
