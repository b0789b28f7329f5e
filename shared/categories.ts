/**
 * The note categories of a situational picture, as data: adding a category is an entry in
 * CATEGORIES (and its labels), not a hunt through the code. Client (palette, note shape, list
 * view), server (snapshot, CSV, import) and later the PDF all read this registry.
 */
import { z } from 'zod'
import { isValidBusinessId, isValidMunicipalityCode } from './businessId.js'
import type { Language, Localized } from './language.js'

/** Categories that sort a note: a zone gives one of these to the notes dropped into it. */
export const SORTED_CATEGORY_IDS = [
  'strength',
  'need',
  'actor',
  'action',
  'intent',
  'weakness',
  'opportunity',
  'threat',
] as const
export type SortedCategoryId = (typeof SORTED_CATEGORY_IDS)[number]

/**
 * What nobody has sorted yet: a note outside every zone, and the text of plain tldraw shapes.
 * No zone gives it, so it is last in every order.
 */
export const UNSORTED = 'unsorted'

export const CATEGORY_IDS = [...SORTED_CATEGORY_IDS, UNSORTED] as const
export const CategoryId = z.enum(CATEGORY_IDS)
export type CategoryId = z.infer<typeof CategoryId>

/** tldraw's named colours; a note's colour follows its category. */
export type CanvasColor =
  | 'black'
  | 'grey'
  | 'light-violet'
  | 'violet'
  | 'blue'
  | 'light-blue'
  | 'yellow'
  | 'orange'
  | 'green'
  | 'light-green'
  | 'light-red'
  | 'red'
  | 'white'

export interface ChoiceOption {
  value: string
  labels: Localized
}

export type FieldDefinition =
  | { key: string; kind: 'text'; labels: Localized; maxLength: number; multiline?: boolean }
  | { key: string; kind: 'choice'; labels: Localized; options: readonly ChoiceOption[]; defaultValue: string }
  | { key: string; kind: 'businessId'; labels: Localized }
  | { key: string; kind: 'municipalityCode'; labels: Localized }

export interface CategoryDefinition {
  id: CategoryId
  /** Canvas colour name, and the same colour as hex for exports. */
  color: CanvasColor
  hex: string
  /** A short symbol shown on the note and in lists (emoji need no icon font). */
  icon: string
  labels: Localized
  /** Plural heading for zones, lists and exports. */
  pluralLabels: Localized
  fields: readonly FieldDefinition[]
}

export const ACTOR_SECTORS: readonly ChoiceOption[] = [
  { value: 'municipality', labels: { fi: 'Kunta', sv: 'Kommun', en: 'Municipality' } },
  {
    value: 'education',
    labels: { fi: 'Koulutus ja tutkimus', sv: 'Utbildning och forskning', en: 'Education and research' },
  },
  { value: 'business', labels: { fi: 'Yritys', sv: 'Företag', en: 'Business' } },
  {
    value: 'development_company',
    labels: { fi: 'Kehittämisyhtiö', sv: 'Utvecklingsbolag', en: 'Development company' },
  },
  { value: 'state_authority', labels: { fi: 'Valtion viranomainen', sv: 'Statlig myndighet', en: 'State authority' } },
  { value: 'association', labels: { fi: 'Yhdistys', sv: 'Förening', en: 'Association' } },
  { value: 'other', labels: { fi: 'Muu', sv: 'Annan', en: 'Other' } },
]

export const NEED_KINDS: readonly ChoiceOption[] = [
  { value: 'competence', labels: { fi: 'Osaamistarve', sv: 'Kompetensbehov', en: 'Competence' } },
  { value: 'cooperation', labels: { fi: 'Yhteistyötarve', sv: 'Samarbetsbehov', en: 'Cooperation' } },
  { value: 'other', labels: { fi: 'Muu tarve', sv: 'Annat behov', en: 'Other' } },
]

