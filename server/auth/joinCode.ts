import { randomBytes } from 'node:crypto'
import { JOIN_CODE_PATTERN } from '../../shared/facilitation.js'

/** JOIN_CODE_PATTERN's alphabet: no I, O, 0 or 1, which read alike. 32 letters, so 5 bits each. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/**
 * A join code XXXX-XXXX-XXXX: 12 characters of 5 random bits, 60 bits in all. A byte's low five
 * bits are uniform over the 32 letters (256 is a multiple of 32), so no letter is likelier.
 */
export function generateJoinCode(): string {
  const letters = [...randomBytes(12)].map((byte) => ALPHABET[byte & 31]).join('')
  return `${letters.slice(0, 4)}-${letters.slice(4, 8)}-${letters.slice(8)}`
}

/**
 * A join code as a person may type it (lower case, spaces, without dashes) in its one canonical
 * spelling, or null when it cannot be one.
 */
export function normalizeJoinCode(input: string): string | null {
  if (input.length > 20) return null
  const letters = input.toUpperCase().replace(/[\s-]/g, '')
  if (letters.length !== 12) return null
  const code = `${letters.slice(0, 4)}-${letters.slice(4, 8)}-${letters.slice(8)}`
  return JOIN_CODE_PATTERN.test(code) ? code : null
}
