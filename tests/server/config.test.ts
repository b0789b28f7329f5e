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
  [{ SYNC_BYTES_PER_SECOND: '-1' }, 'SYNC_BYTES_PER_SECOND'],
  [{ SYNC_MESSAGES_BURST: 'lots' }, 'SYNC_MESSAGES_BURST'],
  [{ MAX_BOARD_BYTES: '1.5' }, 'MAX_BOARD_BYTES'],
  [{ MAX_CONNECTIONS_PER_IP: 'many' }, 'MAX_CONNECTIONS_PER_IP'],
  [{ SYNC_BYTES_BURST: '1024' }, 'SYNC_BYTES_BURST'],
])('a bad value (%o) is refused naming %s', (env, name) => {
  expect(() => loadConfig(env)).toThrow(ConfigError)
  expect(() => loadConfig(env)).toThrow(name)
})

test('budgets and limits have documented defaults; 0 turns one off', () => {
  expect(loadConfig({})).toMatchObject({
    syncBudget: {
      bytesPerSecond: 1024 * 1024,
      bytesBurst: 4 * 1024 * 1024,
      messagesPerSecond: 300,
      messagesBurst: 1_000,
    },
    maxBoardBytes: 32 * 1024 * 1024,
    maxConnectionsPerBoard: 300,
    maxConnectionsPerIp: 400,
    trustProxy: false,
    boardsPerHourPerIp: 30,
    maxParticipantsPerBoard: 2_000,
    participantsPerHourPerIp: 1_000,
  })
  expect(loadConfig({ SYNC_BYTES_PER_SECOND: '0', SYNC_BYTES_BURST: '0', MAX_BOARD_BYTES: '0' })).toMatchObject({
    syncBudget: { bytesPerSecond: 0 },
    maxBoardBytes: 0,
  })
})

test.each([
  ['', false],
  ['false', false],
  ['true', true],
  ['2', 2],
  ['127.0.0.1, 10.0.0.0/8', ['127.0.0.1', '10.0.0.0/8']],
])('TRUST_PROXY=%j is read as %j', (value, expected) => {
  expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected)
})
