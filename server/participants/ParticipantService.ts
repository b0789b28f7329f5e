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
  constructor(private readonly storage: BoardStorage) {}

  /** Registers a person on an existing board (the caller checked its token). */
  async register(boardId: string, request: RegisterParticipantRequest): Promise<RegisterParticipantResponse> {
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
