import { assertNever } from '../../shared/assertNever.js'
import {
  type FacilitationCommand,
  type FacilitationState,
  TIMER_MAX_MS,
  type TimerState,
  timerRemainingMs,
} from '../../shared/facilitation.js'

const clampDuration = (ms: number) => Math.min(TIMER_MAX_MS, Math.max(0, ms))

function nextTimer(timer: TimerState, command: FacilitationCommand, now: number): TimerState {
  switch (command.type) {
    case 'timerStart':
      return { status: 'running', endsAt: now + command.durationMs, durationMs: command.durationMs }
    case 'timerPause':
      return timer.status === 'running'
        ? { status: 'paused', remainingMs: timerRemainingMs(timer, now), durationMs: timer.durationMs }
        : timer
    case 'timerResume':
      return timer.status === 'paused'
        ? { status: 'running', endsAt: now + timer.remainingMs, durationMs: timer.durationMs }
        : timer
    case 'timerAdd': {
      // Adding to a timer that is not set starts one of that length.
      if (timer.status === 'idle') {
        return command.ms > 0 ? { status: 'running', endsAt: now + command.ms, durationMs: command.ms } : timer
      }
      const remainingMs = clampDuration(timerRemainingMs(timer, now) + command.ms)
      const durationMs = clampDuration(timer.durationMs + command.ms)
      return timer.status === 'running'
        ? { status: 'running', endsAt: now + remainingMs, durationMs }
        : { status: 'paused', remainingMs, durationMs }
    }
    case 'timerReset':
      return { status: 'idle' }
    default:
      return timer
  }
}

/** The facilitation state after a facilitator's command, with times in the server's clock `now`. */
export function applyFacilitationCommand(
  state: FacilitationState,
  command: FacilitationCommand,
  now: number,
): FacilitationState {
  switch (command.type) {
    case 'freeze':
      return { ...state, frozen: command.frozen }
    case 'anonymous':
      return { ...state, anonymous: command.on }
    case 'peopleVisible':
      return { ...state, peopleVisible: command.visible }
    case 'timerStart':
    case 'timerPause':
    case 'timerResume':
    case 'timerAdd':
    case 'timerReset':
      return { ...state, timer: nextTimer(state.timer, command, now) }
    case 'follow':
      return { ...state, follow: { mode: command.mode, userId: command.userId, name: command.name, issuedAt: now } }
    case 'followRelease':
      return { ...state, follow: { mode: 'none' } }
    default:
      return assertNever(command, 'facilitation command')
  }
}