export const CATEGORIES: readonly CategoryDefinition[] = [
  {
    id: 'strength',
    color: 'green',
    hex: '#099268',
    icon: '💪',
    labels: { fi: 'Vahvuus', sv: 'Styrka', en: 'Strength' },
    pluralLabels: { fi: 'Vahvuudet', sv: 'Styrkor', en: 'Strengths' },
    fields: [],
  },
  {
    id: 'need',
    color: 'orange',
    hex: '#e16919',
    icon: '🎯',
    labels: { fi: 'Tarve', sv: 'Behov', en: 'Need' },
    pluralLabels: { fi: 'Tarpeet', sv: 'Behov', en: 'Needs' },
    fields: [
      {
        key: 'kind',
        kind: 'choice',
        labels: { fi: 'Tarpeen laji', sv: 'Typ av behov', en: 'Kind of need' },
        options: NEED_KINDS,
        defaultValue: 'competence',
      },
    ],
  },
  {
    id: 'actor',
    color: 'blue',
    hex: '#4465e9',
    icon: '🏛️',
    labels: { fi: 'Toimija', sv: 'Aktör', en: 'Actor' },
    pluralLabels: { fi: 'Toimijat', sv: 'Aktörer', en: 'Actors' },
    fields: [
      { key: 'name', kind: 'text', labels: { fi: 'Nimi', sv: 'Namn', en: 'Name' }, maxLength: 200 },
      {
        key: 'sector',
        kind: 'choice',
        labels: { fi: 'Sektori', sv: 'Sektor', en: 'Sector' },
        options: ACTOR_SECTORS,
        defaultValue: 'other',
      },
      { key: 'businessId', kind: 'businessId', labels: { fi: 'Y-tunnus', sv: 'FO-nummer', en: 'Business ID' } },
      {
        key: 'municipalityCode',
        kind: 'municipalityCode',
        labels: { fi: 'Kuntanumero', sv: 'Kommunnummer', en: 'Municipality code' },
      },
    ],
  },
  {
    id: 'action',
    color: 'violet',
    hex: '#ae3ec9',
    icon: '🚀',
    labels: { fi: 'Toimenpide', sv: 'Åtgärd', en: 'Way forward' },
    pluralLabels: { fi: 'Toimenpiteet', sv: 'Åtgärder', en: 'Ways forward' },
    fields: [
      {
        key: 'owner',
        kind: 'text',
        labels: { fi: 'Vastuutoimija', sv: 'Ansvarig aktör', en: 'Owner' },
        maxLength: 200,
      },
      { key: 'timeframe', kind: 'text', labels: { fi: 'Aikataulu', sv: 'Tidtabell', en: 'Timeframe' }, maxLength: 100 },
    ],
  },
  {
    id: 'intent',
    color: 'light-blue',
    hex: '#4ba1f1',
    icon: '🤝',
    labels: { fi: 'Tahtolause', sv: 'Viljeyttring', en: 'Statement of intent' },
    pluralLabels: { fi: 'Tahtolauseet', sv: 'Viljeyttringar', en: 'Statements of intent' },
    fields: [
      {
        key: 'concretisation',
        kind: 'text',
        labels: { fi: 'Konkretisointi', sv: 'Konkretisering', en: 'Concretisation' },
        maxLength: 2000,
        multiline: true,
      },
    ],
  },
  {
    id: 'weakness',
    color: 'red',
    hex: '#e03131',
    icon: '⚠️',
    labels: { fi: 'Heikkous', sv: 'Svaghet', en: 'Weakness' },
    pluralLabels: { fi: 'Heikkoudet', sv: 'Svagheter', en: 'Weaknesses' },
    fields: [],
  },
  {
    id: 'opportunity',
    color: 'light-green',
    hex: '#4cb05e',
    icon: '🌱',
    labels: { fi: 'Mahdollisuus', sv: 'Möjlighet', en: 'Opportunity' },
    pluralLabels: { fi: 'Mahdollisuudet', sv: 'Möjligheter', en: 'Opportunities' },
    fields: [],
  },
  {
    id: 'threat',
    color: 'light-red',
    hex: '#f87777',
    icon: '⛈️',
    labels: { fi: 'Uhka', sv: 'Hot', en: 'Threat' },
    pluralLabels: { fi: 'Uhat', sv: 'Hot', en: 'Threats' },
    fields: [],
  },
  {
    id: UNSORTED,
    color: 'grey',
    hex: '#7d8590',
    icon: '📝',
    labels: { fi: 'Lajittelematon', sv: 'Osorterad', en: 'Unsorted' },
    pluralLabels: { fi: 'Lajittelemattomat', sv: 'Osorterade', en: 'Unsorted' },
    fields: [],
  },
]

const BY_ID = new Map(CATEGORIES.map((category) => [category.id, category]))

export function getCategory(id: CategoryId): CategoryDefinition {
  return BY_ID.get(id)!
}

export function categoryLabel(id: CategoryId, language: Language): string {
  return getCategory(id).labels[language]
}

function fieldSchema(field: FieldDefinition): z.ZodType<string | undefined> {
  switch (field.kind) {
    case 'text':
      return z.string().trim().max(field.maxLength).optional()
    case 'choice':
      return z.enum(field.options.map((option) => option.value) as [string, ...string[]]).optional()
    case 'businessId':
      return z
        .string()
        .trim()
        .refine((value) => value === '' || isValidBusinessId(value), {
          message: 'not a valid Finnish business ID (Y-tunnus)',
          params: { problem: 'invalid_business_id' },
        })
        .optional()
    case 'municipalityCode':
      return z
        .string()
        .trim()
        .refine((value) => value === '' || isValidMunicipalityCode(value), {
          message: 'a municipality code is three digits',
          params: { problem: 'invalid_municipality_code' },
        })
        .optional()
  }
}

const FIELD_SCHEMAS = new Map(
  CATEGORIES.map((category) => [
    category.id,
    z.strictObject(Object.fromEntries(category.fields.map((field) => [field.key, fieldSchema(field)]))),
  ]),
)

/** The zod schema of a category's fields: only its own keys, each validated by kind. */
export function categoryFieldsSchema(id: CategoryId): z.ZodType<Record<string, string | undefined>> {
  return FIELD_SCHEMAS.get(id)!
}

/**
 * One definition per field key across all categories, in registry order: the first category
 * to define a key gives its label. The notes table has a column for each (CSV export and import).
 */
export const FIELD_KEY_DEFINITIONS: readonly FieldDefinition[] = (() => {
  const byKey = new Map<string, FieldDefinition>()
  for (const field of CATEGORIES.flatMap((category) => category.fields))
    if (!byKey.has(field.key)) byKey.set(field.key, field)
  return [...byKey.values()]
})()
