import { describe, expect, it } from 'vitest'
import { closeMessageKey } from '../../client/i18n/closeMessages.js'
import { en } from '../../client/i18n/en.js'
import { fi } from '../../client/i18n/fi.js'
import { LANGUAGES, translate } from '../../client/i18n/index.js'
import { sv } from '../../client/i18n/sv.js'
import { closeCodeInfo } from '../../client/sync/closeCodes.js'
import { CloseCode, PERMANENT_CLOSE_CODES } from '../../shared/closeCodes.js'

describe('close codes', () => {
  it('maps every close code to a message in every language; only permanent ones stop reconnecting', () => {
    for (const code of Object.values(CloseCode)) {
      const info = closeCodeInfo(code)
      expect(info, `close code ${code}`).not.toBeNull()
      expect(info!.permanent).toBe(PERMANENT_CLOSE_CODES.has(code))
      for (const language of LANGUAGES)
        expect(translate(language, closeMessageKey(info!.name)).length).toBeGreaterThan(10)
    }
    expect(closeCodeInfo(CloseCode.unauthorized)).toMatchObject({ permanent: true })
    expect(translate('fi', closeMessageKey(closeCodeInfo(CloseCode.boardNotFound)!.name))).toBe(
      'Taulua ei löydy. Se on ehkä poistettu.',
    )
    expect(closeCodeInfo(CloseCode.serverRestarting)).toMatchObject({ permanent: false })
    expect(closeCodeInfo(1000)).toBeNull()
  })
})

describe('string tables', () => {
  it('have the same keys, no empty strings, and the same placeholders in fi, sv and en', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort()
    for (const table of [sv, en]) {
      expect(Object.keys(table).sort()).toEqual(Object.keys(fi).sort())
      for (const [key, text] of Object.entries(table)) {
        expect(text.trim().length, key).toBeGreaterThan(0)
        expect(placeholders(text), key).toEqual(placeholders(fi[key as keyof typeof fi]))
      }
    }
  })

  it('fills placeholders', () => {
    expect(translate('fi', 'home.titleTooLong', { max: 200 })).toBe('Nimi voi olla enintään 200 merkkiä pitkä.')
    expect(translate('sv', 'connection.connected')).toBe('Ansluten')
  })
})
