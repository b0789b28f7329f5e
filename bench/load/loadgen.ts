/**
 * The load generator process: runs one job at a time for the harness. It is a process of its
 * own so that its CPU (reported with each traffic result) is not confused with the server's.
 */
import type { LoadMessage, LoadRequest } from '../ipc.js'
import { runColdLoad, runConnectIdle, runDisconnectAll, runMoves, runSeed } from './boards.js'
import { runTraffic } from './traffic.js'

function send(message: LoadMessage): void {
  process.send?.(message)
}

async function run(request: LoadRequest): Promise<unknown> {
  const { job } = request
  switch (job.kind) {
    case 'traffic':
      return runTraffic(job, (phase) => send({ type: 'phase', id: request.id, phase }))
    case 'seed':
      return runSeed(job)
    case 'coldLoad':
      return runColdLoad(job)
    case 'moves':
      return runMoves(job)
    case 'connectIdle':
      return runConnectIdle(job)
    case 'disconnectAll':
      return runDisconnectAll()
    default: {
      const never: never = job
      throw new Error(`unknown job ${JSON.stringify(never)}`)
    }
  }
}

if (!process.send) throw new Error('run this under the benchmark harness (it needs an IPC channel)')
process.on('disconnect', () => process.exit(0))
// One job at a time, in order: jobs share the idle clients.
let queue: Promise<void> = Promise.resolve()
process.on('message', (raw) => {
  const request = raw as LoadRequest
  queue = queue.then(() =>
    run(request).then(
      (result) => send({ type: 'reply', id: request.id, result }),
      (error: unknown) => send({ type: 'error', id: request.id, message: String((error as Error)?.stack ?? error) }),
    ),
  )
})
send({ type: 'ready', pid: process.pid })
