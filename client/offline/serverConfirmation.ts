import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { messageSync, type WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { ServerQuestion, UnconfirmedChanges } from './localChanges.js'

// Sub-types of a sync message (y-protocols).
const SYNC_STEP_1 = 0
const SYNC_STEP_2 = 1
const OPEN = 1

/**
 * Keeps asking the server which of this device's changes it has stored, and confirms them in
 * `changes`: after each (re)connect and, at most every `askEveryMs`, after local changes. The
 * question is a plain sync step 1 (see UnconfirmedChanges.question), so any server speaking the
 * y-websocket protocol answers it; ours answers once what it accepted before is stored. One
 * question is in flight at a time. Returns the stop.
 */
export function confirmWithServer(
  provider: WebsocketProvider,
  changes: UnconfirmedChanges,
  { askEveryMs = 250 }: { askEveryMs?: number } = {},
): () => void {
  // Questions sent on this connection and not yet answered, oldest first.
  let inFlight: ServerQuestion[] = []
  let answeredUpTo = 0
  let timer: ReturnType<typeof setTimeout> | null = null

  const ask = () => {
    timer = null
    const socket = provider.ws
    if (!provider.synced || !socket || socket.readyState !== OPEN) return
    if (!changes.hasChanges || inFlight.length > 0) return
    const question = changes.question()
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, messageSync)
    encoding.writeVarUint(encoder, SYNC_STEP_1)
    encoding.writeVarUint8Array(encoder, Y.encodeStateVector(question.stateVector))
    socket.send(encoding.toUint8Array(encoder))
    inFlight.push(question)
  }
  const askSoon = () => {
    if (timer === null) timer = setTimeout(ask, askEveryMs)
  }

  const receiveSync = provider.messageHandlers[messageSync]!
  provider.messageHandlers[messageSync] = (encoder, decoder, from, emitSynced, messageType) => {
    // Before the first sync of a connection, a step 2 answers the provider's own step 1.
    const question = provider.synced ? inFlight[0] : undefined
    if (question) {
      const peek = decoding.clone(decoder)
      if (decoding.readVarUint(peek) === SYNC_STEP_2) {
        inFlight.shift()
        answeredUpTo = question.upToSeq
        changes.confirm(decoding.readVarUint8Array(peek), question)
        // Changes made while it was asked; the ones it did not confirm wait for the next change
        // or connection (the server refused them, or has not stored them yet).
        if (changes.latestSeq > answeredUpTo) askSoon()
      }
    }
    receiveSync(encoder, decoder, from, emitSynced, messageType)
  }

  const onSync = (synced: boolean) => {
    inFlight = []
    answeredUpTo = 0
    if (synced) askSoon()
  }
  const onStatus = ({ status }: { status: string }) => {
    if (status !== 'connected') inFlight = []
  }
  const stopListening = changes.onChange(() => {
    if (changes.latestSeq > answeredUpTo) askSoon()
  })
  provider.on('sync', onSync)
  provider.on('status', onStatus)
  if (provider.synced) askSoon()

  return () => {
    if (timer !== null) clearTimeout(timer)
    stopListening()
    provider.off('sync', onSync)
    provider.off('status', onStatus)
    provider.messageHandlers[messageSync] = receiveSync
  }
}
