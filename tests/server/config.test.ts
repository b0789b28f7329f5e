import path from 'node:path'
import { expect, test } from 'vitest'
import { ConfigError, loadConfig } from '../../server/config.js'

test('defaults give a working local server', () => {
  const config = loadConfig({})
  expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', publicUrl: undefined, roomIdleMs: 30_000 })
  expect(config.dataDir).toBe(path.resolve('./data'))
})

test('values are read and normalised; empty values count as unset', () => {
  const config = loadConfig({
    PORT: '8080',
    HOST: '0.0.0.0',
    PUBLIC_URL: 'https://kuva.example.fi/',
    DATA_DIR: '',
    TLDRAW_LICENSE_KEY: 'k',
  })
  expect(config).toMatchObject({
    port: 8080,
    host: '0.0.0.0',
    publicUrl: 'https://kuva.example.fi',
    tldrawLicenseKey: 'k',
  })
  expect(config.dataDir).toBe(path.resolve('./data'))
})

test.each([
  [{ PORT: 'eighty' }, 'PORT'],
  [{ PORT: '70000' }, 'PORT'],
  [{ PUBLIC_URL: 'not a url' }, 'PUBLIC_URL'],
  [{ PUBLIC_URL: 'ftp://example.fi' }, 'PUBLIC_URL'],
  [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  [{ MAX_MESSAGE_BYTES: '10' }, 'MAX_MESSAGE_BYTES'],
])('a bad value (%o) is refused naming %s', (env, name) => {
  expect(() => loadConfig(env)).toThrow(ConfigError)
  expect(() => loadConfig(env)).toThrow(name)
})
