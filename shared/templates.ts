/**
 * Board templates as data: the zones each one lays out. The server places them when a board is
 * created; zone labels come from the category registry in the viewer's language.
 */
import { z } from 'zod'
import type { SortedCategoryId } from './categories.js'
import type { Localized } from './language.js'

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

export const TEMPLATES: readonly TemplateDefinition[] = [
  {
    id: 'tilannekuva',
    labels: { fi: 'Vuorovaikutteinen tilannekuva', sv: 'Interaktiv lägesbild', en: 'Interactive situational picture' },
    descriptions: {
      fi: 'Vahvuudet, tarpeet, toimijat ja toimenpiteet omille alueilleen.',
      sv: 'Styrkor, behov, aktörer och åtgärder i egna områden.',
      en: 'Strengths, needs, actors and ways forward, each in its own zone.',
    },
    zones: [TITLE, zone('strength', 0, 0), zone('need', 1, 0), zone('actor', 0, 1), zone('action', 1, 1)],
  },
  {
    id: 'swot',
    labels: { fi: 'SWOT', sv: 'SWOT', en: 'SWOT' },
    descriptions: {
      fi: 'Vahvuudet, heikkoudet, mahdollisuudet ja uhat.',
      sv: 'Styrkor, svagheter, möjligheter och hot.',
      en: 'Strengths, weaknesses, opportunities and threats.',
    },
    zones: [TITLE, zone('strength', 0, 0), zone('weakness', 1, 0), zone('opportunity', 0, 1), zone('threat', 1, 1)],
  },
  {
    id: 'tahtolauseet',
    labels: { fi: 'Tahtolauseet', sv: 'Viljeyttringar', en: 'Statements of intent' },
    descriptions: {
      fi: 'Yhteiset tahtolauseet sekä toimenpiteet ja vastuutoimijat, jotka tekevät niistä totta.',
      sv: 'Gemensamma viljeyttringar med åtgärder och ansvariga aktörer.',
      en: 'Shared statements of intent, with the actions and owners that make them concrete.',
    },
    zones: [TITLE, zone('intent', 0, 0, 2), zone('action', 1, 0), zone('actor', 1, 1)],
  },
  {
    id: 'blank',
    labels: { fi: 'Tyhjä taulu', sv: 'Tom tavla', en: 'Blank board' },
    descriptions: { fi: 'Vapaa piirtopohja.', sv: 'Fri yta.', en: 'A free canvas.' },
    zones: [],
  },
]

export function getTemplate(id: BoardTemplateId): TemplateDefinition {
  return TEMPLATES.find((template) => template.id === id)!
}

export function zoneShapeId(zoneKey: string): string {
  return `shape:zone-${zoneKey}`
}
