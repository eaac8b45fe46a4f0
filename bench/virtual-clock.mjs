// A virtual-time clock for running the real wait engine (`waitUntilDone` from @opstatus/core) without waiting: time
// moves only when every wait is asleep, and then jumps straight to the next timer. Shared by `schedules.mjs` and
// `waiter-memory.mjs`.
//
// Unlike core's test FakeClock (a Map sorted on every step, fine for one wait), the timers live in an indexed binary
// heap: setTimeout and clearTimeout are O(log n), so thousands of concurrent waits cost the same per poll as one, and
// a cleared timer (every poll's request time limit is cleared when the answer comes) leaves nothing behind.

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed of its own for wait `index` of stream `stream` (a hash, so that neighbouring waits get unrelated streams). */
export function seedOf(stream, index) {
  let h = Math.imul(stream ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> 0;
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

export class VirtualClock {
  #time = 0;
  #seq = 0;
  /** Timers ordered by (at, seq); each timer knows its index, so that clearTimeout removes it at once. */
  #heap = [];
  /** Timers fired so far. */
  fired = 0;

  now() {
    return this.#time;
  }

  setTimeout(callback, ms) {
    const timer = { at: this.#time + Math.max(0, ms), seq: this.#seq++, callback, index: this.#heap.length };
    this.#heap.push(timer);
    this.#up(timer.index);
    return timer;
  }

  clearTimeout(timer) {
    if (!timer || timer.index < 0 || this.#heap[timer.index] !== timer) return;
    const i = timer.index;
    const last = this.#heap.pop();
    timer.index = -1;
    if (last !== timer) {
      this.#heap[i] = last;
      last.index = i;
      this.#down(i);
      this.#up(last.index);
    }
  }

  get pending() {
    return this.#heap.length;
  }

  /**
   * Runs: lets every promise callback settle (one macrotask turn drains all microtasks, and the engine does
   * everything else on this clock), then fires every timer due at the earliest time, and so on, until no timer is
   * left or `stop()` (checked whenever everything has settled) says so.
   */
  async run(stop = () => false) {
    for (;;) {
      await turn();
      if (stop() || this.#heap.length === 0) return;
      const at = this.#heap[0].at;
      this.#time = Math.max(this.#time, at);
      while (this.#heap.length > 0 && this.#heap[0].at === at) {
        const timer = this.#heap[0];
        this.clearTimeout(timer);
        this.fired++;
        timer.callback();
      }
    }
  }

  #less(a, b) {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  #swap(i, j) {
    const heap = this.#heap;
    const t = heap[i];
    heap[i] = heap[j];
    heap[j] = t;
    heap[i].index = i;
    heap[j].index = j;
  }

  #up(i) {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#less(this.#heap[i], this.#heap[parent])) return;
      this.#swap(i, parent);
      i = parent;
    }
  }

  #down(i) {
    const heap = this.#heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && this.#less(heap[l], heap[m])) m = l;
      if (r < heap.length && this.#less(heap[r], heap[m])) m = r;
      if (m === i) return;
      this.#swap(i, m);
      i = m;
    }
  }
}
