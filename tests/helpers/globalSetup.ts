import { spawnSync } from 'node:child_process'

/**
 * Browser tests drive the real built client and process tests the bundled server: build both once
 * before the suite, as `npm start` does.
 */
export default function setup(): void {
  // For a run of in-process tests only (no browser, no child server): TK_SKIP_BUILD=1 skips it.
  if (process.env.TK_SKIP_BUILD === '1') return
  const result = spawnSync(process.execPath, ['scripts/buildIfNeeded.mjs'], { stdio: 'inherit' })
  if (result.status !== 0) throw new Error('building the client failed')
}
