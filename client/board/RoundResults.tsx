import { useId } from 'react'
import { useValue } from 'tldraw'
import { categoryLabel } from '../../shared/categories.js'
import type { Round } from '../../shared/voting.js'
import { shortText } from '../editor/focusShape.js'
import { useLanguage, useT } from '../i18n/index.js'
import { useVotingSession } from '../voting/VotingContext.js'
import { ranks } from '../voting/votingState.js'
import { groupSplitText, groupsIn, VoteBar, VoteLegend, VotersByGroup, voteCount } from './VoteBar.js'

/**
 * A round's results as everyone may see them (from the document): notes ranked by votes, each
 * with its total, a bar split by stakeholder group and the split in words; the groups' legend;
 * how many of each group voted. Before a hidden round is revealed it says so and nothing more.
 * Every page shows the same words for the same round.
 */
export function RoundResults(props: { round: Round; name: string; headingLevel: 2 | 3 }) {
  const t = useT()
  const language = useLanguage()
  const id = useId()
  const session = useVotingSession()
  const results = props.round.results
  // The note's current words (a note edited since the last count); gone from the board: deleted.
  const texts = useValue(
    'result texts',
    () => results?.notes.map((note) => (note.deleted ? null : (session?.noteText(note.noteId) ?? null))) ?? [],
    [session, results],
  )
  const Heading = props.headingLevel === 2 ? 'h2' : 'h3'
  const SubHeading = props.headingLevel === 2 ? 'h3' : 'h4'

  return (
    <section className="tk-vote-results" aria-labelledby={`${id}-title`} data-testid="vote-results">
      <Heading id={`${id}-title`}>{t('voting.results', { name: props.name })}</Heading>
      {results === null ? <p className="tk-muted">{t('voting.resultsHidden')}</p> : null}
      {results !== null && results.notes.length === 0 ? <p className="tk-muted">{t('voting.noVotes')}</p> : null}
      {results !== null && results.notes.length > 0 ? (
        <>
          <p className="tk-vote-summary">{t('voting.summary', { voters: results.voters, votes: results.votesCast })}</p>
          <VoteLegend groups={groupsInAll(results.notes.map((note) => note.byGroup))} />
          <ol className="tk-vote-ranking" aria-label={t('voting.ranking')}>
            {rankedRows(results.notes.map((note) => note.total)).map(({ index, place, share }) => {
              const note = results.notes[index]!
              const text = texts[index] ?? null
              return (
                <li key={note.noteId} className="tk-vote-row" data-testid="vote-result" data-note-id={note.noteId}>
                  <span className="tk-vote-place">{t('voting.rankPlace', { place })}</span>
                  <span className="tk-vote-note">
                    {text === null ? (
                      <>
                        <em>{t('voting.deletedNote')}</em>
                        {note.category || note.text ? (
                          <span className="tk-muted" data-testid="deleted-note-text">
                            {' '}
                            {note.category ? `${categoryLabel(note.category, language)}: ` : null}
                            {shortText(note.text, '', 120)}
                          </span>
                        ) : null}
                      </>
                    ) : (
                      shortText(text, t('list.noText'), 200)
                    )}
                  </span>
                  <strong className="tk-vote-total">{voteCount(note.total, t)}</strong>
                  <VoteBar byGroup={note.byGroup} share={share} />
                  <span className="tk-vote-split">{groupSplitText(note.byGroup, language)}</span>
                </li>
              )
            })}
          </ol>
          <SubHeading id={`${id}-voters`}>{t('voting.votersByGroup')}</SubHeading>
          <VotersByGroup votersByGroup={results.votersByGroup} labelledBy={`${id}-voters`} testId="voters-by-group" />
        </>
      ) : null}
    </section>
  )
}

function groupsInAll(splits: readonly Readonly<Record<string, number>>[]): string[] {
  const total: Record<string, number> = {}
  for (const split of splits)
    for (const [group, count] of Object.entries(split)) total[group] = (total[group] ?? 0) + count
  return groupsIn(total)
}

/** Each note's place (ties share one) and its bar's length against the most voted note. */
function rankedRows(totals: readonly number[]): { index: number; place: number; share: number }[] {
  const places = ranks(totals)
  const most = Math.max(1, ...totals)
  return totals.map((total, index) => ({ index, place: places[index]!, share: total / most }))
}
