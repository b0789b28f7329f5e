/**
 * Builds the child processes (servers under test, load generator) into plain JavaScript with
 * esbuild before a run, as `npm start` runs our server: no TypeScript loader in any measured
 * process, so none of them pays for one in start-up time or memory.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Plugin } from 'esbuild'
import { SERVER_NAMES } from '../ipc.js'

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))

export interface Bundles {
  dir: string
  server(name: (typeof SERVER_NAMES)[number]): string
  loadGenerator: string
}

/**
 * With `oursRoot`, imports of server/ and shared/ come from that copy of the repository instead
 * (to measure a proposed server change against the original in the same way).
 */
function redirectTo(oursRoot: string): Plugin {
  const ownDirs = ['server', 'shared'].map((dir) => path.join(repoRoot, dir) + path.sep)
  return {
    name: 'ours-root',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        const target = path.resolve(args.resolveDir, args.path)
        const own = ownDirs.find((dir) => target.startsWith(dir))
        if (!own) return undefined
        const mapped = path.join(oursRoot, path.relative(repoRoot, target))
        const asTs = mapped.replace(/\.js$/, '.ts')
        return { path: fs.existsSync(asTs) ? asTs : mapped }
      })
    },
  }
}

/** Bundles every child into a fresh directory under node_modules/.cache (so packages resolve). */
export async function bundleChildren(oursRoot: string | undefined): Promise<Bundles> {
  const { build } = await import('esbuild')
  const cacheDir = path.join(repoRoot, 'node_modules', '.cache')
  // A fresh clone has no cache directory yet.
  fs.mkdirSync(cacheDir, { recursive: true })
  const dir = fs.mkdtempSync(path.join(cacheDir, 'tilannekuva-bench-'))
  const entries = [...SERVER_NAMES.map((name) => `servers/${name}`), 'load/loadgen']
  await build({
    entryPoints: Object.fromEntries(entries.map((entry) => [entry, path.join(repoRoot, 'bench', `${entry}.ts`)])),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
    plugins: oursRoot ? [redirectTo(path.resolve(oursRoot))] : [],
  })
  return {
    dir,
    server: (name) => path.join(dir, 'servers', `${name}.mjs`),
    loadGenerator: path.join(dir, 'load', 'loadgen.mjs'),
  }
}
