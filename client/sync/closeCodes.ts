import { CloseCode, type CloseCodeName, PERMANENT_CLOSE_CODES } from '../../shared/closeCodes.js'

const NAME_BY_CODE = new Map<number, CloseCodeName>(
  (Object.entries(CloseCode) as [CloseCodeName, number][]).map(([name, code]) => [code, name]),
)

export interface CloseCodeInfo {
  name: CloseCodeName
  /** Reconnecting cannot help: the client stops and tells the user. */
  permanent: boolean
}

/**
 * What a websocket close code means to the connection; null for codes the server does not use.
 * The UI turns `name` into words (i18n/closeMessages.ts), so sync code stays free of i18n.
 */
export function closeCodeInfo(code: number): CloseCodeInfo | null {
  const name = NAME_BY_CODE.get(code)
  if (!name) return null
  return { name, permanent: PERMANENT_CLOSE_CODES.has(code) }
}
