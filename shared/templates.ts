/**
 * Board templates as data: the zones each one lays out. The server places them when a board is
 * created; zone labels come from the category registry in the viewer's language.
 */
import { z } from 'zod'
import type { SortedCategoryId } from './categories.js'
import type { Language, Localized } from './language.js'

export const TEMPLATE_IDS = ['tilannekuva', 'swot', 'tahtolauseet', 'blank'] as const
export const BoardTemplateId = z.enum(TEMPLATE_IDS)
export type BoardTemplateId = z.infer<typeof BoardTemplateId>
export const DEFAULT_TEMPLATE: BoardTemplateId = 'tilannekuva'

export interface ZoneLayout {
  /** Stable within a template, so zone shape ids are predictable ('shape:zone-<key>'). */
  key: string
  kind: 'category' | 'title'
  category: SortedCategoryId | null
  x: number
  y: number
  w: number
  h: number
}

export interface TemplateDefinition {
  id: BoardTemplateId
  labels: Localized
  descriptions: Localized
  zones: readonly ZoneLayout[]
}

const TITLE: ZoneLayout = { key: 'title', kind: 'title', category: null, x: 0, y: 0, w: 2120, h: 180 }
const zone = (category: SortedCategoryId, column: 0 | 1, row: 0 | 1, rows: 1 | 2 = 1): ZoneLayout => ({
  key: category,
  kind: 'category',
  category,
  x: column * 1080,
  y: 220 + row * 840,
  w: 1040,
  h: rows === 1 ? 800 : 1640,
})

/** Each template's zones, as the server lays them out. */
const TEMPLATE_ZONES: Record<BoardTemplateId, readonly ZoneLayout[]> = {
  tilannekuva: [TITLE, zone('strength', 0, 0), zone('need', 1, 0), zone('actor', 0, 1), zone('action', 1, 1)],
  swot: [TITLE, zone('strength', 0, 0), zone('weakness', 1, 0), zone('opportunity', 0, 1), zone('threat', 1, 1)],
  tahtolauseet: [TITLE, zone('intent', 0, 0, 2), zone('action', 1, 0), zone('actor', 1, 1)],
  blank: [],
}

/** Each template's name and one-line description, one dictionary per language. */
const TEMPLATE_TEXTS: Record<Language, Record<BoardTemplateId, readonly [name: string, description: string]>> = {
  fi: {
    tilannekuva: ['Vuorovaikutteinen tilannekuva', 'Vahvuudet, tarpeet, toimijat ja toimenpiteet omille alueilleen.'],
    swot: ['SWOT', 'Vahvuudet, heikkoudet, mahdollisuudet ja uhat.'],
    tahtolauseet: [
      'Tahtolauseet',
      'Yhteiset tahtolauseet sekä toimenpiteet ja vastuutoimijat, jotka tekevät niistä totta.',
    ],
    blank: ['Tyhjä taulu', 'Vapaa piirtopohja.'],
  },
  sv: {
    tilannekuva: ['Interaktiv lägesbild', 'Styrkor, behov, aktörer och åtgärder i egna områden.'],
    swot: ['SWOT', 'Styrkor, svagheter, möjligheter och hot.'],
    tahtolauseet: ['Viljeyttringar', 'Gemensamma viljeyttringar med åtgärder och ansvariga aktörer.'],
    blank: ['Tom tavla', 'Fri yta.'],
  },
  en: {
    tilannekuva: [
      'Interactive situational picture',
      'Strengths, needs, actors and ways forward, each in its own zone.',
    ],
    swot: ['SWOT', 'Strengths, weaknesses, opportunities and threats.'],
    tahtolauseet: [
      'Statements of intent',
      'Shared statements of intent, with the actions and owners that make them concrete.',
    ],
    blank: ['Blank board', 'A free canvas.'],
  },
}

function inEachLanguage(text: (language: Language) => string): Localized {
  return { fi: text('fi'), sv: text('sv'), en: text('en') }
}

export const TEMPLATES: readonly TemplateDefinition[] = TEMPLATE_IDS.map((id) => ({
  id,
  labels: inEachLanguage((language) => TEMPLATE_TEXTS[language][id][0]),
  descriptions: inEachLanguage((language) => TEMPLATE_TEXTS[language][id][1]),
  zones: TEMPLATE_ZONES[id],
}))

export function getTemplate(id: BoardTemplateId): TemplateDefinition {
  return TEMPLATES.find((template) => template.id === id)!
}

export function zoneShapeId(zoneKey: string): string {
  return `shape:zone-${zoneKey}`
}
