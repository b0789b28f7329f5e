import { type FormEvent, useEffect, useId, useState } from 'react'
import type { Editor } from 'tldraw'
import { type FacilitationCommand, TIMER_MAX_MS } from '../../shared/facilitation.js'
import { sendFacilitationCommand } from '../api.js'
import { CheckboxField } from '../components/CheckboxField.js'
import { WholeNumberInput } from '../components/WholeNumberInput.js'
import { formatCountdown } from '../facilitation/timerFormat.js'
import { useFacilitation } from '../facilitation/useFacilitation.js'
import { useT } from '../i18n/index.js'
import { useBoardContext } from './BoardContext.js'
import { Panel } from './Panel.js'

const PRESET_MINUTES = [5, 10, 15] as const
const MAX_MINUTES = TIMER_MAX_MS / 60_000

type SwitchKey = 'frozen' | 'anonymous' | 'peopleVisible'

/**
 * The facilitator's controls for a live workshop: freeze, anonymous round, whether participants
 * see who is here, the shared timer, and bringing everyone to the facilitator's view. Each
 * control sends one command; what it shows comes from the board's document, which the server
 * updates for everyone at once.
 */
export function FacilitationPanel({ editor, onClose }: { editor: Editor | null; onClose: () => void }) {
  const t = useT()
  const ids = useId()
  const { board, token } = useBoardContext()
  const state = useFacilitation()
  const [busy, setBusy] = useState(false)
  const [failed, setFailed] = useState(false)
  const [minutes, setMinutes] = useState('10')
  // A switch shows its new position at once, until the document confirms it (or the command fails).
  const [pending, setPending] = useState<Partial<Record<SwitchKey, boolean>>>({})
  const shown = (key: SwitchKey) => pending[key] ?? state[key]
  useEffect(() => {
    setPending((current) => {
      const left = Object.fromEntries(
        Object.entries(current).filter(([key, value]) => state[key as SwitchKey] !== value),
      )
      return Object.keys(left).length === Object.keys(current).length ? current : left
    })
  }, [state])

  // Controls stay enabled while a command is under way (a disabled button would drop the
  // keyboard focus); a second press meanwhile is ignored.
  const send = async (command: FacilitationCommand, switched?: { key: SwitchKey; value: boolean }) => {
    if (busy) return
    setBusy(true)
    setFailed(false)
    if (switched) setPending((current) => ({ ...current, [switched.key]: switched.value }))
    const result = await sendFacilitationCommand(board.id, token, command)
    setBusy(false)
    if (!result.ok) {
      setFailed(true)
      if (switched) setPending(({ [switched.key]: _dropped, ...rest }) => rest)
    }
  }
  const startTimer = (count: number) =>
    void send({ type: 'timerStart', durationMs: Math.round(Math.min(MAX_MINUTES, Math.max(1, count)) * 60_000) })
  const submitMinutes = (event: FormEvent) => {
    event.preventDefault()
    const count = Number(minutes.replace(',', '.'))
    if (Number.isFinite(count) && count > 0) startTimer(count)
  }
  const follow = (mode: 'once' | 'follow') => {
    if (!editor) return
    void send({ type: 'follow', mode, userId: editor.user.getRecordId(), name: editor.user.getName() })
  }
  const { timer } = state
  const following = state.follow.mode === 'follow'

  return (
    <Panel
      className="tk-facilitation"
      testId="facilitation-panel"
      title={t('facilitation.title')}
      closeLabel={t('facilitation.close')}
      busy={busy}
      onClose={onClose}
    >
      <fieldset className="tk-fieldset tk-facilitation-group">
        <legend>{t('facilitation.roomLegend')}</legend>
        <CheckboxField
          asSwitch
          checked={shown('frozen')}
          label={t('facilitation.freeze')}
          hint={t('facilitation.freezeHint')}
          testId="toggle-freeze"
          onChange={(frozen) => void send({ type: 'freeze', frozen }, { key: 'frozen', value: frozen })}
        />
        <CheckboxField
          asSwitch
          checked={shown('anonymous')}
          label={t('facilitation.anonymous')}
          hint={t('facilitation.anonymousHint')}
          testId="toggle-anonymous"
          onChange={(on) => void send({ type: 'anonymous', on }, { key: 'anonymous', value: on })}
        />
        <CheckboxField
          asSwitch
          checked={shown('peopleVisible')}
          label={t('facilitation.peopleVisible')}
          hint={t('facilitation.peopleVisibleHint')}
          testId="toggle-people-visible"
          onChange={(visible) =>
            void send({ type: 'peopleVisible', visible }, { key: 'peopleVisible', value: visible })
          }
        />
      </fieldset>

      <fieldset className="tk-fieldset tk-facilitation-group" data-testid="timer-controls">
        <legend>{t('facilitation.timerLegend')}</legend>
        {timer.status === 'idle' ? (
          <>
            <div className="tk-actions">
              {PRESET_MINUTES.map((count) => (
                <button
                  key={count}
                  type="button"
                  className="tk-button tk-button-secondary"
                  onClick={() => startTimer(count)}
                >
                  {t('facilitation.timerPreset', { minutes: count })}
                </button>
              ))}
            </div>
            <form className="tk-facilitation-minutes" onSubmit={submitMinutes}>
              <label htmlFor={`${ids}-minutes`}>{t('facilitation.timerMinutes')}</label>
              <WholeNumberInput
                id={`${ids}-minutes`}
                name="minutes"
                min={1}
                max={MAX_MINUTES}
                value={minutes}
                onChange={setMinutes}
              />
              <button type="submit" className="tk-button">
                {t('facilitation.timerStart')}
              </button>
            </form>
          </>
        ) : (
          <>
            <p className="tk-muted">
              {timer.status === 'paused'
                ? t('facilitation.timerPausedAt', { time: formatCountdown(timer.remainingMs) })
                : t('facilitation.timerRunning')}
            </p>
            <div className="tk-actions">
              {timer.status === 'running' ? (
                <button type="button" className="tk-button" onClick={() => void send({ type: 'timerPause' })}>
                  {t('facilitation.timerPause')}
                </button>
              ) : (
                <button type="button" className="tk-button" onClick={() => void send({ type: 'timerResume' })}>
                  {t('facilitation.timerResume')}
                </button>
              )}
              <button
                type="button"
                className="tk-button tk-button-secondary"
                onClick={() => void send({ type: 'timerAdd', ms: 60_000 })}
              >
                {t('facilitation.timerAddMinute')}
              </button>
              <button
                type="button"
                className="tk-button tk-button-secondary"
                onClick={() => void send({ type: 'timerReset' })}
              >
                {t('facilitation.timerReset')}
              </button>
            </div>
          </>
        )}
      </fieldset>

      <fieldset className="tk-fieldset tk-facilitation-group" disabled={!editor}>
        <legend>{t('facilitation.followLegend')}</legend>
        <div className="tk-actions">
          <button type="button" className="tk-button tk-button-secondary" onClick={() => follow('once')}>
            {t('facilitation.bringHere')}
          </button>
          {following ? (
            <button
              type="button"
              className="tk-button"
              aria-describedby={`${ids}-following`}
              onClick={() => void send({ type: 'followRelease' })}
            >
              {t('facilitation.release')}
            </button>
          ) : (
            <button type="button" className="tk-button" onClick={() => follow('follow')}>
              {t('facilitation.followMe')}
            </button>
          )}
        </div>
        {following ? (
          <p id={`${ids}-following`} className="tk-muted">
            {t('facilitation.followingNow')}
          </p>
        ) : null}
      </fieldset>

      <div role="status" aria-live="polite" data-testid="facilitation-result">
        {failed ? <p className="tk-error">{t('facilitation.failed')}</p> : null}
      </div>
    </Panel>
  )
}
