import { useCallback, useId, useState } from 'react'
import { useValue } from 'tldraw'
import { formatDate } from '../../shared/language.js'
import {
  type OpenRoundRequest,
  type Round,
  resultsVisible,
  roundEndsAt,
  type VotingState,
} from '../../shared/voting.js'
import type { ApiResult } from '../api.js'
import { useLanguage, useT } from '../i18n/index.js'
import { roundName, scopeLabel } from '../voting/roundLabels.js'
import { useLiveRounds } from '../voting/useLiveRounds.js'
import { changeRound, openRound } from '../voting/votingApi.js'
import { useVotingSession } from '../voting/VotingContext.js'
import type { VotingSession } from '../voting/VotingSession.js'
import { useBoardContext } from './BoardContext.js'
import { OpenRoundForm } from './OpenRoundForm.js'
import { Panel } from './Panel.js'
import { ResultsPresentation } from './ResultsPresentation.js'
import { RoundResults } from './RoundResults.js'
import { VotersByGroup } from './VoteBar.js'

/**
 * Dot voting for everyone: the open round (its rules, and the votes this person has left), the
 * results of a round once they may be seen, and the earlier rounds. A facilitator also opens a
 * round, follows how many of each group have voted, reveals and ends it, and shows the results
 * on the shared screen.
 */
export function VotingPanel({ onClose }: { onClose: () => void }) {
  const session = useVotingSession()
  return session ? <VotingPanelOf session={session} onClose={onClose} /> : null
}

function VotingPanelOf({ session, onClose }: { session: VotingSession; onClose: () => void }) {
  const t = useT()
  const ids = useId()
  const { board, token, role } = useBoardContext()
  const state = useValue('voting', () => session.state.get(), [session])
  const active = useValue('active round', () => session.active.get(), [session])
  const isFacilitator = role === 'facilitator'
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [failed, setFailed] = useState(false)
  const [presenting, setPresenting] = useState(false)
  const stopPresenting = useCallback(() => setPresenting(false), [])

  const shown = state.rounds.find((round) => round.id === selectedId) ?? defaultShownRound(state)
  const past = state.rounds.filter((round) => round.id !== active?.id).reverse()

  // A second press while a command is under way is ignored (a disabled button would drop the focus).
  const run = async (command: () => Promise<ApiResult<Round>>) => {
    if (busy) return
    setBusy(true)
    setFailed(false)
    const result = await command()
    setBusy(false)
    if (!result.ok) setFailed(true)
    else setSelectedId(null)
  }
  const open = (request: OpenRoundRequest) => void run(() => openRound(board.id, token, request))
  const change = (round: Round, what: 'reveal' | 'close') =>
    void run(() => changeRound(board.id, token, round.id, what))

  return (
    <Panel
      className="tk-voting"
      testId="voting-panel"
      title={t('voting.title')}
      closeLabel={t('voting.close')}
      busy={busy}
      onClose={onClose}
    >
      {active ? (
        <ActiveRound session={session} round={active} state={state} onChange={change} />
      ) : isFacilitator ? (
        <OpenRoundForm busy={busy} onOpen={open} />
      ) : (
        <p className="tk-muted">{state.rounds.length === 0 ? t('voting.noRounds') : t('voting.noActive')}</p>
      )}

      {shown ? (
        <>
          <RoundResults round={shown} name={roundName(shown, state, t)} headingLevel={3} />
          {isFacilitator && shown.results !== null ? (
            <div className="tk-actions">
              <button
                type="button"
                className="tk-button tk-button-secondary"
                data-testid="present-results"
                onClick={() => setPresenting(true)}
              >
                {t('voting.present')}
              </button>
            </div>
          ) : null}
        </>
      ) : null}

      {past.length > 0 ? (
        <>
          <h3 id={`${ids}-rounds`}>{t('voting.rounds')}</h3>
          <ul className="tk-row-list" aria-labelledby={`${ids}-rounds`} data-testid="vote-rounds">
            {past.map((round) => (
              <PastRound
                key={round.id}
                session={session}
                round={round}
                name={roundName(round, state, t)}
                selected={round.id === shown?.id}
                canReveal={isFacilitator}
                onShow={() => setSelectedId(round.id)}
                onReveal={() => change(round, 'reveal')}
              />
            ))}
          </ul>
        </>
      ) : null}

      <div role="status" aria-live="polite" data-testid="voting-result">
        {failed ? <p className="tk-error">{t('voting.failed')}</p> : null}
      </div>
      {presenting && shown ? (
        <ResultsPresentation round={shown} name={roundName(shown, state, t)} onClose={stopPresenting} />
      ) : null}
    </Panel>
  )
}

/** The latest round whose results this page may see, else the latest round (which says they are hidden). */
function defaultShownRound(state: VotingState): Round | null {
  return state.rounds.findLast((round) => round.results !== null) ?? state.rounds.at(-1) ?? null
}

