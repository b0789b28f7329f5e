import { CloseCode, type CloseCodeName, PERMANENT_CLOSE_CODES } from '../../shared/closeCodes.js'
import type { MessageKey } from '../i18n/index.js'

/** The message shown for each close code; typed as a full record so a new code fails to compile. */
const CLOSE_MESSAGES: Record<CloseCodeName, MessageKey> = {
  badMessage: 'close.badMessage',
  unauthorized: 'close.unauthorized',
  originRefused: 'close.originRefused',
  boardNotFound: 'close.boardNotFound',
  boardTooLarge: 'close.boardTooLarge',
  messageTooBig: 'close.messageTooBig',
  serverBusy: 'close.serverBusy',
  internalError: 'close.internalError',
  notSaving: 'close.notSaving',
  tooSlow: 'close.tooSlow',
  rateLimited: 'close.rateLimited',
  serverRestarting: 'close.serverRestarting',
}

const NAME_BY_CODE = new Map<number, CloseCodeName>(
  (Object.entries(CloseCode) as [CloseCodeName, number][]).map(([name, code]) => [code, name]),
)

export interface CloseCodeInfo {
  name: CloseCodeName
  messageKey: MessageKey
  /** Reconnecting cannot help: the client stops and tells the user. */
  permanent: boolean
}

/** What a websocket close code means for the user; null for codes the server does not use. */
export function closeCodeInfo(code: number): CloseCodeInfo | null {
  const name = NAME_BY_CODE.get(code)
  if (!name) return null
  return { name, messageKey: CLOSE_MESSAGES[name], permanent: PERMANENT_CLOSE_CODES.has(code) }
}
