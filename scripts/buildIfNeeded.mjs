// Builds what `npm start` serves when it is missing or older than its sources, so `npm start`
// works on a fresh clone and after a `git pull` without a separate build step:
//   dist/client  the Vite build of the client, with brotli and gzip copies of its text files
//   dist/server  the server bundled into one ES module, plus the PDF worker's (node_modules stay external); running it
//                with plain node keeps a TypeScript loader out of the server's memory and start-up.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { precompressDir } from './precompress.mjs'

function newestMtime(entry) {
  if (!fs.existsSync(entry)) return 0
  const stat = fs.statSync(entry)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(0, ...fs.readdirSync(entry).map((name) => newestMtime(path.join(entry, name))))
}

function isStale(output, sources) {
  const builtAt = fs.existsSync(output) ? fs.statSync(output).mtimeMs : 0
  return builtAt < Math.max(...sources.map(newestMtime))
}

function run(what, args) {
  console.log(`building the ${what} (first start or sources changed)…`)
  // A build started from the test runner inherits NODE_ENV=test, which gives React's development
  // build (the home page's script grew from 348 to 558 KB): what is served is always production.
  const result = spawnSync(process.execPath, args, {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

// One build at a time: several test runs (or a test run and `npm start`) may start together, and
// two Vite builds emptying dist/client under each other leave a broken client.
const lockDir = 'dist/.build-lock'
fs.mkdirSync('dist', { recursive: true })
const waitUntil = Date.now() + 15 * 60_000
for (;;) {
  try {
    fs.mkdirSync(lockDir)
    break
  } catch (error) {
    if (error.code !== 'EEXIST') throw error
    // A lock left by a build that was killed would otherwise block every later start.
    const age = Date.now() - fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs
    if (age > 10 * 60_000 || Date.now() > waitUntil) fs.rmSync(lockDir, { recursive: true, force: true })
    else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250)
  }
}
process.on('exit', () => fs.rmSync(lockDir, { recursive: true, force: true }))

const targets = process.argv.slice(2)
const wants = (name) => targets.length === 0 || targets.includes(name)

if (wants('client') && isStale('dist/client/index.html', ['client', 'shared', 'vite.config.ts', 'package-lock.json'])) {
  run('client', ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'])
}
// Checked on every start, not only after a build: a build killed before this step still gets its
// compressed copies.
if (wants('client') && fs.existsSync('dist/client')) await precompressDir('dist/client')

const serverOutputs = ['dist/server/main.js', 'dist/server/pdfWorker.js']
if (wants('server') && serverOutputs.some((output) => isStale(output, ['server', 'shared', 'package-lock.json']))) {
  console.log('building the server (first start or sources changed)…')
  const { build } = await import('esbuild')
  await build({
    // The PDF worker thread's entry is its own file beside main.js (server/pdf/PdfRenderQueue.ts).
    entryPoints: { main: 'server/main.ts', pdfWorker: 'server/pdf/pdfWorker.ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
    outdir: 'dist/server',
  })
}
