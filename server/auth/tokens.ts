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

/** Whether `token` hashes to one of `hashes` (e.g. a board's retired ones); constant time per hash. */
export function tokenMatchesAny(token: string | undefined | null, hashes: readonly string[]): boolean {
  if (!token || hashes.length === 0) return false
  const candidate = Buffer.from(hashToken(token), 'hex')
  let found = false
  for (const hash of hashes) {
    const stored = Buffer.from(hash, 'hex')
    if (stored.length === candidate.length && timingSafeEqual(stored, candidate)) found = true
  }
  return found
}

/**
 * The role a token opens on a board, or null. The board's join code (its hash `joinCodeHash`,
 * when it has one) opens the edit role. Compares against every hash in constant time.
 */
export function roleForToken(
  token: string | undefined | null,
  hashes: TokenHashes,
  joinCodeHash: string | null = null,
): Role | null {
  if (!token) return null
  const candidate = Buffer.from(hashToken(token), 'hex')
  const matches = (hash: string) => {
    const stored = Buffer.from(hash, 'hex')
    return stored.length === candidate.length && timingSafeEqual(stored, candidate)
  }
  let found: Role | null = null
  for (const role of ['facilitator', 'edit', 'view'] as const) {
    if (matches(hashes[role])) found = role
  }
  if (joinCodeHash !== null && matches(joinCodeHash)) found = 'edit'
  return found
}
