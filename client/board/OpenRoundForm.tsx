import { type FormEvent, useId, useState } from 'react'
import { useValue } from 'tldraw'
import { CATEGORIES, type CategoryId } from '../../shared/categories.js'
import { ZONE_SHAPE_TYPE } from '../../shared/canvasShapes.js'
import { MAX_VOTES_PER_PARTICIPANT, type OpenRoundRequest, type RoundScope } from '../../shared/voting.js'
import { CheckboxField } from '../components/CheckboxField.js'
import { FormField } from '../components/FormField.js'
import { WholeNumberInput } from '../components/WholeNumberInput.js'
import { useFacilitation } from '../facilitation/useFacilitation.js'
import { useLanguage, useT } from '../i18n/index.js'
import type { ZoneShape } from '../model/shapeProps.js'
import { zoneLabel } from '../voting/roundLabels.js'
import { useBoardContext } from './BoardContext.js'

type ScopeKind = RoundScope['kind']

/** A whole number in [min, max] from what was typed, or null. */
function wholeNumber(text: string, min: number, max: number): number | null {
  const value = Number(text.trim())
  return Number.isInteger(value) && value >= min && value <= max ? value : null
}

/**
 * The facilitator's form for a new round: title, what it covers (the board, a category, a zone),
 * votes per person and per note, hidden until revealed, and ending with the workshop timer.
 */
