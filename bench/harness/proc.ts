/** Reading another process's CPU time and memory from /proc (Linux), without its help. */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'

let ticksPerSecond: number | null = null

function clockTicks(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
    } catch {
      ticksPerSecond = 100
    }
  }
  return ticksPerSecond
}

/** User + system CPU time of `pid` in milliseconds. */
export function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const utime = Number(fields[11])
  const stime = Number(fields[12])
  return ((utime + stime) / clockTicks()) * 1000
}

/** Current and peak resident set size of `pid`, in bytes. */
export function memory(pid: number): { rss: number; peakRss: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024
  return { rss: kib('VmRSS'), peakRss: kib('VmHWM') }
}

/** Samples a process's RSS every `intervalMs` and keeps the maximum seen since the last reset. */
export class RssSampler {
  private max = 0
  private readonly timer: NodeJS.Timeout

  constructor(
    private readonly pid: number,
    intervalMs = 100,
  ) {
    this.timer = setInterval(() => this.sample(), intervalMs)
    this.timer.unref()
    this.sample()
  }

  private sample(): void {
    try {
      this.max = Math.max(this.max, memory(this.pid).rss)
    } catch {
      // The process has exited; keep what we saw.
    }
  }

  reset(): void {
    this.max = 0
    this.sample()
  }

  peak(): number {
    this.sample()
    return this.max
  }

  stop(): void {
    clearInterval(this.timer)
  }
}
