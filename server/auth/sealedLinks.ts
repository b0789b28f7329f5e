/**
 * The edit and view tokens and the join code of a board, kept in its stored row sealed with a key
 * only the facilitator link gives: any facilitator device can show the links, while the row alone
 * (a backup, a copied database) opens nothing. AES-256-GCM, key from HKDF-SHA256 of the
 * facilitator token with the board id as salt; the board id is also the associated data, so a
 * sealed value copied to another board's row does not open.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { z } from 'zod'

/** What is sealed. A board made before sealing knows only what was rotated since. */
export const LinkSecrets = z.strictObject({
  edit: z.string().optional(),
  view: z.string().optional(),
  joinCode: z.string().optional(),
})
export type LinkSecrets = z.infer<typeof LinkSecrets>

const FORMAT = 'v1'
const HKDF_INFO = 'tilannekuva/sealed-links/v1'
const IV_BYTES = 12
const TAG_BYTES = 16

function sealingKey(facilitatorToken: string, boardId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', facilitatorToken, boardId, HKDF_INFO, 32))
}

/** Seals `secrets` for board `boardId` as `v1.<iv>.<ciphertext>.<tag>` (base64url parts). */
export function sealLinks(facilitatorToken: string, boardId: string, secrets: LinkSecrets): string {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', sealingKey(facilitatorToken, boardId), iv, { authTagLength: TAG_BYTES })
  cipher.setAAD(Buffer.from(boardId, 'utf8'))
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()])
  return [FORMAT, ...[iv, ciphertext, cipher.getAuthTag()].map((part) => part.toString('base64url'))].join('.')
}

/** Opens what sealLinks made with the same token and board; null for anything else. */
export function openLinks(facilitatorToken: string, boardId: string, sealed: string): LinkSecrets | null {
  const [format, iv, ciphertext, tag, ...rest] = sealed.split('.')
  if (format !== FORMAT || iv === undefined || ciphertext === undefined || tag === undefined || rest.length > 0) {
    return null
  }
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      sealingKey(facilitatorToken, boardId),
      Buffer.from(iv, 'base64url'),
      { authTagLength: TAG_BYTES },
    )
    decipher.setAAD(Buffer.from(boardId, 'utf8'))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    const plain = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()])
    const parsed = LinkSecrets.safeParse(JSON.parse(plain.toString('utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    // A wrong key or altered bytes fail GCM's authentication: nothing is opened.
    return null
  }
}
