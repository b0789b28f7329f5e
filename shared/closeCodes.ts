/**
 * WebSocket close codes the sync endpoint uses. 4000–4999 are free for applications; the last
 * three digits mirror an HTTP status so logs read naturally. The range decides what a stock
 * y-websocket 3 client does: it stops for good on 4400–4499 and reconnects (with back-off) on
 * everything else. So conditions where retrying helps use 4500–4599 or an RFC 6455 code, and
 * only conditions that a retry cannot change use 4400–4499.
 * The client maps each one to a message for the user (client/i18n/closeMessages.ts).
 */
export const CloseCode = {
  /** A frame could not be decoded, carried an unknown message type, or could never apply. */
  badMessage: 4400,
  /** No token, or a token that opens no role on this board. */
  unauthorized: 4401,
  /** The page that opened the socket is not served by this server (Origin check). */
  originRefused: 4403,
  /** The board id does not exist. */
  boardNotFound: 4404,
  /** The facilitator rotated the link this connection opened with: the old link no longer works. */
  linkRevoked: 4410,
  /** The board reached its size limit; the edit was not stored and resending it cannot help. */
  boardTooLarge: 4413,
  /** A frame was larger than the server accepts (RFC 6455 1009; ws closes with it too). */
  messageTooBig: 1009,
  /** Too many connections to this board or from this address; try again later (RFC 6455 1013). */
  serverBusy: 1013,
  /** The server failed while handling the connection; reconnecting may help. */
  internalError: 4500,
  /** The board cannot be saved at the moment (e.g. the disk is full); reconnect later. */
  notSaving: 4507,
  /** The connection did not read what it was sent fast enough and fell too far behind. */
  tooSlow: 4508,
  /** The connection sent more bytes or messages than it may in a short time. */
  rateLimited: 4529,
  /** The server is shutting down or restarting; reconnect shortly (RFC 6455 1012). */
  serverRestarting: 1012,
} as const

export type CloseCodeName = keyof typeof CloseCode
export type CloseCodeValue = (typeof CloseCode)[CloseCodeName]

/**
 * Close codes after which reconnecting cannot help: the client should stop and tell the user.
 * A stock y-websocket client stops on these too (all are in 4400–4499); it also stops on
 * badMessage, which ours retries (a fresh sync may well succeed).
 */
export const PERMANENT_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.unauthorized,
  CloseCode.originRefused,
  CloseCode.boardNotFound,
  CloseCode.linkRevoked,
  CloseCode.boardTooLarge,
])

/** Short machine-readable reasons sent with each close code (the close frame's reason text). */
export const CloseReason: Record<CloseCodeName, string> = {
  badMessage: 'bad-message',
  unauthorized: 'unauthorized',
  originRefused: 'origin-refused',
  boardNotFound: 'board-not-found',
  linkRevoked: 'link-revoked',
  boardTooLarge: 'board-too-large',
  messageTooBig: 'message-too-big',
  serverBusy: 'server-busy',
  internalError: 'internal-error',
  notSaving: 'not-saving',
  tooSlow: 'too-slow',
  rateLimited: 'rate-limited',
  serverRestarting: 'server-restarting',
}
