import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Role } from '../../shared/api.js'

export type TokenHashes = Record<Role, string>

/** A capability token: 32 random bytes (256 bits), url-safe. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url')
}

/** Board ids: 12 random bytes as 16 url-safe characters. */
export function generateBoardId(): string {
  return randomBytes(12).toString('base64url')
}

/** Tokens are high-entropy secrets, so a plain SHA-256 is enough to keep them out of storage. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/** The role a token opens on a board, or null. Compares against every hash in constant time. */
export function roleForToken(token: string | undefined | null, hashes: TokenHashes): Role | null {
  if (!token) return null
  const candidate = Buffer.from(hashToken(token), 'hex')
  let found: Role | null = null
  for (const role of ['facilitator', 'edit', 'view'] as const) {
    const stored = Buffer.from(hashes[role], 'hex')
    if (stored.length === candidate.length && timingSafeEqual(stored, candidate)) found = role
  }
  return found
}
