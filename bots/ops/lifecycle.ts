/** Where a process is in its life: readiness answers 503 unless "ready". */
export type Phase = "starting" | "ready" | "draining";

/**
 * The process's phase and the requests it is working on. The server counts every request that may run a
 * turn (all but health and metrics) so a drain can wait for them.
 */
export class Lifecycle {
  phase: Phase = "starting";
  private inflight = 0;
  private waiters: (() => void)[] = [];
  private readonly drainers: (() => Promise<void>)[] = [];

  get draining(): boolean {
    return this.phase === "draining";
  }

  /** Work to stop as soon as a drain begins (taking Telegram updates), before the requests in flight end. */
  onDrain(fn: () => Promise<void>): void {
    this.drainers.push(fn);
  }

  /** Enters "draining" and runs the drain hooks. */
  async beginDrain(): Promise<void> {
    this.phase = "draining";
    await Promise.all(this.drainers.map((fn) => fn().catch(() => {})));
  }

  /** Counts a request until `done` is called (once). */
  begin(): () => void {
    this.inflight++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.inflight--;
      if (this.inflight === 0) for (const w of this.waiters.splice(0)) w();
    };
  }

  get busy(): number {
    return this.inflight;
  }

  /** Resolves when no request is in flight, or false after `ms`. */
  idle(ms: number): Promise<boolean> {
    if (this.inflight === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), Math.max(0, ms));
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
