/**
 * Counts open websockets per board and per client address, refusing one more beyond the
 * configured limits (0 = no limit). Each acquire that succeeds returns its release, which is
 * idempotent, so a socket can release on every path that ends it.
 */
export class ConnectionLimits {
  private readonly perBoard = new Map<string, number>()
  private readonly perAddress = new Map<string, number>()

  constructor(private readonly limits: { perBoard: number; perAddress: number }) {}

  /** A slot for one more socket from `address`; null when it has as many as it may. */
  acquireAddress(address: string): (() => void) | null {
    return acquire(this.perAddress, address, this.limits.perAddress)
  }

  /** A slot for one more socket on `boardId`; null when the board is full. */
  acquireBoard(boardId: string): (() => void) | null {
    return acquire(this.perBoard, boardId, this.limits.perBoard)
  }

  /** Open sockets counted for `address` (for tests and logs). */
  countForAddress(address: string): number {
    return this.perAddress.get(address) ?? 0
  }
}

function acquire(counts: Map<string, number>, key: string, limit: number): (() => void) | null {
  const current = counts.get(key) ?? 0
  if (limit > 0 && current >= limit) return null
  counts.set(key, current + 1)
  let released = false
  return () => {
    if (released) return
    released = true
    const left = (counts.get(key) ?? 1) - 1
    if (left <= 0) counts.delete(key)
    else counts.set(key, left)
  }
}