/** The open round: what it covers and its rules; for a voter their votes left; for a facilitator the live count. */
function ActiveRound(props: {
  session: VotingSession
  round: Round
  state: VotingState
  onChange: (round: Round, change: 'reveal' | 'close') => void
}) {
  const t = useT()
  const language = useLanguage()
  const ids = useId()
  const { board, token, role, store, identity } = useBoardContext()
  const { session, round } = props
  const mine = useValue('my votes', () => session.mine.get(), [session])
  const timer = useValue('workshop timer', () => session.timer.get(), [session])
  const endsAt = roundEndsAt(round, timer)
  const remaining = mine?.roundId === round.id ? mine.remaining : null
  const isFacilitator = role === 'facilitator'

  return (
    <section className="tk-voting-section" aria-labelledby={`${ids}-title`} data-testid="active-round">
      <h3 id={`${ids}-title`}>{t('voting.activeTitle', { name: roundName(round, props.state, t) })}</h3>
      <p>{t('voting.scopeIs', { scope: scopeLabel(round.scope, store, language, t) })}</p>
      <p>{t('voting.rules', { votes: round.votesPerParticipant, perNote: round.maxVotesPerNote })}</p>
      {round.endsWithTimer || endsAt !== null ? (
        <p data-testid="round-ends">
          {round.endsWithTimer ? t('voting.endsWithTimer') : null}
          {round.endsWithTimer && endsAt !== null ? ' ' : null}
          {endsAt !== null
            ? t('voting.endsAt', { time: new Date(endsAt).toLocaleTimeString(language, { timeStyle: 'short' }) })
            : null}
        </p>
      ) : null}
      <p className="tk-muted">{t(resultsVisible(round) ? 'voting.resultsLiveRule' : 'voting.resultsHiddenRule')}</p>
      {role === 'view' ? (
        <p className="tk-muted">{t('voting.viewOnly')}</p>
      ) : identity === null ? (
        <p className="tk-muted">{t('voting.noIdentity')}</p>
      ) : (
        <>
          {remaining !== null ? (
            <p>
              <strong data-testid="panel-votes-left">
                {t('voting.votesLeft', { remaining, total: round.votesPerParticipant })}
              </strong>
            </p>
          ) : null}
          <p className="tk-muted">{t('voting.howTo')}</p>
        </>
      )}
      {isFacilitator ? (
        <>
          <LiveCount boardId={board.id} token={token} roundId={round.id} />
          <div className="tk-actions">
            <RevealButton round={round} onReveal={() => props.onChange(round, 'reveal')} />
            <button
              type="button"
              className="tk-button tk-button-secondary"
              onClick={() => props.onChange(round, 'close')}
            >
              {t('voting.endRound')}
            </button>
          </div>
        </>
      ) : null}
    </section>
  )
}

/**
 * How many identities of each group have voted in the open round, as the server counts them for
 * the facilitator (hidden rounds too): only who voted, never the notes' counts, so the panel can
 * be on the shared screen before the reveal.
 */
function LiveCount(props: { boardId: string; token: string; roundId: string }) {
  const t = useT()
  const ids = useId()
  const live = useLiveRounds(props.boardId, props.token)
  const results = live.status === 'ready' ? live.rounds.find((round) => round.id === props.roundId)?.results : null
  return (
    <div data-testid="live-count">
      {results ? (
        <>
          <p>
            <strong data-testid="voters-live">{t('voting.votersLive', { count: results.voters })}</strong>
            {' · '}
            {t('voting.votesCastLive', { count: results.votesCast })}
          </p>
          <h4 id={`${ids}-groups`}>{t('voting.votersByGroup')}</h4>
          {results.voters === 0 ? (
            <p className="tk-muted">{t('voting.votersByGroupNone')}</p>
          ) : (
            <VotersByGroup
              votersByGroup={results.votersByGroup}
              labelledBy={`${ids}-groups`}
              testId="live-voters-by-group"
            />
          )}
        </>
      ) : null}
      <div role="status" aria-live="polite">
        {live.status === 'failed' ? <p className="tk-error">{t('voting.liveFailed')}</p> : null}
      </div>
    </div>
  )
}

function PastRound(props: {
  session: VotingSession
  round: Round
  name: string
  selected: boolean
  canReveal: boolean
  onShow: () => void
  onReveal: () => void
}) {
  const t = useT()
  const language = useLanguage()
  const { round, session } = props
  const open = useValue('round open', () => session.isOpen(round), [session, round])
  const hidden = !resultsVisible(round)
  const status = [t(open ? 'voting.statusOpen' : 'voting.statusClosed'), ...(hidden ? [t('voting.statusHidden')] : [])]
  return (
    <li className="tk-vote-round" data-testid="vote-round">
      <span className="tk-vote-round-text">
        <strong>{props.name}</strong>
        <span className="tk-muted">
          {t('voting.roundMeta', {
            status: status.join(', '),
            date: formatDate(round.openedAt, language, 'dayAndTime'),
          })}
        </span>
      </span>
      <span className="tk-actions">
        {props.canReveal ? (
          <RevealButton round={round} label={t('voting.revealRound', { name: props.name })} onReveal={props.onReveal} />
        ) : null}
        <button
          type="button"
          className="tk-button tk-button-secondary"
          aria-pressed={props.selected}
          aria-label={t('voting.showResultsOf', { name: props.name })}
          onClick={props.onShow}
        >
          {t('voting.showResults')}
        </button>
      </span>
    </li>
  )
}

/** Reveal for a round whose results are hidden until then; nothing once everyone may see them. */
function RevealButton(props: { round: Round; label?: string; onReveal: () => void }) {
  const t = useT()
  if (resultsVisible(props.round)) return null
  return (
    <button type="button" className="tk-button" aria-label={props.label} onClick={props.onReveal}>
      {t('voting.reveal')}
    </button>
  )
}
