import { useValue } from 'tldraw'
import type { FacilitationState } from '../../shared/facilitation.js'
import { useBoardContext } from '../board/BoardContext.js'
import { facilitationSignal } from './facilitationState.js'

/** The board's facilitation state; the component re-renders when it changes. */
export function useFacilitation(): FacilitationState {
  const { connection } = useBoardContext()
  const signal = facilitationSignal(connection.doc)
  return useValue('facilitation', () => signal.get(), [signal])
}
