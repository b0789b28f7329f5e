import type { SyntheticEvent } from 'react'
import { useValue } from 'tldraw'
import { shortText } from '../editor/focusShape.js'
import { useT } from '../i18n/index.js'
import type { VotingSession } from '../voting/VotingSession.js'
import { useVotingSession } from '../voting/VotingContext.js'

/** Keeps a press on a control from reaching the canvas, which would select or drag the note. */
const keepFromCanvas = (event: SyntheticEvent) => event.stopPropagation()
const CANVAS_HANDLERS = {
  onPointerDown: keepFromCanvas,
  onPointerUp: keepFromCanvas,
  // tldraw cancels touches on the canvas, which would swallow the tap's click.
  onTouchStart: keepFromCanvas,
  onTouchEnd: keepFromCanvas,
  onDoubleClick: keepFromCanvas,
}

/**
 * A note's vote control while an open round covers it and this person may vote: take a dot back,
 * their own dots on it, put a dot on it. Nothing otherwise (view links, other notes, no round).
 */
export function VoteControls(props: { noteId: string; text: string; onCanvas?: boolean }) {
  const session = useVotingSession()
  return session ? <VoteControlsOf session={session} {...props} /> : null
}

function VoteControlsOf(props: { session: VotingSession; noteId: string; text: string; onCanvas?: boolean }) {
  const t = useT()
  const { session, noteId } = props
  const votable = useValue('votable', () => session.canVoteOn(noteId), [session, noteId])
  const mine = useValue('my votes on note', () => session.myVotesOn(noteId), [session, noteId])
  if (!votable) return null
  const text = shortText(props.text, t('list.noText'), 80)
  return (
    <span className="tk-vote-controls" data-testid="vote-controls" {...(props.onCanvas ? CANVAS_HANDLERS : {})}>
      {/* Stays focusable at zero, so that taking the last dot back does not drop the focus. */}
      <button
        type="button"
        className="tk-vote-button"
        aria-label={t('voting.unvoteOn', { text })}
        aria-disabled={mine === 0}
        data-testid="unvote"
        onClick={() => {
          if (mine > 0) void session.vote(noteId, -1)
        }}
      >
        −
      </button>
      <span className="tk-vote-mine" data-testid="my-votes" data-count={mine}>
        <span aria-hidden="true">● {mine}</span>
        <span className="tk-visually-hidden">{t('voting.myVotesOn', { count: mine })}</span>
      </span>
      <button
        type="button"
        className="tk-vote-button tk-vote-plus"
        aria-label={t('voting.voteOn', { text })}
        data-testid="vote"
        onClick={() => void session.vote(noteId, 1)}
      >
        +
      </button>
    </span>
  )
}
