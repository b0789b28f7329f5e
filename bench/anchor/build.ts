/**
 * Builds the anchor app (bench/anchor) with the project's Vite, once per change of its sources
 * or of the tldraw version: the build lands in node_modules/.cache and later runs reuse it.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const anchorDir = fileURLToPath(new URL('.', import.meta.url))
const repoRoot = path.resolve(anchorDir, '../..')
const sources = [
  path.join(anchorDir, 'index.html'),
  path.join(anchorDir, 'main.tsx'),
  path.join(anchorDir, '../client/moves.ts'),
  path.join(repoRoot, 'node_modules/tldraw/package.json'),
  path.join(repoRoot, 'node_modules/vite/package.json'),
]

/** Returns the directory of the built anchor (index.html and assets), building it first if needed. */
export async function buildAnchor(): Promise<string> {
  const hash = createHash('sha256')
  for (const file of sources) hash.update(fs.readFileSync(file))
  const outDir = path.join(repoRoot, 'node_modules/.cache/tilannekuva-anchor', hash.digest('hex').slice(0, 16))
  if (fs.existsSync(path.join(outDir, 'index.html'))) return outDir
  const [{ build }, { default: react }] = await Promise.all([import('vite'), import('@vitejs/plugin-react')])
  const building = `${outDir}.tmp-${process.pid}`
  await build({
    root: anchorDir,
    configFile: false,
    plugins: [react()],
    logLevel: 'warn',
    optimizeDeps: { exclude: ['@tldraw/assets'] },
    build: { outDir: building, emptyOutDir: true, chunkSizeWarningLimit: 8192 },
  })
  // Renamed into place whole, so a run killed mid-build never leaves a half anchor to reuse.
  fs.rmSync(outDir, { recursive: true, force: true })
  fs.renameSync(building, outDir)
  return outDir
}
