// Builds the client when dist/client is missing or older than its sources, so `npm start`
// works on a fresh clone and after a `git pull` without a separate build step.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const built = path.resolve('dist/client/index.html')
const sources = ['client', 'shared', 'vite.config.ts', 'package-lock.json']

function newestMtime(entry) {
  if (!fs.existsSync(entry)) return 0
  const stat = fs.statSync(entry)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(0, ...fs.readdirSync(entry).map((name) => newestMtime(path.join(entry, name))))
}

const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0
const changedAt = Math.max(...sources.map(newestMtime))
if (builtAt >= changedAt) {
  console.log('client is up to date')
} else {
  console.log('building the client (first start or sources changed)…')
  const result = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
  })
  if (result.status !== 0) process.exit(result.status ?? 1)
}
