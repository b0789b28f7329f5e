import { spawn } from 'node:child_process'

export interface FailedStart {
  exitCode: number | string
  stderr: string
  stdout: string
}

/**
 * Runs the bundled server (dist/server/main.js) expecting it not to start, and resolves with what
 * it printed once it exits. A server that starts listening instead is killed and reported as such.
 */
export function runServerExpectingFailure(env: Record<string, string>): Promise<FailedStart> {
  const child = spawn(process.execPath, ['--enable-source-maps', 'dist/server/main.js'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
    if (stdout.includes('Tilannekuva is running')) child.kill('SIGKILL')
  })
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => resolve({ exitCode: code ?? signal ?? 'unknown', stderr, stdout })),
  )
}
