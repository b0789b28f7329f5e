import { useSvgExportContext, useValue } from 'tldraw'
import { groupSplitText, VoteBar, voteCount } from '../board/VoteBar.js'
import { VoteControls } from '../board/VoteControls.js'
import { useLanguage, useT } from '../i18n/index.js'
import type { NoteShape } from '../model/shapeProps.js'
import type { VotingSession } from '../voting/VotingSession.js'
import { useVotingSession } from '../voting/VotingContext.js'

/**
 * The foot of a note card in a vote: the note's result once it may be seen (a bar split by
 * stakeholder group, and the total as a number), and this person's vote control while a round
 * covers the note. Not drawn into image exports, which have no voting session anyway.
 */
export function NoteVotes({ shape }: { shape: NoteShape }) {
  const session = useVotingSession()
  const exporting = useSvgExportContext() !== null
  return session && !exporting ? <NoteVotesOf session={session} shape={shape} /> : null
}

function NoteVotesOf({ session, shape }: { session: VotingSession; shape: NoteShape }) {
  const t = useT()
  const language = useLanguage()
  const result = useValue('note result', () => session.resultOf(shape.id), [session, shape.id])
  const votable = useValue('votable', () => session.canVoteOn(shape.id), [session, shape.id])
  if (!result && !votable) return null
  return (
    <div className="tk-note-votes" data-testid="note-votes" data-note-id={shape.id}>
      {result ? (
        <>
          <VoteBar
            byGroup={result.byGroup}
            share={1}
            label={`${voteCount(result.total, t)}: ${groupSplitText(result.byGroup, language)}`}
          />
          <strong className="tk-note-vote-total" aria-hidden="true" data-testid="note-vote-total">
            {result.total}
          </strong>
        </>
      ) : (
        <span className="tk-note-votes-space" />
      )}
      <VoteControls noteId={shape.id} text={shape.props.text} onCanvas />
    </div>
  )
}
