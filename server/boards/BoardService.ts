import { type Board, boardPath, type CreateBoardRequest, DEFAULT_TEMPLATE, joinPath, Role } from '../../shared/api.js'
import type { BoardLinksResponse } from '../../shared/facilitation.js'
import { DEFAULT_LANGUAGE } from '../../shared/language.js'
import { BOARD_ID_PATTERN } from '../../shared/ids.js'
import { generateJoinCode, normalizeJoinCode } from '../auth/joinCode.js'
import { type LinkSecrets, openLinks, sealLinks } from '../auth/sealedLinks.js'
import { generateBoardId, generateToken, hashToken, roleForToken, tokenMatchesAny } from '../auth/tokens.js'
import { type BoardStorage, JoinCodeTakenError, type StoredBoard } from '../storage/BoardStorage.js'
import { createInitialDocumentUpdate } from './initialDocument.js'

/** What a token opened on a board. */
export interface GrantedAccess {
  board: Board
  role: Role
}

export type Access =
  | ({ ok: true } & GrantedAccess)
  | { ok: false; reason: 'not_found' | 'unauthorized' }
  /** The token opened the board until its link was rotated. */
  | { ok: false; reason: 'revoked' }
  | { ok: false; reason: 'forbidden'; role: Role }

export interface CreatedBoard {
  board: Board
  tokens: Record<Role, string>
  links: Record<Role, string>
  join: { code: string; link: string }
}

export type BoardLinks = NonNullable<BoardLinksResponse['links']>

/** A rotatable role: the facilitator link is the key to the others and is never rotated. */
export type RotatableRole = Exclude<Role, 'facilitator'>

/** Retired token and join code hashes a board remembers (a dozen rotations' worth). */
const MAX_RETIRED_HASHES = 24

/** Join codes have 60 bits, so a clash is rare enough that a few draws always end it. */
const JOIN_CODE_DRAWS = 5

/** Creating boards, deciding what a token may do on one, and the links a facilitator may show or rotate. */
export class BoardService {
  /** Rotations of one board run one at a time, so none re-seals links another just replaced. */
  private readonly rotations = new Map<string, Promise<unknown>>()
  private accessChanges = 0

  constructor(
    private readonly storage: BoardStorage,
    private readonly publicUrl: string | undefined,
  ) {}

  /**
   * Grows each time any board's tokens change. A websocket authorised before a change but
   * connected to its room after the change's connections were closed re-checks its token when
   * this moved (server/routes/sync.ts).
   */
  get accessVersion(): number {
    return this.accessChanges
  }

  /** A new board from the template, or holding `document` (an imported board file's, see boardFile.ts). */
  async create(request: CreateBoardRequest, document?: Uint8Array): Promise<CreatedBoard> {
    const createdAt = new Date()
    const board: Board = {
      id: generateBoardId(),
      title: request.title,
      template: request.template ?? DEFAULT_TEMPLATE,
      language: request.language ?? DEFAULT_LANGUAGE,
      createdAt: createdAt.toISOString(),
    }
    const tokens = { facilitator: generateToken(), edit: generateToken(), view: generateToken() }
    const tokenHashes = {
      facilitator: hashToken(tokens.facilitator),
      edit: hashToken(tokens.edit),
      view: hashToken(tokens.view),
    }
    const initialUpdate = document ?? createInitialDocumentUpdate({ ...board, region: request.region, createdAt })
    const joinCode = await this.withFreshJoinCode(async (code) => {
      const secrets: LinkSecrets = { edit: tokens.edit, view: tokens.view, joinCode: code }
      await this.storage.createBoard(
        {
          board,
          tokenHashes,
          joinCodeHash: hashToken(code),
          sealedLinks: sealLinks(tokens.facilitator, board.id, secrets),
        },
        initialUpdate,
      )
    })
    return {
      board,
      tokens,
      links: {
        facilitator: this.boardLink(board.id, tokens.facilitator),
        edit: this.boardLink(board.id, tokens.edit),
        view: this.boardLink(board.id, tokens.view),
      },
      join: { code: joinCode, link: this.joinLink(joinCode) },
    }
  }

  /**
   * What `token` opens on board `boardId`, for HTTP routes and the websocket alike: 'not_found'
   * for unknown and malformed ids, 'unauthorized' for a missing token or one of no role here,
   * 'revoked' for a token or join code a rotation replaced, 'forbidden' for a role outside
   * `allowed` (default: every role). The board's join code opens it like the edit token.
   */
  async authorize(
    boardId: string,
    token: string | null | undefined,
    allowed: readonly Role[] = Role.options,
  ): Promise<Access> {
    if (!BOARD_ID_PATTERN.test(boardId)) return { ok: false, reason: 'not_found' }
    const stored = await this.storage.getBoard(boardId)
    if (!stored) return { ok: false, reason: 'not_found' }
    const role = roleForToken(token, stored.tokenHashes, stored.joinCodeHash)
    if (!role) {
      return tokenMatchesAny(token, stored.retiredHashes ?? [])
        ? { ok: false, reason: 'revoked' }
        : { ok: false, reason: 'unauthorized' }
    }
    if (!allowed.includes(role)) return { ok: false, reason: 'forbidden', role }
    return { ok: true, board: stored.board, role }
  }

