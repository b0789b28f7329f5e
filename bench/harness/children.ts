/**
 * Starting, talking to and stopping the harness's child processes: the server under test
 * (bench/servers/<name>.ts) and the load generators (bench/load/loadgen.ts).
 */
import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { Bundles } from './bundle.js'
import type {
  BoardRef,
  LoadJob,
  LoopDelay,
  LoadMessage,
  ServerMessage,
  ServerName,
  ServerRequest,
  ServerStats,
  Target,
} from '../ipc.js'

const benchDir = fileURLToPath(new URL('..', import.meta.url))

let bundles: Bundles | null = null

/**
 * Runs children from these bundles (plain node). Without bundles they run from the TypeScript
 * sources through tsx, which costs every child start-up time and memory.
 */
export function useBundles(built: Bundles | null): void {
  bundles = built
}

function childScript(source: string, bundled: string | undefined): { script: string; loader: string[] } {
  return bundled ? { script: bundled, loader: [] } : { script: `${benchDir}${source}`, loader: ['--import', 'tsx'] }
}
const START_TIMEOUT_MS = 60_000
const STOP_TIMEOUT_MS = 30_000
/** Lines of a child's output kept to explain a failure. */
const OUTPUT_LINES = 40

/** BENCH_PROFILE_DIR=dir writes a V8 CPU profile of every child there (open it in Chrome DevTools). */
function profileArgs(): string[] {
  const dir = process.env.BENCH_PROFILE_DIR
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : []
}

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never

interface Waiting {
  resolve(value: unknown): void
  reject(error: Error): void
  timer: NodeJS.Timeout
}

/** A forked TypeScript child with request/reply over IPC. */
class Child {
  readonly process: ChildProcess
  private readonly waiting = new Map<number, Waiting>()
  private nextId = 1
  private readonly output: string[] = []
  private exited = false
  readonly exit: Promise<number | null>

  constructor(
    readonly name: string,
    { script, loader }: { script: string; loader: string[] },
    env: Record<string, string>,
  ) {
    this.process = fork(script, [], {
      execArgv: [...loader, '--expose-gc', ...profileArgs()],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    })
    const keep = (chunk: Buffer) => {
      this.output.push(...chunk.toString('utf8').split('\n').filter(Boolean))
      this.output.splice(0, Math.max(0, this.output.length - OUTPUT_LINES))
    }
    this.process.stdout?.on('data', keep)
    this.process.stderr?.on('data', keep)
    this.exit = new Promise((resolve) => {
      this.process.on('exit', (code) => {
        this.exited = true
        for (const waiting of this.waiting.values()) {
          clearTimeout(waiting.timer)
          waiting.reject(new Error(`${this.name} exited (code ${code}) during a request\n${this.recentOutput()}`))
        }
        this.waiting.clear()
        resolve(code)
      })
    })
    this.process.on('message', (raw) => {
      const message = raw as ServerMessage | LoadMessage
      if (message.type !== 'reply' && message.type !== 'error') return
      const waiting = this.waiting.get(message.id)
      if (!waiting) return
      this.waiting.delete(message.id)
      clearTimeout(waiting.timer)
      if (message.type === 'reply') waiting.resolve(message.result)
      else waiting.reject(new Error(`${this.name}: ${message.message}`))
    })
  }

  recentOutput(): string {
    return this.output.map((line) => `  | ${line}`).join('\n')
  }

