import { STAKEHOLDER_GROUPS, stakeholderGroupLabel } from '../../shared/facilitation.js'
import { type Language, type Translate, useLanguage, useT } from '../i18n/index.js'
import '../voting/voting.css'

/** The groups with votes in `byGroup`, in the model's order (groups the client does not know last). */
export function groupsIn(byGroup: Readonly<Record<string, number>>): string[] {
  const known = STAKEHOLDER_GROUPS.filter((group) => (byGroup[group] ?? 0) > 0)
  const unknown = Object.keys(byGroup).filter((group) => !STAKEHOLDER_GROUPS.includes(group) && byGroup[group]! > 0)
  return [...known, ...unknown]
}

/** "Kunta 3, Yritys 2": the split as words, for what a bar shows in patterns. */
export function groupSplitText(byGroup: Readonly<Record<string, number>>, language: Language): string {
  return groupsIn(byGroup)
    .map((group) => `${stakeholderGroupLabel(group, language)} ${byGroup[group]}`)
    .join(', ')
}

/** "1 ääni", "7 ääntä". */
export function voteCount(count: number, t: Translate): string {
  return count === 1 ? t('voting.voteCountOne') : t('voting.voteCountMany', { count })
}

/**
 * A horizontal bar of a note's votes, one segment per stakeholder group. Each group has its own
 * pattern as well as its colour (voting.css), so that the split reads in greyscale and without
 * telling colours apart; the legend and the words beside the bar name them. `share` is the bar's
 * length against the longest one (0–1). With a `label` the bar is an image of that name, else
 * it is decoration beside words that say the same.
 */
export function VoteBar(props: { byGroup: Readonly<Record<string, number>>; share: number; label?: string }) {
  const groups = groupsIn(props.byGroup)
  return (
    <span
      className="tk-vote-bar"
      {...(props.label ? { role: 'img', 'aria-label': props.label } : { 'aria-hidden': true })}
      data-testid="vote-bar"
    >
      <span className="tk-vote-bar-fill" style={{ width: `${Math.max(0, Math.min(1, props.share)) * 100}%` }}>
        {groups.map((group) => (
          <span key={group} className="tk-vote-segment" data-group={group} style={{ flexGrow: props.byGroup[group] }} />
        ))}
      </span>
    </span>
  )
}

/** The groups' patterns with their names. */
export function VoteLegend({ groups }: { groups: readonly string[] }) {
  const t = useT()
  const language = useLanguage()
  return (
    <ul className="tk-vote-legend" aria-label={t('voting.legend')} data-testid="vote-legend">
      {groups.map((group) => (
        <li key={group}>
          <span className="tk-vote-swatch" data-group={group} aria-hidden="true" />
          {stakeholderGroupLabel(group, language)}
        </li>
      ))}
    </ul>
  )
}

/** How many voted from each group, for the groups that did (in the model's order). */
export function VotersByGroup(props: {
  votersByGroup: Readonly<Record<string, number>>
  labelledBy: string
  testId: string
}) {
  const language = useLanguage()
  return (
    <ul className="tk-vote-voters" aria-labelledby={props.labelledBy} data-testid={props.testId}>
      {STAKEHOLDER_GROUPS.filter((group) => (props.votersByGroup[group] ?? 0) > 0).map((group) => (
        <li key={group} data-group={group}>
          <span className="tk-vote-swatch" data-group={group} aria-hidden="true" />
          {stakeholderGroupLabel(group, language)} <strong>{props.votersByGroup[group]}</strong>
        </li>
      ))}
    </ul>
  )
}
