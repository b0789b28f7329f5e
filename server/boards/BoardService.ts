import { type Board, boardPath, type CreateBoardRequest, DEFAULT_TEMPLATE, Role } from '../../shared/api.js'
import { DEFAULT_LANGUAGE } from '../../shared/language.js'
import { BOARD_ID_PATTERN } from '../../shared/ids.js'
import { generateBoardId, generateToken, hashToken, roleForToken } from '../auth/tokens.js'
import type { BoardStorage } from '../storage/BoardStorage.js'
import { createInitialDocumentUpdate } from './initialDocument.js'

/** What a token opened on a board. */
export interface GrantedAccess {
  board: Board
  role: Role
}

export type Access =
  | ({ ok: true } & GrantedAccess)
  | { ok: false; reason: 'not_found' | 'unauthorized' }
  | { ok: false; reason: 'forbidden'; role: Role }

export interface CreatedBoard {
  board: Board
  tokens: Record<Role, string>
  links: Record<Role, string>
}

/** Creating boards and deciding what a token may do on one. */
export class BoardService {
  constructor(
    private readonly storage: BoardStorage,
    private readonly publicUrl: string | undefined,
  ) {}

  async create(request: CreateBoardRequest): Promise<CreatedBoard> {
    const createdAt = new Date()
    const board: Board = {
      id: generateBoardId(),
      title: request.title,
      template: request.template ?? DEFAULT_TEMPLATE,
      language: request.language ?? DEFAULT_LANGUAGE,
      createdAt: createdAt.toISOString(),
    }
    const tokens = { facilitator: generateToken(), edit: generateToken(), view: generateToken() }
    await this.storage.createBoard(
      {
        board,
        tokenHashes: {
          facilitator: hashToken(tokens.facilitator),
          edit: hashToken(tokens.edit),
          view: hashToken(tokens.view),
        },
      },
      createInitialDocumentUpdate({ ...board, region: request.region, createdAt }),
    )
    const link = (token: string) => `${this.publicUrl ?? ''}${boardPath(board.id, token)}`
    return {
      board,
      tokens,
      links: { facilitator: link(tokens.facilitator), edit: link(tokens.edit), view: link(tokens.view) },
    }
  }

  /**
   * What `token` opens on board `boardId`, for HTTP routes and the websocket alike: 'not_found'
   * for unknown and malformed ids, 'unauthorized' for a missing token or one of no role here,
   * 'forbidden' for a role outside `allowed` (default: every role).
   */
  async authorize(
    boardId: string,
    token: string | null | undefined,
    allowed: readonly Role[] = Role.options,
  ): Promise<Access> {
    if (!BOARD_ID_PATTERN.test(boardId)) return { ok: false, reason: 'not_found' }
    const stored = await this.storage.getBoard(boardId)
    if (!stored) return { ok: false, reason: 'not_found' }
    const role = roleForToken(token, stored.tokenHashes)
    if (!role) return { ok: false, reason: 'unauthorized' }
    if (!allowed.includes(role)) return { ok: false, reason: 'forbidden', role }
    return { ok: true, board: stored.board, role }
  }
}
