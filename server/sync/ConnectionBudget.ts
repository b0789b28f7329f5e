import type { SyncBudget } from '../config.js'

/**
 * A token bucket: it holds at most `burst` tokens and refills at `perSecond` continuously.
 * A rate of 0 means no limit.
 */
export class TokenBucket {
  private tokens: number
  private updatedAt: number

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    now: number = performance.now(),
  ) {
    this.tokens = burst
    this.updatedAt = now
  }

  /** Takes `amount` tokens if the bucket holds them; false (taking none) when it does not. */
  take(amount: number, now: number = performance.now()): boolean {
    if (this.perSecond === 0) return true
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) * this.perSecond) / 1000)
    this.updatedAt = now
    if (this.tokens < amount) return false
    this.tokens -= amount
    return true
  }
}

/** Which budget a frame exceeded. */
export type BudgetExceeded = 'bytes' | 'messages'

/** What one websocket may send: bytes and frames per second, each with a burst allowance. */
export class ConnectionBudget {
  private readonly bytes: TokenBucket
  private readonly messages: TokenBucket

  constructor(budget: SyncBudget, now: number = performance.now()) {
    this.bytes = new TokenBucket(budget.bytesPerSecond, budget.bytesBurst, now)
    this.messages = new TokenBucket(budget.messagesPerSecond, budget.messagesBurst, now)
  }

  /** Charges one frame of `byteLength`; null when it fits, else the budget it exceeded. */
  charge(byteLength: number, now: number = performance.now()): BudgetExceeded | null {
    if (!this.messages.take(1, now)) return 'messages'
    if (!this.bytes.take(byteLength, now)) return 'bytes'
    return null
  }
}
