// A clock for waits on simulated time: core's waiter and step take it as their `clock` option (its shape is core's
// `Clock`), and tests move its time on.

/** A clock whose time moves only when the test says so; timers fire in order. */
export class FakeClock {
  private time = 0;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + Math.max(0, ms), callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Lets promise callbacks and I/O run. */
  async flush(): Promise<void> {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  }

  /** Runs timers in time order until `promise` settles; returns its outcome. */
  async run<T>(promise: Promise<T>, limit = 10_000): Promise<{ value?: T; error?: any }> {
    let settled: { value?: T; error?: any } | undefined;
    promise.then(
      (value) => (settled = { value }),
      (error) => (settled = { error }),
    );
    for (let i = 0; i < limit; i++) {
      await this.flush();
      if (settled) return settled;
      const next = [...this.timers.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!next) throw new Error("nothing scheduled and the promise has not settled");
      this.timers.delete(next[0]);
      this.time = Math.max(this.time, next[1].at);
      next[1].callback();
    }
    throw new Error("too many timer steps");
  }
}
