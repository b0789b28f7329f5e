import { useEffect, useState } from 'react'
import { useValue } from 'tldraw'
import { type Translate, useT } from '../i18n/index.js'
import type { VoteNotice, VotingSession } from '../voting/VotingSession.js'
import { useVotingSession } from '../voting/VotingContext.js'

/** How long a message about a vote stays: a refusal long enough to read twice. */
const NOTICE_MS = { done: 3500, refused: 9000 } as const

/**
 * In the header while a round is open: how many votes this person has left. Below the canvas:
 * what their last vote did, a refusal read out at once (alert), a success politely.
 */
export function VotingStatus() {
  const session = useVotingSession()
  return session ? <VotingStatusOf session={session} /> : null
}

function VotingStatusOf({ session }: { session: VotingSession }) {
  const t = useT()
  const active = useValue('active round', () => session.active.get(), [session])
  const canVote = useValue('can vote', () => session.canVote.get(), [session])
  const mine = useValue('my votes', () => session.mine.get(), [session])
  const notice = useValue('vote notice', () => session.notice.get(), [session])
  const [shown, setShown] = useState<VoteNotice | null>(null)
  useEffect(() => {
    if (!notice) return
    setShown(notice)
    const timer = setTimeout(
      () => setShown((current) => (current?.seq === notice.seq ? null : current)),
      notice.kind === 'refused' ? NOTICE_MS.refused : NOTICE_MS.done,
    )
    return () => clearTimeout(timer)
  }, [notice])
  if (!canVote) return null
  const remaining = active && mine?.roundId === active.id ? mine.remaining : null

  return (
    <>
      {active && remaining !== null ? (
        <span className="tk-badge tk-votes-left" data-testid="votes-left" data-remaining={remaining}>
          <span aria-hidden="true">●</span>
          {t('voting.votesLeft', { remaining, total: active.votesPerParticipant })}
        </span>
      ) : null}
      <div className="tk-vote-notices">
        <div role="alert" data-testid="vote-refusal">
          {shown?.kind === 'refused' ? (
            <p className="tk-vote-notice tk-vote-notice-error" data-testid="vote-notice" data-reason={shown.reason}>
              <span data-testid="vote-notice-text">{noticeText(shown, t)}</span>
              <button type="button" className="tk-button tk-button-secondary" onClick={() => setShown(null)}>
                {t('voting.dismiss')}
              </button>
            </p>
          ) : null}
        </div>
        <div role="status" aria-live="polite">
          {shown && shown.kind !== 'refused' ? (
            <p className="tk-vote-notice" data-testid="vote-notice">
              <span data-testid="vote-notice-text">{noticeText(shown, t)}</span>
            </p>
          ) : null}
        </div>
      </div>
    </>
  )
}

function noticeText(notice: VoteNotice, t: Translate): string {
  switch (notice.kind) {
    case 'voted':
      return t('voting.voted', { remaining: notice.remaining, total: notice.total })
    case 'unvoted':
      return t('voting.unvoted', { remaining: notice.remaining, total: notice.total })
    case 'refused':
      return t(`voting.refused.${notice.reason}`)
  }
}
