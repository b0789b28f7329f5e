import { randomBytes } from 'node:crypto'
import type {
  Participant,
  RegisterParticipantRequest,
  RegisterParticipantResponse,
  UpdateParticipantRequest,
} from '../../shared/facilitation.js'
import { generateToken, hashToken } from '../auth/tokens.js'
import type { BoardStorage } from '../storage/BoardStorage.js'

/** Longer than any secret we hand out; longer ones are not hashed, they are simply unknown. */
const MAX_SECRET_LENGTH = 200

/**
 * People of a board without accounts: a device registers a name and a stakeholder group once per
 * board and keeps the secret it is given; the server stores only the secret's hash. The secret
 * proves "the same device as before", nothing about who the person is.
 */
export class ParticipantService {
  /** Registrations under way per board, one after another so that the count check holds. */
  private readonly registering = new Map<string, Promise<unknown>>()

  /** `maxPerBoard`: identities a board may have (0 for no limit). */
  constructor(
    private readonly storage: BoardStorage,
    private readonly maxPerBoard = 0,
  ) {}

  /**
   * Registers a person on an existing board (the caller checked its token); null when the board
   * already has `maxPerBoard` identities.
   */
  register(boardId: string, request: RegisterParticipantRequest): Promise<RegisterParticipantResponse | null> {
    const previous = this.registering.get(boardId) ?? Promise.resolve()
    const next = previous.catch(() => undefined).then(() => this.registerNow(boardId, request))
    this.registering.set(boardId, next)
    void next
      .catch(() => undefined)
      .finally(() => {
        if (this.registering.get(boardId) === next) this.registering.delete(boardId)
      })
    return next
  }

  private async registerNow(
    boardId: string,
    request: RegisterParticipantRequest,
  ): Promise<RegisterParticipantResponse | null> {
    if (this.maxPerBoard > 0 && (await this.storage.countParticipants(boardId)) >= this.maxPerBoard) return null
    // 16 random bytes: 22 url-safe characters, as ParticipantId expects.
    const participant: Participant = {
      id: `p_${randomBytes(16).toString('base64url')}`,
      name: request.name,
      group: request.group,
    }
    const secret = generateToken()
    await this.storage.createParticipant(boardId, { participant, secretHash: hashToken(secret) })
    return { participant, secret }
  }

  /** The board's participant a secret belongs to; null for none, an empty one or another board's. */
  resolve(boardId: string, secret: string | null | undefined): Promise<Participant | null> {
    if (!secret || secret.length > MAX_SECRET_LENGTH) return Promise.resolve(null)
    return this.storage.findParticipant(boardId, hashToken(secret))
  }

  /** Changes name and/or group of the secret's participant; null when the secret is unknown here. */
  async update(
    boardId: string,
    secret: string | null | undefined,
    changes: UpdateParticipantRequest,
  ): Promise<Participant | null> {
    const current = await this.resolve(boardId, secret)
    if (!current) return null
    const next: Participant = { ...current, name: changes.name ?? current.name, group: changes.group ?? current.group }
    if (!(await this.storage.updateParticipant(boardId, next))) return null
    return next
  }
}
