/**
 * WebSocket close codes the sync endpoint uses. 4000–4999 are free for applications;
 * we mirror HTTP status numbers in the last three digits so logs read naturally.
 * The client maps each one to a message for the user (see `closeCodeInfo`).
 */
export const CloseCode = {
  /** A frame could not be decoded, or carried an unknown message type. */
  badMessage: 4400,
  /** No token, or a token that opens no role on this board. */
  unauthorized: 4401,
  /** The board id does not exist. */
  boardNotFound: 4404,
  /** A frame was larger than the server accepts (ws's own 1009 may also be used). */
  messageTooBig: 4413,
  /** The connection sent more than it may, e.g. too much before its board loaded. */
  rateLimited: 4429,
  /** The server failed while handling the connection; reconnecting may help. */
  internalError: 4500,
  /** The server is shutting down or restarting; reconnect shortly (RFC 6455 1012). */
  serverRestarting: 1012,
} as const

export type CloseCodeName = keyof typeof CloseCode
export type CloseCodeValue = (typeof CloseCode)[CloseCodeName]

/** Close codes after which reconnecting cannot help: the client should stop and tell the user. */
export const PERMANENT_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.unauthorized,
  CloseCode.boardNotFound,
])

/** Short machine-readable reasons sent with each close code (the close frame's reason text). */
export const CloseReason: Record<CloseCodeName, string> = {
  badMessage: 'bad-message',
  unauthorized: 'unauthorized',
  boardNotFound: 'board-not-found',
  messageTooBig: 'message-too-big',
  rateLimited: 'rate-limited',
  internalError: 'internal-error',
  serverRestarting: 'server-restarting',
}