  /** The board a join code (as typed: any case, dashes optional) opens, or null. */
  async boardForJoinCode(input: string): Promise<{ board: Board; code: string } | null> {
    const code = normalizeJoinCode(input)
    if (!code) return null
    const stored = await this.storage.findBoardByJoinCode(hashToken(code))
    return stored ? { board: stored.board, code } : null
  }

  /** Where /j/<code> sends a browser: the board page with the code as its token. */
  joinTarget(boardId: string, code: string): string {
    return this.boardLink(boardId, code)
  }

  /**
   * The board's edit, view and join links, opened with its facilitator token (the caller checked
   * it). Null while one of them is unknown: a board made before links were sealed, until both
   * its edit and view links were rotated.
   */
  async links(boardId: string, facilitatorToken: string): Promise<BoardLinks | null> {
    const stored = await this.storage.getBoard(boardId)
    return stored ? this.openedLinks(stored, facilitatorToken) : null
  }

  /**
   * Gives `role` a new token (for 'edit' also a new join code), so the old one opens nothing from
   * the moment this resolves, and re-seals the links. Closing the connections opened with the old
   * token is the caller's part (it knows the rooms). Answers like `links`.
   */
  rotate(boardId: string, role: RotatableRole, facilitatorToken: string): Promise<BoardLinks | null> {
    const previous = this.rotations.get(boardId) ?? Promise.resolve()
    const rotation = previous.catch(() => undefined).then(() => this.rotateNow(boardId, role, facilitatorToken))
    const settled = rotation.catch(() => undefined)
    this.rotations.set(boardId, settled)
    void settled.then(() => {
      if (this.rotations.get(boardId) === settled) this.rotations.delete(boardId)
    })
    return rotation
  }

  private async rotateNow(boardId: string, role: RotatableRole, facilitatorToken: string): Promise<BoardLinks | null> {
    const stored = await this.storage.getBoard(boardId)
    if (!stored) throw new Error(`rotating a link of unknown board ${boardId}`)
    const token = generateToken()
    const tokenHashes = { ...stored.tokenHashes, [role]: hashToken(token) }
    const retiring = [
      stored.tokenHashes[role],
      ...(role === 'edit' && stored.joinCodeHash ? [stored.joinCodeHash] : []),
    ]
    const retiredHashes = [...(stored.retiredHashes ?? []), ...retiring].slice(-MAX_RETIRED_HASHES)
    const known = { ...this.knownSecrets(stored, facilitatorToken), [role]: token }
    let updated: StoredBoard = stored
    const write = async (joinCode: string | null) => {
      const secrets: LinkSecrets = joinCode ? { ...known, joinCode } : known
      const access = {
        tokenHashes,
        joinCodeHash: joinCode ? hashToken(joinCode) : stored.joinCodeHash,
        sealedLinks: sealLinks(facilitatorToken, boardId, secrets),
        retiredHashes,
      }
      await this.storage.updateBoardAccess(boardId, access)
      updated = { ...stored, ...access }
    }
    // The join code is the short form of the edit link: it goes with it.
    if (role === 'edit') await this.withFreshJoinCode(write)
    else await write(null)
    this.accessChanges++
    return this.openedLinks(updated, facilitatorToken)
  }

  /**
   * The sealed secrets that still open the board: one whose hash no longer matches (a link
   * rotated by a process that could not re-seal) is left out rather than shown as working.
   */
  private knownSecrets(stored: StoredBoard, facilitatorToken: string): LinkSecrets {
    const opened = stored.sealedLinks ? openLinks(facilitatorToken, stored.board.id, stored.sealedLinks) : null
    if (!opened) return {}
    const current: LinkSecrets = {}
    if (opened.edit && hashToken(opened.edit) === stored.tokenHashes.edit) current.edit = opened.edit
    if (opened.view && hashToken(opened.view) === stored.tokenHashes.view) current.view = opened.view
    if (opened.joinCode && hashToken(opened.joinCode) === stored.joinCodeHash) current.joinCode = opened.joinCode
    return current
  }

  private openedLinks(stored: StoredBoard, facilitatorToken: string): BoardLinks | null {
    const { edit, view, joinCode } = this.knownSecrets(stored, facilitatorToken)
    if (!edit || !view || !joinCode) return null
    return {
      edit: this.boardLink(stored.board.id, edit),
      view: this.boardLink(stored.board.id, view),
      join: this.joinLink(joinCode),
      joinCode,
    }
  }

  /** Runs `write` with a new join code, drawing another while a different board has it. */
  private async withFreshJoinCode(write: (code: string) => Promise<void>): Promise<string> {
    for (let draw = 1; ; draw++) {
      const code = generateJoinCode()
      try {
        await write(code)
        return code
      } catch (error) {
        if (!(error instanceof JoinCodeTakenError) || draw >= JOIN_CODE_DRAWS) throw error
      }
    }
  }

  private boardLink(boardId: string, token: string): string {
    return `${this.publicUrl ?? ''}${boardPath(boardId, token)}`
  }

  private joinLink(code: string): string {
    return `${this.publicUrl ?? ''}${joinPath(code)}`
  }
}
