/** The board's facilitation state as everyone sees it: read from the document map the server writes. */
import { atom, type Signal } from 'tldraw'
import type * as Y from 'yjs'
import { FACILITATION_MAP_NAME, type FacilitationState, readFacilitation } from '../../shared/facilitation.js'

const signals = new WeakMap<Y.Doc, Signal<FacilitationState>>()

/**
 * A signal of the facilitation state of `doc`, updated whenever the server changes it. One per
 * document, observing for as long as the document lives (clients never write the map).
 */
export function facilitationSignal(doc: Y.Doc): Signal<FacilitationState> {
  const existing = signals.get(doc)
  if (existing) return existing
  const map = doc.getMap<unknown>(FACILITATION_MAP_NAME)
  const state = atom<FacilitationState>('facilitation', readFacilitation(map))
  map.observe(() => state.set(readFacilitation(map)))
  signals.set(doc, state)
  return state
}