export function OpenRoundForm(props: { busy: boolean; onOpen: (request: OpenRoundRequest) => void }) {
  const t = useT()
  const language = useLanguage()
  const ids = useId()
  const { store } = useBoardContext()
  const { timer } = useFacilitation()
  const zones = useValue(
    'category zones',
    () =>
      store.query
        .records('shape', () => ({ type: { eq: ZONE_SHAPE_TYPE } }))
        .get()
        .filter((zone): zone is ZoneShape => zone.type === ZONE_SHAPE_TYPE && zone.props.kind === 'category'),
    [store],
  )
  const [title, setTitle] = useState('')
  const [scopeKind, setScopeKind] = useState<ScopeKind>('board')
  const [category, setCategory] = useState<CategoryId>(CATEGORIES[0]!.id)
  const [zoneId, setZoneId] = useState('')
  const [votes, setVotes] = useState('3')
  const [perNote, setPerNote] = useState('1')
  const [hidden, setHidden] = useState(true)
  const [endWithTimer, setEndWithTimer] = useState(false)
  const [checked, setChecked] = useState(false)

  const votesValue = wholeNumber(votes, 1, MAX_VOTES_PER_PARTICIPANT)
  const perNoteValue = wholeNumber(perNote, 1, MAX_VOTES_PER_PARTICIPANT)
  const votesError = votesValue === null ? t('voting.numberRange', { min: 1, max: MAX_VOTES_PER_PARTICIPANT }) : null
  const perNoteError =
    perNoteValue === null
      ? t('voting.numberRange', { min: 1, max: MAX_VOTES_PER_PARTICIPANT })
      : votesValue !== null && perNoteValue > votesValue
        ? t('voting.maxPerNoteTooHigh', { votes: votesValue })
        : null
  const chosenZone = zones.find((zone) => zone.id === zoneId) ?? zones[0] ?? null
  const timerRunning = timer.status === 'running'

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setChecked(true)
    if (votesValue === null || perNoteValue === null || perNoteError !== null) {
      // The first field to fix takes the focus.
      const name = votesError ? 'votesPerParticipant' : 'maxVotesPerNote'
      event.currentTarget.querySelector<HTMLElement>(`[name="${name}"]`)?.focus()
      return
    }
    const scope: RoundScope =
      scopeKind === 'category'
        ? { kind: 'category', category }
        : scopeKind === 'zone' && chosenZone
          ? { kind: 'zone', zoneId: chosenZone.id }
          : { kind: 'board' }
    props.onOpen({
      title: title.trim(),
      scope,
      votesPerParticipant: votesValue,
      maxVotesPerNote: perNoteValue,
      hiddenUntilReveal: hidden,
      endWithTimer: endWithTimer && timerRunning,
    })
  }

  return (
    <form
      className="tk-vote-form"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${ids}-title`}
      data-testid="open-round-form"
    >
      <h3 id={`${ids}-title`}>{t('voting.newRound')}</h3>
      <FormField label={t('voting.roundTitle')}>
        {(control) => (
          <input
            {...control}
            name="title"
            maxLength={200}
            value={title}
            placeholder={t('voting.roundTitlePlaceholder')}
            onChange={(event) => setTitle(event.target.value)}
          />
        )}
      </FormField>

      <fieldset className="tk-fieldset">
        <legend>{t('voting.scope')}</legend>
        {(['board', 'category', 'zone'] as const).map((kind) => (
          <label key={kind} className="tk-vote-radio">
            <input
              type="radio"
              name="scope"
              value={kind}
              checked={scopeKind === kind}
              disabled={kind === 'zone' && zones.length === 0}
              onChange={() => setScopeKind(kind)}
            />
            {t(
              kind === 'board'
                ? 'voting.scopeBoard'
                : kind === 'category'
                  ? 'voting.scopeCategory'
                  : 'voting.scopeZone',
            )}
          </label>
        ))}
        {zones.length === 0 ? <p className="tk-muted">{t('voting.noZones')}</p> : null}
        {scopeKind === 'category' ? (
          <FormField label={t('voting.scopeCategoryLabel')}>
            {(control) => (
              <select
                {...control}
                name="category"
                value={category}
                onChange={(event) => setCategory(event.target.value as CategoryId)}
              >
                {CATEGORIES.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.pluralLabels[language]}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        ) : null}
        {scopeKind === 'zone' && chosenZone ? (
          <FormField label={t('voting.scopeZoneLabel')}>
            {(control) => (
              <select
                {...control}
                name="zone"
                value={chosenZone.id}
                onChange={(event) => setZoneId(event.target.value)}
              >
                {zones.map((zone) => (
                  <option key={zone.id} value={zone.id}>
                    {zoneLabel(zone.props, language, t)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        ) : null}
      </fieldset>

      <div className="tk-vote-numbers">
        <VoteCountField
          label={t('voting.votesPerParticipant')}
          error={checked ? votesError : null}
          name="votesPerParticipant"
          max={MAX_VOTES_PER_PARTICIPANT}
          value={votes}
          onChange={setVotes}
        />
        <VoteCountField
          label={t('voting.maxVotesPerNote')}
          error={checked ? perNoteError : null}
          name="maxVotesPerNote"
          max={votesValue ?? MAX_VOTES_PER_PARTICIPANT}
          value={perNote}
          onChange={setPerNote}
        />
      </div>

      <CheckboxField
        checked={hidden}
        label={t('voting.hidden')}
        hint={t('voting.hiddenHint')}
        name="hiddenUntilReveal"
        onChange={setHidden}
      />
      <CheckboxField
        checked={endWithTimer && timerRunning}
        disabled={!timerRunning}
        label={t('voting.endWithTimer')}
        hint={t(timerRunning ? 'voting.endWithTimerHint' : 'voting.endWithTimerIdle')}
        name="endWithTimer"
        onChange={setEndWithTimer}
      />
      <div className="tk-actions">
        <button type="submit" className="tk-button" aria-disabled={props.busy}>
          {t('voting.start')}
        </button>
      </div>
    </form>
  )
}

/** A number of votes, from one up to `max`, as typed (the form checks it). */
function VoteCountField(props: {
  label: string
  error: string | null
  name: string
  max: number
  value: string
  onChange: (value: string) => void
}) {
  return (
    <FormField label={props.label} error={props.error}>
      {(control) => (
        <WholeNumberInput
          {...control}
          name={props.name}
          min={1}
          max={props.max}
          value={props.value}
          onChange={props.onChange}
        />
      )}
    </FormField>
  )
}
