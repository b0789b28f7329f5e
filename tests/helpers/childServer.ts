import { type ChildProcess, spawn } from 'node:child_process'
import readline from 'node:readline'

export interface ChildServer {
  process: ChildProcess
  url: string
  syncUrl: string
  /** Resolves with the exit code (or signal name) once the process has exited. */
  exited: Promise<number | string>
}

/** Child servers a test started; `stopChildServers` in afterEach kills whatever is left. */
const running: ChildServer[] = []

export async function stopChildServers(): Promise<void> {
  for (const child of running.splice(0)) {
    child.process.kill('SIGKILL')
    await child.exited
  }
}

/**
 * Runs the bundled server (dist/server/main.js) in its own process, as `npm start` does, and waits
 * until it listens. `nodeArgs` go to node before the script (e.g. `--expose-gc`).
 */
export async function startChildServer(env: Record<string, string>, nodeArgs: string[] = []): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--enable-source-maps', ...nodeArgs, 'dist/server/main.js'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  )
  const stderr: string[] = []
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr.join('')}`)), 30_000)
    const lines = readline.createInterface({ input: child.stdout! })
    lines.on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { url?: string; msg?: string }
        if (entry.url && entry.msg?.startsWith('Tilannekuva is running')) {
          clearTimeout(timer)
          resolve(entry.url)
        }
      } catch {
        // Not a log line of ours.
      }
    })
    void exited.then((code) => reject(new Error(`server exited (${code}) before listening: ${stderr.join('')}`)))
  })
  const started = { process: child, url, syncUrl: `${url.replace(/^http/, 'ws')}/sync`, exited }
  running.push(started)
  return started
}
