/**
 * Relations between notes. An arrow from one structured note to another is a relation; its kind
 * follows from the two categories (RELATION_RULES) unless someone chose another, which the arrow
 * keeps in meta.relationKind.
 */
import { z } from 'zod'
import type { CategoryId } from './categories.js'
import type { Localized } from './language.js'

/** Each kind of relation, as it reads between two notes; the kinds are its keys, in this order. */
export const RELATION_LABELS = {
  can_answer: { fi: 'voi vastata tarpeeseen', sv: 'kan svara på behovet', en: 'can answer' },
  cooperates: { fi: 'tekee yhteistyötä', sv: 'samarbetar med', en: 'cooperates with' },
  addresses: { fi: 'vastaa tarpeeseen', sv: 'svarar på behovet', en: 'addresses' },
  owns: { fi: 'vastaa toimenpiteestä', sv: 'ansvarar för åtgärden', en: 'owns' },
  concretises: { fi: 'konkretisoi', sv: 'konkretiserar', en: 'makes concrete' },
  supports: { fi: 'tukee', sv: 'stöder', en: 'supports' },
  related: { fi: 'liittyy', sv: 'hänger ihop med', en: 'is related to' },
} satisfies Record<string, Localized>

export type RelationKind = keyof typeof RELATION_LABELS
export const RELATION_KINDS = Object.keys(RELATION_LABELS) as readonly RelationKind[]
export const RelationKind = z.enum(RELATION_KINDS)

/** Meta key on an arrow shape that holds a relation kind someone chose by hand. */
export const RELATION_META_KEY = 'relationKind'

const RELATION_RULES: Partial<Record<CategoryId, Partial<Record<CategoryId, RelationKind>>>> = {
  actor: { need: 'can_answer', actor: 'cooperates', action: 'owns', intent: 'supports' },
  action: { need: 'addresses', intent: 'concretises', weakness: 'addresses', threat: 'addresses' },
  strength: { need: 'supports', opportunity: 'supports', action: 'supports' },
  opportunity: { need: 'supports', action: 'supports' },
}

/** The kind of relation an arrow from a note of one category to another means by default. */
export function defaultRelationKind(from: CategoryId, to: CategoryId): RelationKind {
  return RELATION_RULES[from]?.[to] ?? 'related'
}
