/**
 * A load generator process: runs one job at a time for the harness. It is a process of its own
 * so that its CPU (reported with each traffic result) is not confused with the server's; traffic
 * runs use several of them at once, each driving its share of the clients.
 */
import type { LoadMessage, LoadRequest } from '../ipc.js'
import { runColdLoad, runConnectIdle, runDisconnectAll, runMoves, runSeed } from './boards.js'
import { TrafficSession } from './traffic.js'

function send(message: LoadMessage): void {
  process.send?.(message)
}

/** The traffic run in progress: its steps arrive as separate jobs. */
let traffic: TrafficSession | null = null

function currentTraffic(): TrafficSession {
  if (!traffic) throw new Error('no traffic run in progress')
  return traffic
}

async function run(request: LoadRequest): Promise<unknown> {
  const { job } = request
  switch (job.kind) {
    case 'traffic': {
      traffic?.close()
      traffic = null
      const { session, ready } = await TrafficSession.connect(job)
      traffic = session
      return ready
    }
    case 'trafficSchedule':
      return currentTraffic().run(job)
    case 'trafficProgress':
      return { missing: currentTraffic().missing(job.windows) }
    case 'trafficReport': {
      const session = currentTraffic()
      traffic = null
      try {
        return session.report()
      } finally {
        session.close()
      }
    }
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
// One job at a time, in order: jobs share the idle clients and the traffic session.
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
