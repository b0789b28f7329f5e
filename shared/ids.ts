import { z } from 'zod'

/** Board ids are 16 url-safe characters (96 random bits); they name a board, they do not open it. */
export const BOARD_ID_PATTERN = /^[A-Za-z0-9_-]{16}$/
export const BoardId = z.string().regex(BOARD_ID_PATTERN, 'not a board id')
export type BoardId = z.infer<typeof BoardId>
