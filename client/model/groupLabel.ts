import { ACTOR_SECTORS } from '../../shared/categories.js'
import { UNDISCLOSED_GROUP } from '../../shared/facilitation.js'
import type { Language, Translate } from '../i18n/index.js'

/** A stakeholder group's name in `language` (the actor sectors' own names, or "prefer not to say"). */
export function groupLabel(group: string, language: Language, t: Translate): string {
  if (group === UNDISCLOSED_GROUP) return t('group.undisclosed')
  return ACTOR_SECTORS.find((sector) => sector.value === group)?.labels[language] ?? group
}
