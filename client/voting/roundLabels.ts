/** How rounds are named and described in the UI. */
import type { TLShape, TLStore } from 'tldraw'
import { getCategory } from '../../shared/categories.js'
import { ZONE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import type { Round, RoundScope, VotingState } from '../../shared/voting.js'
import type { Language, Translate } from '../i18n/index.js'

/** A round's title, or "Äänestys 2" (its number on the board) when it has none. */
export function roundName(round: Round, state: VotingState, t: Translate): string {
  if (round.title.trim()) return round.title.trim()
  const index = state.rounds.findIndex((candidate) => candidate.id === round.id)
  return t('voting.untitled', { number: index < 0 ? state.rounds.length + 1 : index + 1 })
}

/** What a round covers: the whole board, a category's plural name, or a zone's heading. */
export function scopeLabel(scope: RoundScope, store: TLStore, language: Language, t: Translate): string {
  switch (scope.kind) {
    case 'board':
      return t('voting.scopeBoard')
    case 'category':
      return getCategory(scope.category).pluralLabels[language]
    case 'zone': {
      const zone = store.get(scope.zoneId as TLShape['id'])
      return zone?.type === ZONE_SHAPE_TYPE ? zoneLabel(zone.props, language, t) : t('voting.scopeZoneLabel')
    }
  }
}

/** A zone's name as the canvas shows it: its heading, else its category's plural name. */
export function zoneLabel(
  props: { heading: string; category: Parameters<typeof getCategory>[0] | null },
  language: Language,
  t: Translate,
): string {
  if (props.heading.trim()) return props.heading.trim()
  return props.category ? getCategory(props.category).pluralLabels[language] : t('voting.scopeZoneLabel')
}