  /** Resolves with the child's first message (its 'ready'). */
  ready<T>(): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.name} did not start\n${this.recentOutput()}`)),
        START_TIMEOUT_MS,
      )
      this.process.once('message', (message) => {
        clearTimeout(timer)
        resolve(message as T)
      })
      void this.exit.then((code) => {
        clearTimeout(timer)
        reject(new Error(`${this.name} exited (code ${code}) while starting\n${this.recentOutput()}`))
      })
    })
  }

  request<T>(body: Record<string, unknown>, timeoutMs: number): Promise<T> {
    if (this.exited) return Promise.reject(new Error(`${this.name} has exited`))
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id)
        reject(new Error(`${this.name}: no answer within ${timeoutMs} ms\n${this.recentOutput()}`))
      }, timeoutMs)
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject, timer })
      this.process.send({ id, ...body })
    })
  }

  /** Ends the child by its pid if it has not exited within `timeoutMs`. */
  async killAfter(timeoutMs: number): Promise<void> {
    const timer = setTimeout(() => this.process.kill('SIGKILL'), timeoutMs)
    await this.exit
    clearTimeout(timer)
  }
}

/** One server under test, in its own process, on its own data directory. */
export class ServerProcess {
  private constructor(
    private readonly child: Child,
    readonly name: ServerName,
    readonly pid: number,
    readonly target: Target,
  ) {}

  static async start(name: ServerName, dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
    const script = childScript(`servers/${name}.ts`, bundles?.server(name))
    const child = new Child(`server ${name}`, script, { BENCH_DATA_DIR: dataDir, ...env })
    try {
      const ready = await child.ready<ServerMessage>()
      if (ready.type !== 'ready') throw new Error(`server ${name} sent ${ready.type} before ready`)
      return new ServerProcess(child, name, ready.pid, ready.target)
    } catch (error) {
      child.process.kill('SIGKILL')
      throw error
    }
  }

  private request<T>(body: DistributiveOmit<ServerRequest, 'id'>, timeoutMs = 120_000): Promise<T> {
    return this.child.request<T>(body, timeoutMs)
  }

  createBoards(count: number): Promise<BoardRef[]> {
    return this.request({ cmd: 'createBoards', count })
  }

  stats(gc = false): Promise<ServerStats> {
    return this.request({ cmd: 'stats', gc })
  }

  /** Event-loop delay since the last reset (and resets it when asked). */
  loopDelay(reset: boolean): Promise<LoopDelay> {
    return this.request({ cmd: 'loopDelay', reset })
  }

  /** Writes a V8 heap snapshot of the server into `dir` (open it in Chrome DevTools). */
  heapSnapshot(dir: string): Promise<string> {
    return this.request({ cmd: 'heapSnapshot', dir }, 600_000)
  }

  /** Graceful stop (the server stores everything), then waits for the process to exit. */
  async stop(): Promise<void> {
    try {
      await this.request({ cmd: 'stop' }, STOP_TIMEOUT_MS)
    } catch (error) {
      this.child.process.kill('SIGKILL')
      throw error
    } finally {
      await this.child.killAfter(STOP_TIMEOUT_MS)
    }
  }

  kill(): void {
    this.child.process.kill('SIGKILL')
  }

  /** The server's last lines of output, to explain a failure. */
  recentOutput(): string {
    return this.child.recentOutput()
  }

  /** Runs `work`; if it fails, the error also carries what the server printed. */
  async explain<T>(work: Promise<T>): Promise<T> {
    try {
      return await work
    } catch (error) {
      const output = this.recentOutput()
      if (output && error instanceof Error) error.message += `\n${this.name} output:\n${output}`
      throw error
    }
  }
}

/** A load generator process. */
export class LoadProcess {
  private constructor(
    private readonly child: Child,
    readonly pid: number,
  ) {}

  /** `name` tells several load generators apart in errors. */
  static async start(name = 'load generator'): Promise<LoadProcess> {
    const child = new Child(name, childScript('load/loadgen.ts', bundles?.loadGenerator), {})
    try {
      const ready = await child.ready<LoadMessage>()
      if (ready.type !== 'ready') throw new Error(`${name} sent ${ready.type} before ready`)
      return new LoadProcess(child, ready.pid)
    } catch (error) {
      child.process.kill('SIGKILL')
      throw error
    }
  }

  run<T>(job: LoadJob, timeoutMs: number): Promise<T> {
    return this.child.request<T>({ job }, timeoutMs)
  }

  async stop(): Promise<void> {
    this.child.process.disconnect()
    await this.child.killAfter(10_000)
  }
}
