/** The board's facilitation state as everyone sees it: read from the document map the server writes. */
import { atom, type Signal } from 'tldraw'
import type * as Y from 'yjs'
import { FACILITATION_MAP_NAME, readFacilitation } from '../../shared/facilitation.js'

/**
 * Makes a function that gives each document one signal of `read` over its facilitation map,
 * read again whenever the server changes the map (with `key`, only when that key changes). The
 * map stays observed for as long as the document lives (clients never write it).
 */
export function facilitationMapSignal<T>(
  name: string,
  read: (map: Y.Map<unknown>) => T,
  key?: string,
): (doc: Y.Doc) => Signal<T> {
  const signals = new WeakMap<Y.Doc, Signal<T>>()
  return (doc) => {
    const existing = signals.get(doc)
    if (existing) return existing
    const map = doc.getMap<unknown>(FACILITATION_MAP_NAME)
    const state = atom<T>(name, read(map))
    map.observe((event) => {
      if (key === undefined || event.keysChanged.has(key)) state.set(read(map))
    })
    signals.set(doc, state)
    return state
  }
}

/** A signal of the facilitation state of `doc`, updated whenever the server changes it. */
export const facilitationSignal = facilitationMapSignal('facilitation', readFacilitation)
