import type { CloseCodeName } from '../../shared/closeCodes.js'
import type { MessageKey } from './index.js'

/** The message shown for each close code; typed as a full record so a new code fails to compile. */
const CLOSE_MESSAGES: Record<CloseCodeName, MessageKey> = {
  badMessage: 'close.badMessage',
  unauthorized: 'close.unauthorized',
  originRefused: 'close.originRefused',
  boardNotFound: 'close.boardNotFound',
  linkRevoked: 'close.linkRevoked',
  boardTooLarge: 'close.boardTooLarge',
  messageTooBig: 'close.messageTooBig',
  serverBusy: 'close.serverBusy',
  internalError: 'close.internalError',
  notSaving: 'close.notSaving',
  tooSlow: 'close.tooSlow',
  rateLimited: 'close.rateLimited',
  serverRestarting: 'close.serverRestarting',
}

/** The words for why the server closed the connection (see sync/closeCodes.ts for the name). */
export function closeMessageKey(name: CloseCodeName): MessageKey {
  return CLOSE_MESSAGES[name]
}
