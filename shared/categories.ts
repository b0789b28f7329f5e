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

/** A table of choices, one row each: the stored value, then its label in fi, sv and en. */
function choiceOptions(rows: readonly (readonly [string, string, string, string])[]): readonly ChoiceOption[] {
  return rows.map(([value, fi, sv, en]) => ({ value, labels: { fi, sv, en } }))
}

export const ACTOR_SECTORS: readonly ChoiceOption[] = choiceOptions([
  ['municipality', 'Kunta', 'Kommun', 'Municipality'],
  ['education', 'Koulutus ja tutkimus', 'Utbildning och forskning', 'Education and research'],
  ['business', 'Yritys', 'Företag', 'Business'],
  ['development_company', 'Kehittämisyhtiö', 'Utvecklingsbolag', 'Development company'],
  ['state_authority', 'Valtion viranomainen', 'Statlig myndighet', 'State authority'],
  ['association', 'Yhdistys', 'Förening', 'Association'],
  ['other', 'Muu', 'Annan', 'Other'],
])

export const NEED_KINDS: readonly ChoiceOption[] = choiceOptions([
  ['competence', 'Osaamistarve', 'Kompetensbehov', 'Competence'],
  ['cooperation', 'Yhteistyötarve', 'Samarbetsbehov', 'Cooperation'],
  ['other', 'Muu tarve', 'Annat behov', 'Other'],
])

/** A category's look and names: id, canvas colour, hex, icon, its label in fi, sv, en, its plural in fi, sv, en. */
type CategoryRow = readonly [CategoryId, CanvasColor, string, string, string, string, string, string, string, string]

// biome-ignore format: a table, one row per category, in registry order
const CATEGORY_ROWS: readonly CategoryRow[] = [
  ['strength',    'green',       '#099268', '💪',  'Vahvuus',        'Styrka',       'Strength',            'Vahvuudet',         'Styrkor',        'Strengths'],
  ['need',        'orange',      '#e16919', '🎯',  'Tarve',          'Behov',        'Need',                'Tarpeet',           'Behov',          'Needs'],
  ['actor',       'blue',        '#4465e9', '🏛️', 'Toimija',        'Aktör',        'Actor',               'Toimijat',          'Aktörer',        'Actors'],
  ['action',      'violet',      '#ae3ec9', '🚀',  'Toimenpide',     'Åtgärd',       'Way forward',         'Toimenpiteet',      'Åtgärder',       'Ways forward'],
  ['intent',      'light-blue',  '#4ba1f1', '🤝',  'Tahtolause',     'Viljeyttring', 'Statement of intent', 'Tahtolauseet',      'Viljeyttringar', 'Statements of intent'],
  ['weakness',    'red',         '#e03131', '⚠️', 'Heikkous',       'Svaghet',      'Weakness',            'Heikkoudet',        'Svagheter',      'Weaknesses'],
  ['opportunity', 'light-green', '#4cb05e', '🌱',  'Mahdollisuus',   'Möjlighet',    'Opportunity',         'Mahdollisuudet',    'Möjligheter',    'Opportunities'],
  ['threat',      'light-red',   '#f87777', '⛈️', 'Uhka',           'Hot',          'Threat',              'Uhat',              'Hot',            'Threats'],
  [UNSORTED,      'grey',        '#7d8590', '📝',  'Lajittelematon', 'Osorterad',    'Unsorted',            'Lajittelemattomat', 'Osorterade',     'Unsorted'],
]

/** The fields a note of a category has besides its text; a category not named here has none. */
const CATEGORY_FIELDS: Partial<Record<CategoryId, readonly FieldDefinition[]>> = {
  need: [
    {
      key: 'kind',
      kind: 'choice',
      labels: { fi: 'Tarpeen laji', sv: 'Typ av behov', en: 'Kind of need' },
      options: NEED_KINDS,
      defaultValue: 'competence',
    },
  ],
  actor: [
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
  action: [
    { key: 'owner', kind: 'text', labels: { fi: 'Vastuutoimija', sv: 'Ansvarig aktör', en: 'Owner' }, maxLength: 200 },
    { key: 'timeframe', kind: 'text', labels: { fi: 'Aikataulu', sv: 'Tidtabell', en: 'Timeframe' }, maxLength: 100 },
  ],
  intent: [
    {
      key: 'concretisation',
      kind: 'text',
      labels: { fi: 'Konkretisointi', sv: 'Konkretisering', en: 'Concretisation' },
      maxLength: 2000,
      multiline: true,
    },
  ],
}

export const CATEGORIES: readonly CategoryDefinition[] = CATEGORY_ROWS.map(
  ([id, color, hex, icon, fi, sv, en, pluralFi, pluralSv, pluralEn]) => ({
    id,
    color,
    hex,
    icon,
    labels: { fi, sv, en },
    pluralLabels: { fi: pluralFi, sv: pluralSv, en: pluralEn },
    fields: CATEGORY_FIELDS[id] ?? [],
  }),
)

const BY_ID = new Map(CATEGORIES.map((category) => [category.id, category]))

export function getCategory(id: CategoryId): CategoryDefinition {
  return BY_ID.get(id)!
}

export function categoryLabel(id: CategoryId, language: Language): string {
  return getCategory(id).labels[language]
}

/** An optional trimmed code that is either empty or passes `isValid`; `problem` names the failure for the UI. */
function codeSchema(
  isValid: (value: string) => boolean,
  message: string,
  problem: string,
): z.ZodType<string | undefined> {
  return z
    .string()
    .trim()
    .refine((value) => value === '' || isValid(value), { message, params: { problem } })
    .optional()
}

function fieldSchema(field: FieldDefinition): z.ZodType<string | undefined> {
  switch (field.kind) {
    case 'text':
      return z.string().trim().max(field.maxLength).optional()
    case 'choice':
      return z.enum(field.options.map((option) => option.value) as [string, ...string[]]).optional()
    case 'businessId':
      return codeSchema(isValidBusinessId, 'not a valid Finnish business ID (Y-tunnus)', 'invalid_business_id')
    case 'municipalityCode':
      return codeSchema(isValidMunicipalityCode, 'a municipality code is three digits', 'invalid_municipality_code')
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
