/** Fixed-window request counter per key (client IP), in memory, for login and public endpoints. */
export interface RateLimiter {
  /** Counts one request; false when the key is over its limit in the current window. */
  hit(key: string, now: number): boolean;
}

export function fixedWindowLimiter(limit: number, windowMs = 60_000, maxKeys = 100_000): RateLimiter {
  let windowStart = 0;
  let counts = new Map<string, number>();
  return {
    hit(key, now) {
      if (now - windowStart >= windowMs) {
        windowStart = now - (now % windowMs);
        counts = new Map();
      }
      const n = (counts.get(key) ?? 0) + 1;
      if (counts.size < maxKeys || counts.has(key)) counts.set(key, n);
      return n <= limit;
    },
  };
}
